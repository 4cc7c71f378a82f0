"""Slots across daylight saving, worked out by hand in two US zones (Chicago, Los Angeles) and
in London, whose March change (2027-03-28) comes two weeks after the US one (2027-03-14).

The rules of 2027: the US springs forward on Sunday March 14 at 2:00 (to 3:00) and falls back
on Sunday November 7 at 2:00 (to 1:00); the UK springs forward on Sunday March 28 at 1:00 GMT
(to 2:00 BST) and falls back on Sunday October 31 at 2:00 BST (to 1:00 GMT). Offsets: CST −6,
CDT −5, PST −8, PDT −7, GMT 0, BST +1, CET +1, CEST +2."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from socialrx.coaching.selectors.slots import bookable_slots, open_spans_by_coach
from socialrx.coaching.slots import Span, slots_in
from tests.coaching.factories import make_coach, make_engagement, member_org

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SUNDAY, SATURDAY, MONDAY, TUESDAY = 6, 5, 0, 1


def utc(month, day, hour, minute=0, year=2027) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def open_time(profile, since, until) -> list[Span]:
    return open_spans_by_coach([profile], since=since, until=until)[profile.user_id]


def starts(profile, since, until, minutes=30) -> list[datetime]:
    spans = open_time(profile, since, until)
    return [slot.starts_at for slot in slots_in(spans, minutes=minutes, not_before=since)]


def on_clock(moment: datetime, zone: str) -> str:
    """How a person whose clock is `zone` reads `moment` ("1:30 AM CST")."""
    shown = moment.astimezone(ZoneInfo(zone))
    return f"{shown:%-I:%M %p} {shown.tzname()}"


# --- spring forward: a window across the missing hour -------------------------------------------


def test_chicago_window_across_the_march_gap_holds_two_real_hours():
    coach = make_coach(time_zone="America/Chicago", windows=[(SUNDAY, time(1), time(4))])

    # 1:00 CST = 07:00 UTC; 4:00 CDT = 09:00 UTC (2:00-3:00 never happens).
    assert open_time(coach, utc(3, 14, 0), utc(3, 15, 0)) == [Span(utc(3, 14, 7), utc(3, 14, 9))]
    found = starts(coach, utc(3, 14, 0), utc(3, 15, 0))
    assert found == [utc(3, 14, 7), utc(3, 14, 7, 30), utc(3, 14, 8), utc(3, 14, 8, 30)]
    assert [on_clock(moment, "America/Chicago") for moment in found] == [
        "1:00 AM CST",
        "1:30 AM CST",
        "3:00 AM CDT",
        "3:30 AM CDT",
    ]
    hours = starts(coach, utc(3, 14, 0), utc(3, 15, 0), minutes=60)
    assert hours == [utc(3, 14, 7), utc(3, 14, 7, 30), utc(3, 14, 8)]


def test_los_angeles_window_across_the_march_gap():
    coach = make_coach(time_zone="America/Los_Angeles", windows=[(SUNDAY, time(1), time(4))])

    # 1:00 PST = 09:00 UTC; 4:00 PDT = 11:00 UTC.
    found = starts(coach, utc(3, 14, 0), utc(3, 15, 0))

    assert found == [utc(3, 14, 9), utc(3, 14, 9, 30), utc(3, 14, 10), utc(3, 14, 10, 30)]
    assert [on_clock(moment, "America/Los_Angeles") for moment in found] == [
        "1:00 AM PST",
        "1:30 AM PST",
        "3:00 AM PDT",
        "3:30 AM PDT",
    ]


def test_london_window_across_its_own_march_gap_two_weeks_after_the_us():
    coach = make_coach(time_zone="Europe/London", windows=[(SUNDAY, time(0, 30), time(3))])

    # On the US change date London keeps GMT: 0:30-3:00 is two and a half real hours.
    assert open_time(coach, utc(3, 13, 12), utc(3, 14, 12)) == [
        Span(utc(3, 14, 0, 30), utc(3, 14, 3))
    ]
    # On March 28, 1:00 GMT becomes 2:00 BST: 0:30 GMT = 00:30 UTC, 3:00 BST = 02:00 UTC.
    found = starts(coach, utc(3, 27, 12), utc(3, 28, 12))
    assert found == [utc(3, 28, 0, 30), utc(3, 28, 1), utc(3, 28, 1, 30)]
    assert [on_clock(moment, "Europe/London") for moment in found] == [
        "12:30 AM GMT",
        "2:00 AM BST",
        "2:30 AM BST",
    ]


# --- fall back: a window across the repeated hour -----------------------------------------------


def test_chicago_window_across_the_november_repeated_hour_holds_four_real_hours():
    coach = make_coach(time_zone="America/Chicago", windows=[(SUNDAY, time(1), time(4))])

    # 1:00 CDT (the first 1:00) = 06:00 UTC; 4:00 CST = 10:00 UTC.
    assert open_time(coach, utc(11, 7, 0), utc(11, 8, 0)) == [Span(utc(11, 7, 6), utc(11, 7, 10))]
    found = starts(coach, utc(11, 7, 0), utc(11, 8, 0))
    assert found == [
        utc(11, 7, 6),
        utc(11, 7, 6, 30),
        utc(11, 7, 7),
        utc(11, 7, 7, 30),
        utc(11, 7, 8),
        utc(11, 7, 8, 30),
        utc(11, 7, 9),
        utc(11, 7, 9, 30),
    ]
    assert [on_clock(moment, "America/Chicago") for moment in found] == [
        "1:00 AM CDT",
        "1:30 AM CDT",
        "1:00 AM CST",
        "1:30 AM CST",
        "2:00 AM CST",
        "2:30 AM CST",
        "3:00 AM CST",
        "3:30 AM CST",
    ]
    assert len(starts(coach, utc(11, 7, 0), utc(11, 8, 0), minutes=60)) == 7


def test_los_angeles_window_across_the_november_repeated_hour():
    coach = make_coach(time_zone="America/Los_Angeles", windows=[(SUNDAY, time(1), time(4))])

    # 1:00 PDT = 08:00 UTC; 4:00 PST = 12:00 UTC.
    assert open_time(coach, utc(11, 7, 0), utc(11, 8, 0)) == [Span(utc(11, 7, 8), utc(11, 7, 12))]
    found = starts(coach, utc(11, 7, 0), utc(11, 8, 0), minutes=60)
    assert found[0] == utc(11, 7, 8)
    assert found[-1] == utc(11, 7, 11)
    assert on_clock(found[2], "America/Los_Angeles") == "1:00 AM PST"


def test_london_window_across_the_october_repeated_hour():
    coach = make_coach(time_zone="Europe/London", windows=[(SUNDAY, time(0, 30), time(3))])

    # 0:30 BST = 23:30 UTC the evening before; 3:00 GMT = 03:00 UTC.
    found = starts(coach, utc(10, 30, 12), utc(10, 31, 12))

    assert found == [
        utc(10, 30, 23, 30),
        utc(10, 31, 0),
        utc(10, 31, 0, 30),
        utc(10, 31, 1),
        utc(10, 31, 1, 30),
        utc(10, 31, 2),
        utc(10, 31, 2, 30),
    ]
    assert [on_clock(moment, "Europe/London") for moment in found] == [
        "12:30 AM BST",
        "1:00 AM BST",
        "1:30 AM BST",
        "1:00 AM GMT",
        "1:30 AM GMT",
        "2:00 AM GMT",
        "2:30 AM GMT",
    ]


# --- an ordinary 9-12 window the day before and the day after --------------------------------


NINE_TO_NOON = [(SATURDAY, time(9), time(12)), (MONDAY, time(9), time(12))]


@pytest.mark.parametrize(
    ("zone", "before", "after"),
    [
        # Saturday March 13 on winter time, Monday March 15 on summer time: an hour earlier.
        ("America/Chicago", utc(3, 13, 15), utc(3, 15, 14)),
        ("America/Los_Angeles", utc(3, 13, 17), utc(3, 15, 16)),
        # London has not changed yet: the same UTC hour both days.
        ("Europe/London", utc(3, 13, 9), utc(3, 15, 9)),
    ],
)
def test_nine_oclock_moves_an_hour_earlier_in_utc_across_the_us_march_change(zone, before, after):
    coach = make_coach(time_zone=zone, windows=NINE_TO_NOON)

    spans = open_time(coach, utc(3, 13, 0), utc(3, 16, 12))

    assert [span.starts_at for span in spans] == [before, after]
    assert [span.minutes for span in spans] == [180, 180]


def test_london_nine_oclock_moves_on_its_own_march_date():
    coach = make_coach(time_zone="Europe/London", windows=NINE_TO_NOON)

    spans = open_time(coach, utc(3, 27, 0), utc(3, 30, 0))

    # Saturday March 27 9:00 GMT = 09:00 UTC; Monday March 29 9:00 BST = 08:00 UTC.
    assert [span.starts_at for span in spans] == [utc(3, 27, 9), utc(3, 29, 8)]


@pytest.mark.parametrize(
    ("zone", "before", "after"),
    [
        # Saturday November 6 on summer time, Monday November 8 on winter time: an hour later.
        ("America/Chicago", utc(11, 6, 14), utc(11, 8, 15)),
        ("America/Los_Angeles", utc(11, 6, 16), utc(11, 8, 17)),
        # London went back on October 31 already: GMT both days.
        ("Europe/London", utc(11, 6, 9), utc(11, 8, 9)),
    ],
)
def test_nine_oclock_moves_an_hour_later_in_utc_across_the_us_november_change(zone, before, after):
    coach = make_coach(time_zone=zone, windows=NINE_TO_NOON)

    spans = open_time(coach, utc(11, 6, 0), utc(11, 9, 12))

    assert [span.starts_at for span in spans] == [before, after]


# --- what a viewer in another zone reads ------------------------------------------------------


@pytest.fixture
def chicago_engagement():
    organization, _admin, _member = member_org()
    coach = make_coach(time_zone="America/Chicago", windows=[(TUESDAY, time(9), time(12))])
    return make_engagement(organization, [coach])


@pytest.mark.parametrize(
    ("tuesday", "berlin", "london", "tokyo"),
    [
        # January 12: 9:00 CST = 15:00 UTC.
        (utc(1, 12, 0), "4:00 PM CET", "3:00 PM GMT", "12:00 AM JST"),
        # March 16, between the US and the European changes: 9:00 CDT = 14:00 UTC.
        (utc(3, 16, 0), "3:00 PM CET", "2:00 PM GMT", "11:00 PM JST"),
        # March 30, both on summer time: 9:00 CDT = 14:00 UTC.
        (utc(3, 30, 0), "4:00 PM CEST", "3:00 PM BST", "11:00 PM JST"),
    ],
)
def test_a_chicago_nine_oclock_slot_on_other_viewers_clocks(
    chicago_engagement, tuesday, berlin, london, tokyo
):
    found = bookable_slots(
        chicago_engagement,
        minutes=60,
        since=tuesday,
        until=tuesday.replace(day=tuesday.day + 1),
        now=tuesday.replace(month=1, day=1),
    )

    first = found[0].starts_at
    assert on_clock(first, "America/Chicago").startswith("9:00 AM")
    assert on_clock(first, "Europe/Berlin") == berlin
    assert on_clock(first, "Europe/London") == london
    assert on_clock(first, "Asia/Tokyo") == tokyo
