"""Coach utilisation by week (selectors.reports): coaching minutes ÷ (coaching + open minutes),
with every figure worked out by hand in tests/coaching/reports_support.py."""

from __future__ import annotations

from datetime import date, time

import pytest
import time_machine

from socialrx.coaching.charts import utilisation_chart
from socialrx.coaching.selectors.reports import WeekFigures, utilisation, weeks_around
from tests.coaching.factories import make_coach
from tests.coaching.reports_support import (
    DEFAULT_WEEKS,
    NOW,
    THIS_MONDAY,
    more_coaches,
    report_world,
)
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world():
    return report_world()


def minutes_of(row) -> list[tuple[int, int, int]]:
    return [(w.held_minutes, w.booked_minutes, w.open_minutes) for w in row.weeks]


def test_the_default_weeks_are_four_past_this_one_and_three_after():
    assert weeks_around(date(2030, 3, 6), before=4, after=4) == [
        date(2030, 2, 4),
        date(2030, 2, 11),
        date(2030, 2, 18),
        date(2030, 2, 25),
        date(2030, 3, 4),
        date(2030, 3, 11),
        date(2030, 3, 18),
        date(2030, 3, 25),
    ]


def test_a_coach_with_ten_hours_offered_and_two_booked_is_twenty_percent_used(world):
    figures = utilisation(DEFAULT_WEEKS)

    ana = figures.coaches[0]
    assert ana.name == "Ana Alvarez"
    this_week = ana.weeks[4]
    assert this_week.week == THIS_MONDAY
    assert (this_week.coaching_minutes, this_week.open_minutes) == (120, 480)
    assert this_week.offered_minutes == 600
    assert this_week.percent == 20


def test_every_week_of_each_coach_as_worked_out_by_hand(world):
    figures = utilisation(DEFAULT_WEEKS)

    assert [coach.name for coach in figures.coaches] == ["Ana Alvarez", "Ben Okafor"]
    ana, ben = figures.coaches
    assert minutes_of(ana) == [
        (0, 0, 600),
        (0, 0, 600),
        (0, 0, 600),
        (60, 0, 540),  # a held hour
        (0, 120, 480),  # two booked hours
        (0, 0, 480),  # Friday off; the cancelled session counts nowhere
        (0, 0, 480),  # a boot camp morning: neither coaching nor offered
        (0, 30, 600),  # half an hour booked outside her windows
    ]
    assert [week.percent for week in ana.weeks] == [0, 0, 0, 10, 20, 0, 0, 5]
    assert minutes_of(ben) == [
        (0, 0, 180),
        (0, 0, 300),  # an extra Saturday span
        (0, 0, 180),
        (0, 0, 180),
        (0, 60, 120),  # booked on Monday, before the clock, not yet recorded
        (0, 0, 180),
        (0, 0, 180),
        (0, 0, 180),
    ]
    assert [week.percent for week in ben.weeks] == [0, 0, 0, 0, 33, 0, 0, 0]


def test_all_coaches_week_by_week(world):
    figures = utilisation(DEFAULT_WEEKS)

    assert figures.this_week == THIS_MONDAY
    assert [(w.coaching_minutes, w.offered_minutes, w.percent) for w in figures.totals] == [
        (0, 780, 0),
        (0, 900, 0),
        (0, 780, 0),
        (60, 780, 8),  # 60 ÷ 780 = 7.69 %
        (180, 780, 23),  # 180 ÷ 780 = 23.08 %
        (0, 660, 0),
        (0, 660, 0),
        (30, 810, 4),  # 30 ÷ 810 = 3.70 %
    ]
    assert figures.overall.coaching_minutes == 270
    assert figures.overall.offered_minutes == 6150


def test_a_week_with_nothing_offered_has_no_utilisation():
    make_coach(full_name="Carla Reyes", windows=[])

    figures = utilisation(DEFAULT_WEEKS[4:5])

    [carla] = figures.coaches
    assert carla.weeks[0].offered_minutes == 0
    assert carla.weeks[0].percent is None


def test_only_active_coaches_with_a_profile_count(world):
    gone = make_coach(full_name="Aaron Gone")
    gone.user.is_active = False
    gone.user.save(update_fields=["is_active"])
    UserFactory(full_name="Aaron Noprofile", is_coach=True)

    figures = utilisation(DEFAULT_WEEKS)

    assert [coach.name for coach in figures.coaches] == ["Ana Alvarez", "Ben Okafor"]


@pytest.mark.parametrize(("minutes", "offered", "percent"), [(1, 200, 1), (1, 201, 0), (2, 3, 67)])
def test_percent_rounds_half_up(minutes, offered, percent):
    # 1 ÷ 200 = 0.5 % → 1; 1 ÷ 201 = 0.498 % → 0; 2 ÷ 3 = 66.7 % → 67.
    week = WeekFigures(THIS_MONDAY, booked_minutes=minutes, open_minutes=offered - minutes)

    assert week.percent == percent


@pytest.mark.parametrize("extra", [0, 4])
def test_the_figures_take_five_queries_for_two_or_six_coaches(
    world, extra, django_assert_num_queries
):
    more_coaches(extra, world.engagement)

    # Coaches; their windows, exceptions and commitments; their sessions.
    with django_assert_num_queries(5):
        figures = utilisation(DEFAULT_WEEKS)

    assert len(figures.coaches) == 2 + extra
    assert len(figures.totals) == 8


def test_the_chart_draws_a_bar_a_week_as_tall_as_the_hours_offered(world):
    figures = utilisation(DEFAULT_WEEKS)

    chart = utilisation_chart(figures.totals, this_week=THIS_MONDAY)

    # The tallest week offers 15 h: the axis goes to 20 h, in steps of 4 h.
    assert [tick.label for tick in chart.y_ticks] == ["0 h", "4 h", "8 h", "12 h", "16 h", "20 h"]
    this_week = chart.bars[4]
    assert this_week.current
    assert this_week.label == "Mar 4"
    assert this_week.percent_label == "23 %"
    # 13 h of 20 h, 3 h of 20 h, on a plot from y=30 to y=224 (194 units).
    assert this_week.offered_height == pytest.approx(194 * 13 / 20, abs=0.1)
    assert this_week.coaching_height == pytest.approx(194 * 3 / 20, abs=0.1)


def test_no_chart_when_nobody_offered_time():
    make_coach(full_name="Carla Reyes", windows=[])

    assert utilisation_chart(utilisation(DEFAULT_WEEKS).totals) is None


def test_a_long_range_labels_fewer_weeks_and_leaves_the_percents_to_the_table():
    make_coach(full_name="Carla Reyes", windows=[(0, time(9), time(10))])
    weeks = weeks_around(NOW.date(), before=26, after=26)

    chart = utilisation_chart(utilisation(weeks).totals)

    assert len(chart.bars) == 52
    assert len([bar for bar in chart.bars if bar.label]) == 9  # every sixth week
    assert all(bar.percent_label == "" for bar in chart.bars)
