"""The staffing estimate against hand-worked examples, and its bounds."""

from decimal import Decimal

import pytest

from socialrx.toolkit.staffing import (
    StaffingRefused,
    check_staffing,
    estimate,
    staffing_from_cadence,
)

pytestmark = pytest.mark.unit

DEFAULTS = {
    "approval_minutes": 10,
    "comments_per_post": 4,
    "response_minutes": 3,
    "monitoring_minutes": 15,
    "monitoring_days": 7,
    "planning_hours": 3,
    "fte_hours": 40,
}


def _staffing(platforms, **assumptions):
    return check_staffing({"platforms": platforms, **DEFAULTS, **assumptions})


def test_three_platforms_by_hand():
    result = estimate(
        _staffing(
            {
                "facebook": {"count": 5, "period": "week", "draft_minutes": 30},
                "x": {"count": 1, "period": "day", "draft_minutes": 15},
                "youtube": {"count": 2, "period": "month", "draft_minutes": 180},
            }
        )
    )
    rows = {row.code: row for row in result.platforms}

    # Facebook, 5 posts a week: making 5 × 30 = 150 min (2.5 h); approving 5 × 10 = 50 min
    # (0.83 → 0.8 h); answering 5 × 4 comments × 3 min = 60 min (1.0 h); monitoring
    # 15 min × 7 days = 105 min (1.75 → 1.8 h); 365 min = 6.08 → 6.1 h
    facebook = rows["facebook"]
    assert (facebook.posts_per_week, facebook.making, facebook.approving) == (
        Decimal("5.0"),
        Decimal("2.5"),
        Decimal("0.8"),
    )
    assert (facebook.answering, facebook.monitoring, facebook.hours) == (
        Decimal("1.0"),
        Decimal("1.8"),
        Decimal("6.1"),
    )
    # X, 1 a day = 7 a week: making 7 × 15 = 105 min (1.75 → 1.8); approving 70 min (1.17 →
    # 1.2); answering 7 × 4 × 3 = 84 min (1.4); monitoring 105 min (1.8); 364 min = 6.07 → 6.1
    x = rows["x"]
    assert (x.posts_per_week, x.making, x.approving, x.answering, x.hours) == (
        Decimal("7.0"),
        Decimal("1.8"),
        Decimal("1.2"),
        Decimal("1.4"),
        Decimal("6.1"),
    )
    # YouTube, 2 a month = 2 × 12 / 52 = 6/13 ≈ 0.46 a week: making 6/13 × 180 = 1080/13
    # ≈ 83.1 min (1.38 → 1.4 h); approving 60/13 ≈ 4.6 min (0.1 h); answering 6/13 × 12 =
    # 72/13 ≈ 5.5 min (0.1 h); monitoring 105 min; 1212/13 + 105 ≈ 198.2 min = 3.30 → 3.3 h
    youtube = rows["youtube"]
    assert (youtube.posts_per_week, youtube.making, youtube.approving, youtube.hours) == (
        Decimal("0.5"),
        Decimal("1.4"),
        Decimal("0.1"),
        Decimal("3.3"),
    )
    # The week: 365 + 364 + 1212/13 + 105 = 12054/13 min = 15.454 h, plus 3 h of planning
    # = 18.454 → 18.5 h; FTE 18.454 / 40 = 0.4613 → 0.46
    assert result.total_hours == Decimal("18.5")
    assert result.fte == Decimal("0.46")
    assert str(result.planning_hours) == "3.0"
    assert [row.code for row in result.platforms] == ["facebook", "x", "youtube"]


def test_fte_rounds_half_up_and_zero_assumptions_leave_only_making():
    result = estimate(
        _staffing(
            {"linkedin": {"count": 2, "period": "week", "draft_minutes": 30}},
            approval_minutes=0,
            comments_per_post=0,
            response_minutes=0,
            monitoring_minutes=0,
            monitoring_days=0,
            planning_hours=0,
        )
    )
    # 2 × 30 = 60 min = 1.0 h; FTE 1 / 40 = 0.025 → 0.03
    assert result.total_hours == Decimal("1.0")
    assert result.fte == Decimal("0.03")


