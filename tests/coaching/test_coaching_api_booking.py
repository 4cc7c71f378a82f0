"""Booking, moving and cancelling over the coaching API: the happy paths write what the
services write; each refusal is the shared ErrorOut body with its `code` (400 bad input, 401,
403 may see but not do, 404 not yours, 409 the state refuses, 422 malformed). Times are UTC,
a time without an offset too.

The world (tests/coaching/booking_support.py): Monday, January 11, 2027, 8:00 AM in Chicago;
Wednesday 10:00 AM CST is 16:00 UTC."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator

from socialrx.coaching.models import CoachingSession
from socialrx.schedules.models import Commitment
from socialrx.schedules.services import Slot, commit
from tests.coaching.booking_support import NOW, WED_10, WED_11, booking_world
from tests.coaching.factories import make_engagement, make_session, member_org
from tests.factories import SeatFactory, UserFactory, give_mfa

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

BASE = "/api/v1/coaching"
ERROR_KEYS = {"detail", "code", "field", "errors"}


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db):
    return booking_world()


def as_user(client, user):
    if (user.is_coach or user.is_staff) and not Authenticator.objects.filter(user=user).exists():
        give_mfa(user)
    client.force_login(user)
    return client


def post(client, url: str, body: dict):
    return client.post(url, json.dumps(body), content_type="application/json")


def bookings_url(engagement) -> str:
    return f"{BASE}/engagements/{engagement.public_id}/bookings"


def booking(world, **changes) -> dict:
    return {
        "coach_id": str(world.coach_user.public_id),
        "starts_at": "2027-01-13T16:00:00Z",
        "minutes": 60,
        "agenda": "Plan the physician video series launch.",
        **changes,
    }


def refusal(response, status: int) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) <= ERROR_KEYS
    return body


# --- book -------------------------------------------------------------------------------------


def test_booking_creates_the_session_and_commits_the_coach(client, world):
    response = post(as_user(client, world.member), bookings_url(world.engagement), booking(world))

    assert response.status_code == 201
    session = CoachingSession.objects.get(engagement=world.engagement)
    assert (session.starts_at, session.ends_at, session.booked_by) == (WED_10, WED_11, world.member)
    assert session.meeting_url == "https://meet.example.org/riverside"
    assert Commitment.objects.filter(person=world.coach_user, starts_at=WED_10).count() == 1
    body = response.json()
    assert body["id"] == str(session.public_id)
    assert (body["starts_at"], body["ends_at"], body["status"]) == (
        "2027-01-13T16:00:00Z",
        "2027-01-13T17:00:00Z",
        "booked",
    )
    assert body["agenda"] == "Plan the physician video series launch."


@pytest.mark.parametrize(
    "starts_at", ["2027-01-13T16:00:00", "2027-01-13T10:00:00-06:00", "2027-01-13T17:00:00+01:00"]
)
def test_a_time_without_an_offset_is_utc_and_an_offset_is_honoured(client, world, starts_at):
    response = post(
        as_user(client, world.member),
        bookings_url(world.engagement),
        booking(world, starts_at=starts_at),
    )

    assert response.status_code == 201
    assert response.json()["starts_at"] == "2027-01-13T16:00:00Z"
    assert CoachingSession.objects.get().starts_at == WED_10


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"agenda": "  "}, "agenda_required", "agenda"),
        ({"agenda": "x" * 2001}, "agenda_too_long", "agenda"),
        ({"minutes": 45}, "bad_minutes", "minutes"),
        ({"meeting_url": "http://meet.example.org/x"}, "bad_meeting_url", "meeting_url"),
        ({"coach_id": "00000000-0000-0000-0000-000000000000"}, "not_its_coach", "coach_id"),
        ({"starts_at": "2027-01-10T16:00:00Z"}, "in_the_past", "starts_at"),
        ({"starts_at": "2027-01-11T17:00:00Z"}, "too_soon", "starts_at"),
        ({"starts_at": "2027-01-13T16:15:00Z"}, "not_a_slot", "starts_at"),
        ({"starts_at": "2027-01-16T16:00:00Z"}, "outside_availability", "starts_at"),  # Sat
        ({"starts_at": "9999-12-31T23:30:00Z"}, "too_far", "starts_at"),
    ],
)
def test_bad_bookings_are_400_with_their_field_and_code(client, world, changes, code, field):
    response = post(
        as_user(client, world.member), bookings_url(world.engagement), booking(world, **changes)
    )

    body = refusal(response, 400)
    assert (body["code"], body["field"]) == (code, field)
    assert body["detail"]
    assert CoachingSession.objects.count() == 0


def test_a_taken_slot_is_a_conflict(client, world):
    commit(
        world.coach_user,
        [Slot(WED_10, WED_11)],
        source_kind="training.boot_camp_day",
        source_public_id=world.engagement.public_id,
        label="Boot camp",
    )

    response = post(as_user(client, world.member), bookings_url(world.engagement), booking(world))

    body = refusal(response, 409)
    assert (body["code"], body["field"]) == ("slot_taken", "starts_at")


def test_beyond_the_allowance_is_a_conflict_saying_where_to_buy_more(client):
    world = booking_world(plan_hours=1)
    make_session(world.engagement, starts_at=WED_10 + timedelta(days=1))  # the one hour

    response = post(as_user(client, world.admin), bookings_url(world.engagement), booking(world))

    body = refusal(response, 409)
    assert body["code"] == "over_allowance"
    assert body["detail"].endswith(
        f"Buy more hours: /coaching/engagements/{world.engagement.public_id}/hours/"
    )
    assert body["detail"].startswith("This engagement has 0 h left to book")


def test_a_proposed_engagement_refuses_bookings_as_a_conflict(client, world):
    proposed = make_engagement(world.organization, [world.coach], status="proposed")

    response = post(as_user(client, world.member), bookings_url(proposed), booking(world))

    assert refusal(response, 409)["code"] == "not_active"


def test_the_coach_may_see_the_engagement_but_not_book_for_it(client, world):
    response = post(
        as_user(client, world.coach_user), bookings_url(world.engagement), booking(world)
    )

    assert refusal(response, 403) == {"detail": "You do not have permission to do this."}


def test_another_organization_does_not_find_the_engagement(client, world):
    _, other_admin, _ = member_org("Lakeside Family Physicians")

    response = post(as_user(client, other_admin), bookings_url(world.engagement), booking(world))

    assert refusal(response, 404)["code"] == "not_found"


def test_booking_needs_authentication(client, world):
    assert post(client, bookings_url(world.engagement), booking(world)).status_code == 401


@pytest.mark.parametrize("body", [{}, {"coach_id": "nope", "starts_at": "x", "agenda": "a"}])
def test_a_malformed_booking_is_invalid_input(client, world, body):
    response = post(as_user(client, world.member), bookings_url(world.engagement), body)

    assert refusal(response, 422)["detail"] == "Invalid input."


def test_a_nul_character_is_invalid_input_not_a_server_error(client, world):
    response = post(
        as_user(client, world.member),
        bookings_url(world.engagement),
        booking(world, agenda="Plan\x00"),
    )

    assert refusal(response, 422)["errors"][0]["loc"][-1] == "agenda"


# --- reschedule -------------------------------------------------------------------------------


@pytest.fixture
def session(world):
    return make_session(world.engagement, booked_by=world.member, starts_at=WED_10)


def reschedule_url(session) -> str:
    return f"{BASE}/sessions/{session.public_id}/reschedule"


def cancel_url(session) -> str:
    return f"{BASE}/sessions/{session.public_id}/cancel"


def test_the_booker_moves_the_session_to_another_slot(client, world, session):
    response = post(
        as_user(client, world.member),
        reschedule_url(session),
        {"starts_at": "2027-01-13T20:00:00Z"},
    )

    assert response.status_code == 200
    assert (response.json()["starts_at"], response.json()["minutes"]) == (
        "2027-01-13T20:00:00Z",
        60,
    )
    session.refresh_from_db()
    assert (session.starts_at, session.sequence) == (WED_10 + timedelta(hours=4), 1)


def test_moving_can_change_the_length(client, world, session):
    response = post(
        as_user(client, world.admin),
        reschedule_url(session),
        {"starts_at": "2027-01-13T16:30:00Z", "minutes": 30},
    )

    assert response.status_code == 200
    assert (response.json()["starts_at"], response.json()["ends_at"]) == (
        "2027-01-13T16:30:00Z",
        "2027-01-13T17:00:00Z",
    )


def test_moving_to_the_same_time_is_bad_input(client, world, session):
    response = post(
        as_user(client, world.member),
        reschedule_url(session),
        {"starts_at": "2027-01-13T16:00:00Z"},
    )

    assert refusal(response, 400)["code"] == "unchanged"


def test_within_a_day_the_organization_may_not_move_it(client, world, session, clock):
    clock.move_to(WED_10 - timedelta(hours=20))

    response = post(
        as_user(client, world.member),
        reschedule_url(session),
        {"starts_at": "2027-01-14T16:00:00Z"},
    )

    assert refusal(response, 409)["code"] == "late_change"


def test_another_member_who_did_not_book_may_not_move_it(client, world, session):
    colleague = SeatFactory(organization=world.organization).user

    response = post(
        as_user(client, colleague), reschedule_url(session), {"starts_at": "2027-01-13T20:00:00Z"}
    )

    assert refusal(response, 403) == {"detail": "You do not have permission to do this."}


def test_an_outsider_does_not_find_the_session(client, world, session):
    response = post(
        as_user(client, UserFactory()),
        reschedule_url(session),
        {"starts_at": "2027-01-13T20:00:00Z"},
    )

    assert refusal(response, 404) == {"detail": "No such session.", "code": "not_found"}


def test_moving_needs_authentication(client, session):
    response = post(client, reschedule_url(session), {"starts_at": "2027-01-13T20:00:00Z"})

    assert response.status_code == 401


# --- cancel -----------------------------------------------------------------------------------


def test_the_booker_cancels_free_more_than_a_day_ahead(client, world, session):
    response = post(as_user(client, world.member), cancel_url(session), {"reason": "Clash"})

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert Commitment.objects.filter(source_public_id=session.public_id).count() == 0


def test_a_late_cancel_counts_the_hour(client, world, session, clock):
    clock.move_to(WED_10 - timedelta(hours=3))

    response = post(as_user(client, world.member), cancel_url(session), {})

    assert response.status_code == 200
    assert response.json()["status"] == "late_cancelled"
    assert session.engagement.uses.get().minutes == 60


def test_the_coach_cancels_with_a_reason_only(client, world, session):
    coach_client = as_user(client, world.coach_user)

    assert refusal(post(coach_client, cancel_url(session), {}), 400) == {
        "detail": "Tell the organization why the session is cancelled.",
        "code": "reason_required",
        "field": "reason",
    }
    response = post(coach_client, cancel_url(session), {"reason": "Unwell"})
    assert response.json()["status"] == "cancelled"


def test_a_cancelled_session_cannot_be_cancelled_again(client, world, session):
    member_client = as_user(client, world.member)
    post(member_client, cancel_url(session), {})

    response = post(member_client, cancel_url(session), {})

    assert refusal(response, 409)["code"] == "not_cancellable"


def test_another_organization_does_not_find_the_session_to_cancel(client, world, session):
    _, other_admin, _ = member_org("Lakeside Family Physicians")

    response = post(as_user(client, other_admin), cancel_url(session), {})

    assert refusal(response, 404)["code"] == "not_found"
    session.refresh_from_db()
    assert session.status == "booked"


def test_cancelling_needs_authentication(client, session):
    assert post(client, cancel_url(session), {}).status_code == 401
