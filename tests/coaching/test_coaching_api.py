"""The coaching API's reads: my upcoming sessions and an engagement's bookable slots, with
their refusals (the shared ErrorOut body with a `code`). Times are UTC.

The world (tests/coaching/booking_support.py): Monday, January 11, 2027, 8:00 AM in Chicago;
Riverside's active engagement coached by Dana Whitfield (Chicago, Mon-Fri 9-12 and 13-17)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator

from socialrx.accounts.services import create_api_token
from socialrx.coaching.selectors.booking import upcoming_sessions_of
from tests.coaching.booking_support import NOW, WED_10, booking_world
from tests.coaching.factories import make_engagement, make_session, member_org
from tests.factories import SeatFactory, UserFactory, give_mfa

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

BASE = "/api/v1/coaching"
MY_SESSIONS = f"{BASE}/me/sessions"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db):
    return booking_world()


def slots_url(engagement) -> str:
    return f"{BASE}/engagements/{engagement.public_id}/slots"


def signed_in(client, user):
    if (user.is_coach or user.is_staff) and not Authenticator.objects.filter(user=user).exists():
        give_mfa(user)
    client.force_login(user)
    return client


# --- my sessions ------------------------------------------------------------------------------


def test_my_sessions_gives_each_session_in_utc_with_its_links(client, world):
    session = make_session(world.engagement, booked_by=world.member, starts_at=WED_10)

    response = signed_in(client, world.member).get(MY_SESSIONS)

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": str(session.public_id),
            "engagement_id": str(world.engagement.public_id),
            "engagement_title": "Launching the physician video series",
            "organization": "Riverside Regional Medical Center",
            "organization_id": str(world.organization.public_id),
            "coach_id": str(world.coach_user.public_id),
            "coach_name": "Dana Whitfield",
            "starts_at": "2027-01-13T16:00:00Z",
            "ends_at": "2027-01-13T17:00:00Z",
            "minutes": 60,
            "status": "booked",
            "agenda": "Review the draft posting calendar.",
            "meeting_url": "https://meet.example.org/riverside",
            "links": {
                "page": f"/coaching/sessions/{session.public_id}/",
                "invitation": f"/coaching/sessions/{session.public_id}/invite.ics",
                "engagement": f"/coaching/engagements/{world.engagement.public_id}/",
            },
        }
    ]


def test_my_sessions_are_the_upcoming_ones_i_booked_of_my_organizations_or_coach(client, world):
    by_admin = make_session(world.engagement, booked_by=world.admin, starts_at=WED_10)
    later = make_session(
        world.engagement, booked_by=world.member, starts_at=WED_10 + timedelta(days=1)
    )
    make_session(world.engagement, starts_at=WED_10 + timedelta(hours=4), status="cancelled")
    make_session(world.engagement, starts_at=NOW - timedelta(days=1))  # over, still to record
    other_org, _, _ = member_org("Lakeside Family Physicians")
    elsewhere = make_session(
        make_engagement(other_org, [world.coach]), starts_at=WED_10 + timedelta(hours=2)
    )

    def ids(user) -> list[str]:
        return [item["id"] for item in signed_in(client, user).get(MY_SESSIONS).json()]

    # Of my organization, whoever booked it.
    assert ids(world.member) == [str(by_admin.public_id), str(later.public_id)]
    # The coach: every session they coach, of any organization.
    assert ids(world.coach_user) == [
        str(by_admin.public_id),
        str(elsewhere.public_id),
        str(later.public_id),
    ]
    assert ids(UserFactory()) == []


def test_staff_see_the_sessions_they_booked_and_a_former_member_no_longer_sees_hers(
    client, staff, world
):
    booked_by_staff = make_session(world.engagement, booked_by=staff, starts_at=WED_10)
    left = UserFactory()
    make_session(world.engagement, booked_by=left, starts_at=WED_10 + timedelta(days=1))

    response = signed_in(client, staff).get(MY_SESSIONS)
    assert [item["id"] for item in response.json()] == [str(booked_by_staff.public_id)]
    # Booked while a member (the seat is gone now): the organization's sessions are not hers.
    assert signed_in(client, left).get(MY_SESSIONS).json() == []


def test_my_sessions_with_a_personal_api_token(client, world):
    session = make_session(world.engagement, starts_at=WED_10)
    _, raw = create_api_token(user=world.admin, name="Calendar sync")

    response = client.get(MY_SESSIONS, headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 200
    assert [item["id"] for item in response.json()] == [str(session.public_id)]


def test_my_sessions_needs_authentication(client):
    response = client.get(MY_SESSIONS)

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required: a session or a bearer token."}


@pytest.mark.parametrize("count", [1, 4])
def test_my_sessions_takes_the_same_queries_however_many(
    client, world, count, django_assert_num_queries
):
    for day in range(count):
        make_session(world.engagement, starts_at=WED_10 + timedelta(days=day))
    signed_in(client, world.member)

    # Session, user, their organizations, the sessions.
    with django_assert_num_queries(4):
        response = client.get(MY_SESSIONS)

    assert len(response.json()) == count


@pytest.mark.parametrize("sessions", [1, 6])
def test_my_sessions_take_the_same_queries_for_1_and_6_sessions(
    client, world, django_assert_num_queries, sessions
):
    for day in range(sessions):
        make_session(
            world.engagement, booked_by=world.member, starts_at=WED_10 + timedelta(days=day)
        )
    signed_in(client, world.member)

    # The login session, the person; their seats; the sessions with engagement,
    # organization and coach.
    with django_assert_num_queries(4):
        response = client.get(MY_SESSIONS)
    # The selector alone, for a person not read before: their seats and the sessions.
    member = type(world.member).objects.get(pk=world.member.pk)
    with django_assert_num_queries(2):
        found = upcoming_sessions_of(member)

    assert len(response.json()) == len(found) == sessions


# --- slots ------------------------------------------------------------------------------------


def test_the_slots_of_a_day_in_utc(client, world):
    response = signed_in(client, world.member).get(
        slots_url(world.engagement), {"from": "2027-01-13", "days": "1"}
    )

    assert response.status_code == 200
    slots = response.json()
    # Wed Jan 13 (UTC day): the coach's 9-12 and 13-17 CST are 15-18 and 19-23 UTC; an hour
    # long, every half hour: 5 in the morning, 7 in the afternoon.
    assert [slot["starts_at"] for slot in slots] == [
        "2027-01-13T15:00:00Z",
        "2027-01-13T15:30:00Z",
        "2027-01-13T16:00:00Z",
        "2027-01-13T16:30:00Z",
        "2027-01-13T17:00:00Z",
        "2027-01-13T19:00:00Z",
        "2027-01-13T19:30:00Z",
        "2027-01-13T20:00:00Z",
        "2027-01-13T20:30:00Z",
        "2027-01-13T21:00:00Z",
        "2027-01-13T21:30:00Z",
        "2027-01-13T22:00:00Z",
    ]
    assert slots[0] == {
        "coach_id": str(world.coach_user.public_id),
        "coach_name": "Dana Whitfield",
        "starts_at": "2027-01-13T15:00:00Z",
        "ends_at": "2027-01-13T16:00:00Z",
        "minutes": 60,
    }


def test_half_hour_slots_and_a_booked_hour_taken_out(client, world):
    make_session(world.engagement, starts_at=WED_10)  # 16:00-17:00 UTC

    response = signed_in(client, world.admin).get(
        slots_url(world.engagement), {"from": "2027-01-13", "days": "1", "minutes": "30"}
    )

    starts = [slot["starts_at"][11:16] for slot in response.json()]
    assert starts == [
        "15:00",
        "15:30",
        "17:00",
        "17:30",
        "19:00",
        "19:30",
        "20:00",
        "20:30",
        "21:00",
        "21:30",
        "22:00",
        "22:30",
    ]


def test_by_default_the_next_fourteen_days_from_today_after_the_notice(client, world):
    slots = signed_in(client, world.member).get(slots_url(world.engagement)).json()

    # Today, Mon Jan 11 (8:00 AM CST): nothing before 8:00 PM (12 hours' notice), so the first
    # slot is Tuesday 9:00 CST; fourteen UTC days run to Sunday Jan 24, a weekend.
    assert slots[0]["starts_at"] == "2027-01-12T15:00:00Z"
    assert slots[-1]["starts_at"] == "2027-01-22T22:00:00Z"
    assert len(slots) == 12 * 9  # nine working days, twelve hour-long slots each


def test_staff_see_the_slots_too(client, staff, world):
    response = signed_in(client, staff).get(slots_url(world.engagement), {"days": "2"})

    assert response.status_code == 200
    assert len(response.json()) == 12


@pytest.mark.parametrize(
    ("params", "code", "field", "detail"),
    [
        ({"minutes": "45"}, "bad_minutes", "minutes", "A session lasts 30 or 60 minutes."),
        ({"days": "0"}, "bad_days", "days", "days must be from 1 to 31."),
        ({"days": "32"}, "bad_days", "days", "days must be from 1 to 31."),
        (
            {"from": "2028-01-12"},
            "bad_from",
            "from",
            "from must be a day from yesterday to 365 days ahead (UTC).",
        ),
        (
            {"from": "2027-01-09"},
            "bad_from",
            "from",
            "from must be a day from yesterday to 365 days ahead (UTC).",
        ),
    ],
)
def test_bad_slot_parameters_are_400_with_their_reason(client, world, params, code, field, detail):
    response = signed_in(client, world.member).get(slots_url(world.engagement), params)

    assert response.status_code == 400
    assert response.json() == {"detail": detail, "code": code, "field": field}


@pytest.mark.parametrize("params", [{"from": "13/01/2027"}, {"days": "two"}, {"minutes": "x"}])
def test_malformed_slot_parameters_are_invalid_input(client, world, params):
    response = signed_in(client, world.member).get(slots_url(world.engagement), params)

    assert response.status_code == 422
    assert response.json()["detail"] == "Invalid input."


def test_another_organizations_engagement_is_not_found(client, world):
    _, other_admin, _ = member_org("Lakeside Family Physicians")

    response = signed_in(client, other_admin).get(slots_url(world.engagement))

    assert response.status_code == 404
    assert response.json() == {"detail": "No such engagement.", "code": "not_found"}


def test_an_unknown_engagement_is_not_found(client, world):
    response = signed_in(client, world.member).get(
        f"{BASE}/engagements/00000000-0000-0000-0000-000000000000/slots"
    )

    assert response.status_code == 404


def test_a_proposed_engagement_has_no_slots_yet(client, world):
    proposed = make_engagement(world.organization, [world.coach], status="proposed")

    response = signed_in(client, world.member).get(slots_url(proposed))

    assert response.status_code == 409
    assert response.json() == {
        "detail": "This engagement is proposed: sessions are booked while it is active.",
        "code": "not_active",
    }


def test_slots_need_authentication(client, world):
    assert client.get(slots_url(world.engagement)).status_code == 401


@pytest.mark.parametrize("coaches", [1, 3])
def test_slots_take_the_same_queries_for_one_or_three_coaches(
    client, world, coaches, django_assert_num_queries
):
    from tests.coaching.factories import make_coach  # noqa: PLC0415

    for _ in range(coaches - 1):
        world.engagement.coaches.add(make_coach().user)
    SeatFactory(organization=world.organization)
    signed_in(client, world.member)

    # Session, user, the engagement with its coaches (two), the person's organizations, then
    # coaches, windows, exceptions, commitments.
    with django_assert_num_queries(9):
        response = client.get(slots_url(world.engagement), {"from": "2027-01-13", "days": "1"})

    assert len(response.json()) == 12 * coaches