def test_a_platform_with_no_posts_costs_nothing_not_even_monitoring():
    result = estimate(
        _staffing(
            {
                "facebook": {"count": 0, "period": "week", "draft_minutes": 30},
                "instagram": {"count": 3, "period": "week", "draft_minutes": 45},
            },
            planning_hours=0,
            fte_hours=35,
        )
    )
    # Instagram only: 3 × 45 + 3 × 10 + 3 × 4 × 3 + 15 × 7 = 135 + 30 + 36 + 105 = 306 min
    # = 5.1 h; FTE at 35 h: 5.1 / 35 = 0.1457 → 0.15
    assert [row.code for row in result.platforms] == ["instagram"]
    assert result.total_hours == Decimal("5.1")
    assert result.fte == Decimal("0.15")
    assert result.fte_hours == 35


def test_the_gap_with_the_hours_the_team_has():
    result = estimate(_staffing({"x": {"count": 1, "period": "day", "draft_minutes": 15}}))
    # 364 min = 6.07 h + 3 h planning = 9.07 → 9.1 h
    assert result.total_hours == Decimal("9.1")
    assert result.gap(4) == Decimal("5.1")
    assert result.gap(12) == Decimal("-2.9")
    assert result.gap(None) is None


def test_a_new_assessment_starts_from_the_cadence_and_the_defaults():
    staffing = staffing_from_cadence(
        {"facebook": {"count": 5, "period": "week"}, "tiktok": {"count": 0, "period": "week"}}
    )

    assert staffing == {
        "platforms": {"facebook": {"count": 5, "period": "week", "draft_minutes": 30}},
        **DEFAULTS,
    }


# --- bounds -----------------------------------------------------------------------------------


def _refusal(staffing) -> dict[str, str]:
    with pytest.raises(StaffingRefused) as refused:
        check_staffing(staffing)
    return refused.value.errors


def test_ten_thousand_posts_a_day_is_refused_with_the_limit():
    errors = _refusal(
        {"platforms": {"facebook": {"count": 10_000, "period": "day", "draft_minutes": 30}}}
    )

    assert errors == {
        "facebook.count": "Facebook: 10,000 posts a day is more than any team can write, "
        "approve and answer. Enter at most 50 a day."
    }


@pytest.mark.parametrize(
    ("count", "period", "allowed"),
    [(50, "day", True), (51, "day", False), (350, "week", True), (351, "week", False)]
    + [(1500, "month", True), (1501, "month", False)],
)
def test_the_cadence_limits(count, period, allowed):
    staffing = {"platforms": {"x": {"count": count, "period": period}}}
    if allowed:
        assert check_staffing(staffing)["platforms"]["x"]["count"] == count
    else:
        assert "x.count" in _refusal(staffing)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (
            "approval_minutes",
            -5,
            "Approval per post: give a whole number from 0 to 240 (minutes).",
        ),
        (
            "comments_per_post",
            10**12,
            "Comments needing an answer per post: give a whole number from 0 to 500 (comments).",
        ),
        (
            "monitoring_days",
            8,
            "Days a week someone watches: give a whole number from 0 to 7 (days).",
        ),
        (
            "fte_hours",
            0,
            "Hours of one full-time person: give a whole number from 10 to 60 (hours a week).",
        ),
        (
            "response_minutes",
            2.5,
            "Minutes per answer: give a whole number from 0 to 60 (minutes).",
        ),
        (
            "planning_hours",
            True,
            "Planning and reporting: give a whole number from 0 to 40 (hours a week).",
        ),
    ],
)
def test_absurd_assumptions_are_refused_by_name(key, value, message):
    errors = _refusal({"platforms": {}, key: value})

    assert errors == {key: message}


def test_minutes_per_post_and_unknown_platforms_are_refused():
    errors = _refusal(
        {
            "platforms": {
                "youtube": {"count": 1, "period": "week", "draft_minutes": 100_000},
                "myspace": {"count": 1, "period": "week"},
                "x": {"count": -1, "period": "week"},
                "facebook": {"count": 1, "period": "fortnight"},
            }
        }
    )

    assert errors == {
        "youtube.draft_minutes": "YouTube: minutes to make one post are a whole number from 1 to "
        "480 (a working day).",
        "myspace": "“myspace” is not one of the listed platforms.",
        "x.count": "X (Twitter): give a whole number of posts, 0 or more.",
        "facebook.count": "Facebook: the period is one of a day, a week or a month.",
    }


def test_a_staffing_that_is_not_a_mapping_is_refused():
    assert _refusal(["facebook"]) == {"platforms": "Give the platforms with their posting cadence."}
