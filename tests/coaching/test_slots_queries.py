"""Slots are read in a fixed number of queries however many coaches, windows, exceptions and
commitments there are (pinned at one and at four coaches)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest

from socialrx.coaching.models import AvailabilityException
from socialrx.coaching.selectors.slots import bookable_slots, open_spans_by_coach
from socialrx.schedules.services import Slot, commit
from tests.coaching.factories import make_coach, make_engagement, member_org

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SINCE = datetime(2027, 1, 11, 6, tzinfo=UTC)  # Monday January 11, 00:00 CST
UNTIL = SINCE + timedelta(days=14)
# Every half day of the fortnight, 7 days a week: 28 windows per coach.
BUSY_WEEK = [(day, time(8), time(12)) for day in range(7)] + [
    (day, time(13), time(18)) for day in range(7)
]
ZONES = ("America/Chicago", "America/Los_Angeles", "Europe/London", "Asia/Kolkata")


def busy_coaches(count: int):
    coaches = []
    for number in range(count):
        coach = make_coach(time_zone=ZONES[number], windows=BUSY_WEEK)
        for offset in range(5):
            AvailabilityException.objects.create(
                coach=coach,
                on_date=date(2027, 1, 12 + offset),
                starts_at=time(10),
                ends_at=time(11),
            )
        commit(
            coach.user,
            [
                Slot(SINCE + timedelta(days=day, hours=10), SINCE + timedelta(days=day, hours=11))
                for day in range(10)
            ],
            source_kind="training.boot_camp_day",
            source_public_id=uuid.uuid4(),
            label="Boot camp",
        )
        coaches.append(coach)
    return coaches


@pytest.mark.parametrize("count", [1, 4])
def test_open_spans_take_three_queries(count, django_assert_num_queries):
    coaches = busy_coaches(count)

    # Windows, exceptions, commitments.
    with django_assert_num_queries(3):
        spans = open_spans_by_coach(coaches, since=SINCE, until=UNTIL)

    assert len(spans) == count
    assert all(found for found in spans.values())


@pytest.mark.parametrize("count", [1, 4])
def test_bookable_slots_take_four_queries(count, django_assert_num_queries):
    coaches = busy_coaches(count)
    organization, _admin, _member = member_org()
    engagement = make_engagement(organization, coaches)

    # The engagement's coaches with their users, windows, exceptions, commitments.
    with django_assert_num_queries(4):
        found = bookable_slots(
            engagement, minutes=60, since=SINCE, until=UNTIL, now=datetime(2027, 1, 1, tzinfo=UTC)
        )

    assert {slot.coach.pk for slot in found} == {coach.user_id for coach in coaches}
