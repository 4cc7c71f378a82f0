"""The events API: published events, an event with its ticket types, its agenda (public); a
person's tickets and orders; check-in at the door and its counts (center staff)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from socialrx.accounts.services import create_api_token
from socialrx.events.models import CheckIn
from socialrx.taxonomy.models import Topic
from tests.events.factories import make_attendee, make_event, make_session, make_ticket_type
from tests.events.my_agenda_support import make_agendas
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

BASE = "/api/v1/events"
MY_TICKETS = f"{BASE}/my/tickets"
MY_ORDERS = f"{BASE}/my/orders"


@pytest.fixture
def agendas(db):
    return make_agendas()


def door(slug: str) -> str:
    return f"{BASE}/{slug}/check-in"


# --- public: events -----------------------------------------------------------------------------


def test_the_list_holds_published_events_soonest_first(client, agendas):
    make_event(title="Called off", slug="called-off", status="cancelled")

    response = client.get(BASE)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [item["slug"] for item in body["items"]] == ["summit-2030", "webinar-2030"]


def test_an_event_in_the_list_gives_its_times_in_its_own_zone(client, agendas):
    item = client.get(BASE).json()["items"][0]

    assert item["title"] == "Health Care Social Media Summit"
    assert item["kind"] == "conference"
    assert item["format"] == "in_person"
    assert item["status"] == "published"
    assert item["time_zone"] == "America/Chicago"
    assert item["starts_at"] == "2030-04-15T09:00:00-05:00"
    assert item["ends_at"] == "2030-04-16T17:00:00-05:00"
    assert item["venue_name"] == "SocialRx Center"
    assert item["url"] == "/events/summit-2030/"


@pytest.mark.parametrize(
    ("params", "slugs"),
    [({"limit": 1}, ["summit-2030"]), ({"limit": 1, "offset": 1}, ["webinar-2030"])],
)
def test_the_list_pages(client, agendas, params, slugs):
    body = client.get(BASE, params).json()

    assert body["count"] == 2
    assert [item["slug"] for item in body["items"]] == slugs


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}])
def test_bad_list_parameters_are_invalid_input(client, params):
    response = client.get(BASE, params)

    assert response.status_code == 422
    assert response.json()["detail"] == "Invalid input."


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_takes_the_same_queries_for_one_or_three(client, count, django_assert_num_queries):
    for number in range(count):
        make_event(title=f"Event {number}")

    with django_assert_num_queries(2):  # the count, the page
        response = client.get(BASE)

    assert response.json()["count"] == count


def test_an_event_with_its_ticket_types_and_list_prices(client, agendas):
    make_ticket_type(agendas.summit, name="Member", kind="member", price_cents=35_000, position=1)
    make_ticket_type(
        agendas.summit,
        name="Early bird",
        kind="early_bird",
        price_cents=29_500,
        quota=50,
        position=0,
        sales_end=datetime(2030, 3, 1, 6, 0, tzinfo=UTC),
    )

    agendas.summit.topics.add(Topic.objects.get(slug="strategy"))

    response = client.get(f"{BASE}/summit-2030")

    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Health Care Social Media Summit"
    assert body["capacity"] == 100
    assert body["topics"] == [{"slug": "strategy", "name": "Strategy and planning"}]
    assert body["refund_until"] == "2030-04-01T09:00:00-05:00"
    assert body["agenda_url"] == "/events/summit-2030/agenda/"
    assert body["calendar_url"] == "/events/summit-2030/calendar.ics"
    assert [
        (t["name"], t["kind"], t["price_cents"], t["quota"], t["sales_end"])
        for t in body["ticket_types"]
    ] == [
        ("Early bird", "early_bird", 29_500, 50, "2030-03-01T00:00:00-06:00"),
        ("Member", "member", 35_000, None, None),
    ]


def test_a_cancelled_event_reads_as_cancelled(client):
    make_event(title="Called off", slug="called-off", status="cancelled")

    body = client.get(f"{BASE}/called-off").json()

    assert body["status"] == "cancelled"


@pytest.mark.parametrize("slug", ["draft-2030", "no-such-event"])
def test_a_draft_or_unknown_event_is_404(client, agendas, slug):
    for path in (f"{BASE}/{slug}", f"{BASE}/{slug}/agenda"):
        response = client.get(path)

        assert response.status_code == 404
        assert response.json() == {"detail": "Event not found.", "code": "not_found"}


def test_an_overlong_slug_is_invalid_input(client):
    assert client.get(f"{BASE}/{'a' * 81}").status_code == 422


# --- public: the agenda -------------------------------------------------------------------------


def test_the_agenda_lists_sessions_with_speakers_rooms_and_tracks(client, agendas):
    response = client.get(f"{BASE}/summit-2030/agenda")

    assert response.status_code == 200
    body = response.json()
    assert body["event_slug"] == "summit-2030"
    assert body["time_zone"] == "America/Chicago"
    assert [room["name"] for room in body["rooms"]] == ["Hall A", "Room 2"]
    assert body["tracks"] == [{"name": "Strategy", "description": ""}]
    keynote, crisis, panel = body["sessions"]
    assert keynote["title"] == "Why physicians should post"
    assert keynote["day"] == "2030-04-15"
    assert keynote["starts_at"] == "2030-04-15T09:00:00-05:00"
    assert keynote["ends_at"] == "2030-04-15T09:45:00-05:00"
    assert keynote["room"] == "Hall A"
    assert keynote["track"] == "Strategy"
    assert [s["full_name"] for s in keynote["speakers"]] == ["Dr. Ada Okafor"]
    assert keynote["url"] == f"/events/summit-2030/sessions/{agendas.keynote.slug}/"
    assert crisis["starts_at"] == "2030-04-15T13:00:00-05:00"
    assert crisis["track"] is None
    assert panel["day"] == "2030-04-16"
    assert [s["full_name"] for s in panel["speakers"]] == ["Dr. Ada Okafor", "Sam Lee"]


def test_the_webinar_agenda_is_in_new_york_time(client, agendas):
    [session] = client.get(f"{BASE}/webinar-2030/agenda").json()["sessions"]

    assert session["starts_at"] == "2030-05-08T12:00:00-04:00"
    assert session["room"] is None


@pytest.mark.parametrize("extra", [0, 5])
def test_the_agenda_takes_the_same_queries_however_many_sessions(
    client, agendas, extra, django_assert_num_queries
):
    for number in range(extra):
        make_session(agendas.summit, starts_at=datetime(2030, 4, 16, 16 + number, 0, tzinfo=UTC))

    # The event; tracks, rooms, sessions, speakers.
    with django_assert_num_queries(5):
        response = client.get(f"{BASE}/summit-2030/agenda")

    assert len(response.json()["sessions"]) == 3 + extra


# --- a person's tickets and orders --------------------------------------------------------------


def test_my_tickets_with_their_check_in_time(client, agendas):
    me = UserFactory(email="dana@example-health.org")
    member = make_ticket_type(agendas.summit, name="Member", kind="member")
    mine = make_attendee(agendas.summit, member, person=me)
    by_email = make_attendee(agendas.webinar, email="Dana@example-health.org")  # verified email
    make_attendee(agendas.summit, member)  # someone else's
    CheckIn.objects.create(attendee=mine, event=agendas.summit, door="Door B")
    CheckIn.objects.filter(attendee=mine).update(
        checked_in_at=datetime(2030, 4, 15, 13, 42, tzinfo=UTC)
    )
    client.force_login(me)

    body = client.get(MY_TICKETS).json()

    assert [(t["event"]["slug"], t["status"]) for t in body] == [
        ("summit-2030", "confirmed"),
        ("webinar-2030", "confirmed"),
    ]
    assert body[0]["public_id"] == str(mine.public_id)
    assert body[0]["ticket_type"] == "Member"
    assert body[0]["ticket_kind"] == "member"
    assert body[0]["checked_in_at"] == "2030-04-15T08:42:00-05:00"
    assert body[0]["event"]["starts_at"] == "2030-04-15T09:00:00-05:00"
    assert body[1]["public_id"] == str(by_email.public_id)
    assert body[1]["checked_in_at"] is None


def test_my_orders_with_their_attendees_over_a_bearer_token(client, agendas):
    me = UserFactory()
    ticket_type = make_ticket_type(agendas.summit, name="General")
    order = make_attendee(
        agendas.summit, ticket_type, full_name="Sam Colleague", made_by=me, status="pending"
    ).order
    make_attendee(agendas.summit, ticket_type)  # another buyer's
    _, token = create_api_token(user=me, name="Script")

    response = client.get(MY_ORDERS, headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200
    [item] = response.json()
    assert item["public_id"] == str(order.public_id)
    assert item["status"] == "pending"
    assert item["ticket_type"] == "General"
    assert item["quantity"] == 1
    assert item["organization"] is None
    assert [(a["full_name"], a["status"]) for a in item["attendees"]] == [
        ("Sam Colleague", "pending")
    ]


@pytest.mark.parametrize("path", [MY_TICKETS, MY_ORDERS])
def test_my_lists_need_authentication(client, path):
    response = client.get(path)

    assert response.status_code == 401
    assert response.json()["detail"].startswith("Authentication required")


@pytest.mark.parametrize("path", [MY_TICKETS, MY_ORDERS])
def test_my_lists_are_empty_for_a_newcomer(client, user, path):
    client.force_login(user)

    assert client.get(path).json() == []


@pytest.mark.parametrize("count", [1, 3])
def test_my_lists_take_the_same_queries_for_one_or_three(
    client, agendas, count, django_assert_num_queries
):
    me = UserFactory()
    ticket_type = make_ticket_type(agendas.summit)
    for _ in range(count):
        attendee = make_attendee(agendas.summit, ticket_type, made_by=me)
        attendee.person = me
        attendee.save()
    client.force_login(me)

    # Session, user; verified emails, tickets, check-ins.
    with django_assert_num_queries(5):
        assert len(client.get(MY_TICKETS).json()) == count
    # Session, user; orders, their attendees.
    with django_assert_num_queries(4):
        assert len(client.get(MY_ORDERS).json()) == count
