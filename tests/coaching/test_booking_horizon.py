"""How far ahead sessions are booked: a year (365 days), one rule in `services.booking` that
the book and reschedule pages, the API and the slots offered all keep. A date centuries away
(a hand-made slot value, `?week=`, an API time) is a 400 with its reason, never a 500.

The clock (tests/coaching/booking_support.py): Monday, January 11, 2027, 14:00 UTC (8:00 AM
in Chicago). The horizon is then Tuesday, January 11, 2028, 14:00 UTC (8:00 AM CST), before
that Tuesday's office hours (9-12 and 1-5 Chicago time)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from socialrx.coaching.models import CoachingSession
from socialrx.coaching.selectors.slots import bookable_slots
from socialrx.core.errors import DomainError
from tests.coaching.booking_support import NOW, WED_10, book_at, booking_world

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

FAR = "Sessions are booked at most 365 days ahead: choose an earlier time."
# Monday, January 10, 2028, 10:00 AM CST: 364 days ahead, inside the horizon.
LAST_MONDAY = datetime(2028, 1, 10, 16, 0, tzinfo=UTC)
# Wednesday, January 12, 2028, 10:00 AM CST: 366 days ahead, past it.
PAST_THE_HORIZON = datetime(2028, 1, 12, 16, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world():
    return booking_world()


def _slot(world, stamp: str) -> str:
    """A slot's form value as a hand-made POST would carry it."""
    return f"{world.coach_user.public_id}_{stamp}"


# --- the service ------------------------------------------------------------------------------


def test_a_session_364_days_ahead_is_booked_and_366_days_ahead_refused(world):
    booked = book_at(world, LAST_MONDAY)

    with pytest.raises(DomainError) as refused:
        book_at(world, PAST_THE_HORIZON)

    assert booked.starts_at == LAST_MONDAY
    assert (refused.value.code, refused.value.field, refused.value.message) == (
        "too_far",
        "starts_at",
        FAR,
    )
    assert CoachingSession.objects.count() == 1


def test_no_slot_is_offered_past_the_horizon(world):
    # The week of Monday, January 10, 2028 (midnight CST is 06:00 UTC): Monday's 12 hour-long
    # times (9:00 to 11:00 and 1:00 to 4:00 on the half hour), none from Tuesday on.
    found = bookable_slots(
        world.engagement,
        minutes=60,
        since=datetime(2028, 1, 10, 6, tzinfo=UTC),
        until=datetime(2028, 1, 15, 6, tzinfo=UTC),
    )

    assert len(found) == 12
    assert (found[0].starts_at, found[-1].starts_at) == (
        datetime(2028, 1, 10, 15, 0, tzinfo=UTC),
        datetime(2028, 1, 10, 22, 0, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("since", "until"),
    [
        (datetime(9999, 12, 27, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, tzinfo=UTC)),
        (datetime(1, 1, 1, tzinfo=UTC), datetime(1, 1, 8, tzinfo=UTC)),
    ],
)
def test_slots_asked_for_at_the_ends_of_the_calendar_are_none(world, since, until):
    assert bookable_slots(world.engagement, minutes=60, since=since, until=until) == []


# --- the pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("stamp", ["99991230T1000Z", "99991231T2300Z", "20280112T1600Z"])
def test_the_book_form_refuses_a_slot_past_the_horizon_with_its_reason(world, client, stamp):
    client.force_login(world.member)

    page = client.post(
        reverse("coaching:book", args=[world.engagement.public_id]),
        {"slot": _slot(world, stamp), "agenda": "Plan the physician video series launch."},
    )

    assert page.status_code == 400
    assert FAR in page.content.decode()
    assert CoachingSession.objects.count() == 0


@pytest.mark.parametrize("stamp", ["99991230T1000Z", "99991231T2300Z", "20280112T1600Z"])
def test_the_reschedule_form_refuses_a_slot_past_the_horizon_with_its_reason(world, client, stamp):
    session = book_at(world, WED_10)
    client.force_login(world.member)

    page = client.post(
        reverse("coaching:reschedule", args=[session.public_id]), {"slot": _slot(world, stamp)}
    )

    assert page.status_code == 400
    assert FAR in page.content.decode()
    session.refresh_from_db()
    assert (session.starts_at, session.sequence) == (WED_10, 0)


@pytest.mark.parametrize("week", ["9999-12-28", "9999-12-31"])
def test_a_week_centuries_ahead_is_a_400_with_its_reason(world, client, week):
    client.force_login(world.member)

    page = client.get(reverse("coaching:book", args=[world.engagement.public_id]), {"week": week})

    assert page.status_code == 400
    assert "Sessions are booked up to a year ahead." in page.content.decode()


# --- the API ----------------------------------------------------------------------------------


def _api_booking(client, world, starts_at: str):
    return client.post(
        f"/api/v1/coaching/engagements/{world.engagement.public_id}/bookings",
        json.dumps(
            {
                "coach_id": str(world.coach_user.public_id),
                "starts_at": starts_at,
                "minutes": 60,
                "agenda": "Plan the physician video series launch.",
            }
        ),
        content_type="application/json",
    )


@pytest.mark.parametrize(
    ("starts_at", "code", "detail"),
    [
        # In UTC these are in the year 10000 and the year 0: refused before converting.
        ("9999-12-31T23:30:00-05:00", "too_far", FAR),
        (
            "0001-01-01T00:30:00+05:00",
            "in_the_past",
            "That time is in the past: choose a time still to come.",
        ),
        ("2028-01-12T16:00:00Z", "too_far", FAR),
    ],
)
def test_the_api_refuses_times_out_of_reach_with_the_same_rule(
    client, world, starts_at, code, detail
):
    client.force_login(world.member)

    response = _api_booking(client, world, starts_at)

    assert response.status_code == 400
    assert response.json() == {"detail": detail, "code": code, "field": "starts_at"}
    assert CoachingSession.objects.count() == 0
