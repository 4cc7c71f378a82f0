"""Slots from windows, exceptions and commitments, worked out by hand for a Chicago coach in
January 2027 (CST, UTC−6: 9:00 local = 15:00 UTC) keeping office hours Monday to Friday
9:00-12:00 and 13:00-17:00. Monday January 11 is the first day of the week used."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time

import pytest

from socialrx.coaching.models import AvailabilityException
from socialrx.coaching.selectors.slots import (
    bookable_slots,
    free_minutes_by_coach,
    open_spans_by_coach,
)
from socialrx.coaching.slots import Span, slots_in
from socialrx.schedules.services import Slot, commit
from tests.coaching.factories import make_coach, make_engagement, make_session, member_org

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def utc(day, hour, minute=0, month=1) -> datetime:
    return datetime(2027, month, day, hour, minute, tzinfo=UTC)


def open_time(profile, since, until) -> list[Span]:
    return open_spans_by_coach([profile], since=since, until=until)[profile.user_id]


def starts(profile, since, until, minutes=30) -> list[datetime]:
    spans = open_time(profile, since, until)
    return [slot.starts_at for slot in slots_in(spans, minutes=minutes, not_before=since)]


# Monday January 11, 00:00-24:00 CST = 06:00 UTC on the 11th to 06:00 UTC on the 12th.
MONDAY_SINCE, MONDAY_UNTIL = utc(11, 6), utc(12, 6)


@pytest.fixture
def coach():
    return make_coach(time_zone="America/Chicago")


def except_on(coach, on_date, starts_at=None, ends_at=None, *, available=False):
    return AvailabilityException.objects.create(
        coach=coach, on_date=on_date, starts_at=starts_at, ends_at=ends_at, available=available
    )


def test_office_hours_on_a_monday(coach):
    assert open_time(coach, MONDAY_SINCE, MONDAY_UNTIL) == [
        Span(utc(11, 15), utc(11, 18)),
        Span(utc(11, 19), utc(11, 23)),
    ]


# --- exceptions -------------------------------------------------------------------------------


def test_a_whole_day_off_removes_that_day_only(coach):
    except_on(coach, date(2027, 1, 12))

    spans = open_time(coach, utc(11, 6), utc(14, 6))

    # Monday and Wednesday keep their hours; Tuesday has none.
    assert spans == [
        Span(utc(11, 15), utc(11, 18)),
        Span(utc(11, 19), utc(11, 23)),
        Span(utc(13, 15), utc(13, 18)),
        Span(utc(13, 19), utc(13, 23)),
    ]


def test_an_unavailable_span_cuts_a_window(coach):
    except_on(coach, date(2027, 1, 11), time(10), time(11))

    assert open_time(coach, MONDAY_SINCE, MONDAY_UNTIL) == [
        Span(utc(11, 15), utc(11, 16)),
        Span(utc(11, 17), utc(11, 18)),
        Span(utc(11, 19), utc(11, 23)),
    ]


def test_an_extra_span_opens_a_saturday(coach):
    except_on(coach, date(2027, 1, 16), time(10), time(12), available=True)

    # Saturday January 16, 10:00-12:00 CST = 16:00-18:00 UTC.
    assert open_time(coach, utc(16, 6), utc(17, 6)) == [Span(utc(16, 16), utc(16, 18))]
    assert starts(coach, utc(16, 6), utc(17, 6), minutes=60) == [
        utc(16, 16),
        utc(16, 16, 30),
        utc(16, 17),
    ]


def test_an_extra_span_over_lunch_joins_the_two_windows(coach):
    except_on(coach, date(2027, 1, 11), time(12), time(13), available=True)

    assert open_time(coach, MONDAY_SINCE, MONDAY_UNTIL) == [Span(utc(11, 15), utc(11, 23))]


# --- commitments ----------------------------------------------------------------------------------


def test_a_boot_camp_day_removes_its_slots_and_the_next_slot_is_on_the_half_hour_grid(coach):
    # A boot camp day on Monday 9:00-10:45 CST (15:00-16:45 UTC), booked through schedules.
    commit(
        coach.user,
        [Slot(utc(11, 15), utc(11, 16, 45))],
        source_kind="training.boot_camp_day",
        source_public_id=uuid.uuid4(),
        label="Social media boot camp, day 1",
    )

    assert open_time(coach, MONDAY_SINCE, MONDAY_UNTIL) == [
        Span(utc(11, 16, 45), utc(11, 18)),
        Span(utc(11, 19), utc(11, 23)),
    ]
    # 10:45 is not offered: the morning's first slot is 11:00 CST (17:00 UTC).
    assert starts(coach, MONDAY_SINCE, MONDAY_UNTIL) == [
        utc(11, 17),
        utc(11, 17, 30),
        utc(11, 19),
        utc(11, 19, 30),
        utc(11, 20),
        utc(11, 20, 30),
        utc(11, 21),
        utc(11, 21, 30),
        utc(11, 22),
        utc(11, 22, 30),
    ]
    # An hour no longer fits between 10:45 and 12:00 once on the grid: 11:00-12:00 only.
    assert starts(coach, MONDAY_SINCE, MONDAY_UNTIL, minutes=60)[:2] == [utc(11, 17), utc(11, 19)]


def test_a_booked_coaching_session_removes_its_hour(coach):
    organization, _admin, _member = member_org()
    engagement = make_engagement(organization, [coach])
    make_session(engagement, coach=coach, starts_at=utc(11, 20), minutes=60)  # 14:00 CST

    assert open_time(coach, MONDAY_SINCE, MONDAY_UNTIL) == [
        Span(utc(11, 15), utc(11, 18)),
        Span(utc(11, 19), utc(11, 20)),
        Span(utc(11, 21), utc(11, 23)),
    ]


def test_someone_elses_commitment_changes_nothing(coach):
    other = make_coach()
    commit(
        other.user,
        [Slot(utc(11, 15), utc(11, 23))],
        source_kind="training.onsite",
        source_public_id=uuid.uuid4(),
        label="On-site training",
    )

    assert len(open_time(coach, MONDAY_SINCE, MONDAY_UNTIL)) == 2


# --- lengths and notice ---------------------------------------------------------------------------


def test_thirty_and_sixty_minute_slots_in_a_morning(coach):
    morning = (utc(11, 15), utc(11, 18))

    assert starts(coach, *morning, minutes=30) == [
        utc(11, 15),
        utc(11, 15, 30),
        utc(11, 16),
        utc(11, 16, 30),
        utc(11, 17),
        utc(11, 17, 30),
    ]
    assert starts(coach, *morning, minutes=60) == [
        utc(11, 15),
        utc(11, 15, 30),
        utc(11, 16),
        utc(11, 16, 30),
        utc(11, 17),
    ]


def test_a_slot_is_thirty_or_sixty_minutes(coach):
    with pytest.raises(ValueError, match="30 or 60"):
        slots_in(open_time(coach, MONDAY_SINCE, MONDAY_UNTIL), minutes=45, not_before=utc(11, 0))


@pytest.fixture
def engagement(coach):
    organization, _admin, _member = member_org()
    return make_engagement(organization, [coach])


@pytest.mark.parametrize(
    ("now", "first"),
    [
        # Sunday 21:00 CST: 12 hours on is Monday 9:00, the first slot of the day.
        (utc(11, 3), utc(11, 15)),
        # Sunday 23:10 CST: 12 hours on is 11:10, so the first slot is 11:30 CST.
        (utc(11, 5, 10), utc(11, 17, 30)),
        # Monday 1:00 CST: 12 hours on is 13:00, the afternoon's first slot.
        (utc(11, 7), utc(11, 19)),
    ],
)
def test_nothing_sooner_than_the_minimum_notice(engagement, settings, now, first):
    settings.COACHING_MIN_NOTICE_HOURS = 12

    found = bookable_slots(engagement, minutes=30, since=MONDAY_SINCE, until=MONDAY_UNTIL, now=now)

    assert found[0].starts_at == first
    assert found[-1].starts_at == utc(11, 22, 30)


def test_bookable_slots_of_two_coaches_are_sorted_by_start(coach):
    organization, _admin, _member = member_org()
    early = make_coach(full_name="Avery Early", time_zone="America/New_York")
    engagement = make_engagement(organization, [coach, early])

    found = bookable_slots(
        engagement, minutes=60, since=MONDAY_SINCE, until=utc(11, 16), now=utc(1, 0)
    )

    # 9:00 EST = 14:00 UTC comes before 9:00 CST = 15:00 UTC.
    assert [(slot.coach, slot.starts_at) for slot in found] == [
        (early.user, utc(11, 14)),
        (early.user, utc(11, 14, 30)),
        (early.user, utc(11, 15)),
        (coach.user, utc(11, 15)),
    ]


# --- free minutes (matching) ----------------------------------------------------------------------


def test_free_minutes_of_a_week_of_office_hours(coach):
    london = make_coach(
        time_zone="Europe/London", windows=[(day, time(9), time(12)) for day in range(5)]
    )
    # Monday January 11 00:00 CST to Monday January 18 00:00 CST.
    since, until = utc(11, 6), utc(18, 6)

    free = free_minutes_by_coach([coach, london], since=since, until=until)

    # Chicago: 5 days x 7 hours = 2100 minutes; London: 5 days x 3 hours = 900 minutes.
    assert free == {coach.user_id: 2100, london.user_id: 900}


def test_free_minutes_count_only_what_lies_between_since_and_until(coach):
    except_on(coach, date(2027, 1, 12))  # Tuesday off

    # From Monday 10:30 CST to Wednesday 14:00 CST.
    free = free_minutes_by_coach([coach], since=utc(11, 16, 30), until=utc(13, 20))

    # Monday 10:30-12:00 and 13:00-17:00 (90 + 240); Tuesday none; Wednesday 9-12 and 13-14
    # (180 + 60).
    assert free == {coach.user_id: 570}
