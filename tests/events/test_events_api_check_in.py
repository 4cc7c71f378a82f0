"""The events API at the door (center staff): checking in the ticket a scanned QR code names, a
second scan told when and by whom, refusals with their reasons, and the live counts."""

from __future__ import annotations

import pytest

from socialrx.accounts.services import create_api_token
from socialrx.events.models import CheckIn
from socialrx.events.ticket_tokens import ticket_token
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

BASE = "/api/v1/events"


def door(slug: str) -> str:
    return f"{BASE}/{slug}/check-in"


def counts(slug: str) -> str:
    return f"{BASE}/{slug}/check-in/counts"


@pytest.fixture
def summit(db):
    return make_event(title="Summit", slug="summit")


@pytest.fixture
def member_type(summit):
    return make_ticket_type(summit, name="Member", kind="member", position=0)


@pytest.fixture
def ticket(summit, member_type):
    return make_attendee(summit, member_type, full_name="Priya Raman", job_title="Nurse")


@pytest.fixture
def at_the_door(client, staff):
    staff.full_name = "Dana Whitfield"
    staff.save()
    client.force_login(staff)
    return client


def scan(client, slug, token, door_name="Door A"):
    return client.post(
        door(slug), {"token": token, "door": door_name}, content_type="application/json"
    )


def test_a_scan_checks_the_attendee_in(at_the_door, ticket):
    response = scan(at_the_door, "summit", ticket_token(ticket))

    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "checked_in"
    assert body["outcome"] == "checked_in"
    assert body["admitted"] is True
    assert body["detail"] == "Checked in: Priya Raman, Member"
    assert body["attendee"]["name"] == "Priya Raman"
    assert body["attendee"]["ticket_type"] == "Member"
    assert body["check_in"]["by"] == "Dana Whitfield"
    assert body["check_in"]["door"] == "Door A"
    assert CheckIn.objects.filter(attendee=ticket).count() == 1


def test_a_second_scan_admits_and_says_when_and_by_whom(at_the_door, ticket):
    scan(at_the_door, "summit", ticket_token(ticket), "Door A")

    response = scan(at_the_door, "summit", ticket_token(ticket), "Door B")

    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "already_checked_in"
    assert body["admitted"] is True
    assert body["detail"].startswith("Already checked in at ")
    assert body["detail"].endswith(" by Dana Whitfield at Door A")
    assert body["check_in"]["door"] == "Door A"
    assert CheckIn.objects.filter(attendee=ticket).count() == 1


@pytest.mark.parametrize("token", ["SRXT:forged", "not a ticket at all", "SRXT:" + "x" * 200])
def test_a_forged_token_is_refused_as_not_a_ticket(at_the_door, summit, token):
    response = scan(at_the_door, "summit", token)

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Not a valid ticket: the code is unreadable, altered, or from a ticket that "
        "was reissued to someone else.",
        "code": "not_a_ticket",
    }
    assert CheckIn.objects.count() == 0


def test_another_events_ticket_is_refused(at_the_door, summit):
    other = make_event(title="Other", slug="other")
    elsewhere = make_attendee(other, full_name="Sam Lee")

    response = scan(at_the_door, "summit", ticket_token(elsewhere))

    assert response.status_code == 400
    # Nothing about another event's attendee: the shared error body only.
    assert response.json() == {"detail": "Not a ticket for this event.", "code": "other_event"}
    assert CheckIn.objects.count() == 0


@pytest.mark.parametrize(
    ("status", "code", "detail"),
    [
        ("cancelled", "cancelled", "Ticket cancelled."),
        ("pending", "unpaid", "Ticket not paid: its order is awaiting payment."),
    ],
)
def test_a_cancelled_or_unpaid_ticket_is_a_conflict(at_the_door, summit, status, code, detail):
    attendee = make_attendee(summit, status=status)

    response = scan(at_the_door, "summit", ticket_token(attendee))

    assert response.status_code == 409
    assert response.json()["code"] == code
    assert response.json()["detail"] == detail
    assert CheckIn.objects.count() == 0


def test_an_unknown_event_is_404(at_the_door, ticket):
    response = scan(at_the_door, "no-such-event", ticket_token(ticket))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "body",
    [{}, {"token": ""}, {"token": "x" * 301}, {"token": "SRXT:x", "door": "D" * 61}],
)
def test_bad_input_is_invalid(at_the_door, summit, body):
    response = at_the_door.post(door("summit"), body, content_type="application/json")

    assert response.status_code == 422
    assert response.json()["detail"] == "Invalid input."


def test_a_member_may_not_check_in(client, ticket):
    client.force_login(UserFactory())

    response = scan(client, "summit", ticket_token(ticket))

    assert response.status_code == 403
    assert response.json()["detail"] == "You do not have permission to do this."
    assert CheckIn.objects.count() == 0


def test_a_visitor_must_authenticate(client, ticket):
    response = scan(client, "summit", ticket_token(ticket))

    assert response.status_code == 401
    assert CheckIn.objects.count() == 0


def test_staff_check_in_over_a_bearer_token(client, staff, ticket):
    _, token = create_api_token(user=staff, name="Door scanner")

    response = client.post(
        door("summit"),
        {"token": ticket_token(ticket), "door": "Door C"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 200
    assert CheckIn.objects.get(attendee=ticket).door == "Door C"


# --- the counts ---------------------------------------------------------------------------------


def test_the_counts_by_ticket_type(at_the_door, summit, member_type, ticket):
    general = make_ticket_type(summit, name="General", position=1)
    make_attendee(summit, general)
    make_attendee(summit, general)
    make_attendee(summit, general, status="cancelled")
    scan(at_the_door, "summit", ticket_token(ticket))

    response = at_the_door.get(counts("summit"))

    assert response.status_code == 200
    assert response.json() == {
        "checked_in": 1,
        "registered": 3,
        "ticket_types": [
            {"name": "Member", "checked_in": 1, "registered": 1},
            {"name": "General", "checked_in": 0, "registered": 2},
        ],
    }


def test_the_counts_are_for_staff(client, summit):
    assert client.get(counts("summit")).status_code == 401
    client.force_login(UserFactory())
    assert client.get(counts("summit")).status_code == 403


def test_the_counts_of_an_unknown_event_are_404(at_the_door):
    assert at_the_door.get(counts("no-such-event")).status_code == 404
