"""Scoring against hand-worked examples: a dimension scores 100 × points earned / points
possible (rounded half up), the overall score is the mean of the five, and the levels start at
40, 60 and 80."""

import pytest

from socialrx.toolkit.assessment_questions import FULL, SHORT, questions_of
from socialrx.toolkit.scoring import level_of, overall_of, percent, score
from tests.toolkit.factories import FULL_ANSWERS

pytestmark = pytest.mark.unit

SHORT_ANSWERS = {
    "goals_written": 3,
    "leadership_sponsor": 2,
    "policy_status": 0,
    "review_legal": 1,
    "leadership_budget": 4,
    "people_owner": 4,
    "people_training": 0,
    "review_privacy": 0,
    "measure_tracking": 2,
    "measure_reporting": 1,
}


def test_the_full_version_by_hand():
    scores = score(FULL_ANSWERS, FULL)

    # strategy: goals_written 3 + goals_audience 2 + goals_plan 2 + leadership_sponsor 4
    #   + leadership_view 3 = 14 of 5 × 4 = 20 → 70.0 → 70
    # governance: policy_status 2 + approval 1 + moderation 0 + crisis 1 + review_legal 3
    #   + review_it 4 + review_consent 2 = 13 of 28 → 46.43 → 46
    # capacity: leadership_budget 1 + people_owner 2 + people_cover 0 + scheduling 2
    #   = 5 of 16 → 31.25 → 31
    # skills: people_training 4 + clinicians 3 + review_privacy 4 + production 4
    #   = 15 of 16 → 93.75 → 94
    # measurement: tracking 2 + reporting 3 + listening 1 = 6 of 12 → 50
    assert scores.as_dict() == {
        "strategy": 70,
        "governance": 46,
        "capacity": 31,
        "skills": 94,
        "measurement": 50,
    }
    assert [(d.points, d.max_points) for d in scores.dimensions] == [
        (14, 20),
        (13, 28),
        (5, 16),
        (15, 16),
        (6, 12),
    ]
    # overall: (70 + 46 + 31 + 94 + 50) / 5 = 291 / 5 = 58.2 → 58, level 2 Developing
    assert scores.overall == 58
    assert (scores.level.number, scores.level.name) == (2, "Developing")
    levels = [(d.key, d.level.name) for d in scores.dimensions]
    assert levels == [
        ("strategy", "Established"),
        ("governance", "Developing"),
        ("capacity", "Starting"),
        ("skills", "Leading"),
        ("measurement", "Developing"),
    ]
    assert [d.key for d in scores.dimensions if d.weak] == ["governance", "capacity", "measurement"]


def test_the_short_version_by_hand_rounds_halves_up():
    scores = score(SHORT_ANSWERS, SHORT)

    # Two questions a dimension, 8 points possible:
    # strategy 3 + 2 = 5 → 62.5 → 63; governance 0 + 1 = 1 → 12.5 → 13;
    # capacity 4 + 4 = 8 → 100; skills 0 + 0 → 0; measurement 2 + 1 = 3 → 37.5 → 38
    assert scores.as_dict() == {
        "strategy": 63,
        "governance": 13,
        "capacity": 100,
        "skills": 0,
        "measurement": 38,
    }
    # overall: (63 + 13 + 100 + 0 + 38) / 5 = 214 / 5 = 42.8 → 43
    assert scores.overall == 43
    assert str(scores.level) == "2 Developing"


def test_the_short_version_ignores_answers_it_does_not_ask():
    both = SHORT_ANSWERS | {"goals_audience": 0, "policy_crisis": 0, "people_cover": 4}

    assert score(both, SHORT).as_dict() == score(SHORT_ANSWERS, SHORT).as_dict()


def test_all_top_answers_score_100_and_all_bottom_ones_0():
    top = {q.key: q.max_points for q in questions_of(FULL) if q.scored}
    bottom = dict.fromkeys(top, 0)

    assert score(top, FULL).overall == 100
    assert str(score(top, FULL).level) == "4 Leading"
    assert score(bottom, FULL).as_dict() == dict.fromkeys(
        ("strategy", "governance", "capacity", "skills", "measurement"), 0
    )
    assert str(score(bottom, FULL).level) == "1 Starting"


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (0, "1 Starting"),
        (39, "1 Starting"),
        (40, "2 Developing"),
        (59, "2 Developing"),
        (60, "3 Established"),
        (79, "3 Established"),
        (80, "4 Leading"),
        (100, "4 Leading"),
    ],
)
def test_the_level_thresholds(value, level):
    assert str(level_of(value)) == level


def test_a_heading_names_the_level_out_of_four_not_as_a_count():
    assert level_of(12).ranked == "Level 1 of 4: Starting"
    assert level_of(64).ranked == "Level 3 of 4: Established"


def test_rounding_half_up_with_integers():
    assert percent(5, 8) == 63  # 62.5
    assert percent(17, 28) == 61  # 60.71
    assert percent(1, 3) == 33  # 33.33
    assert percent(2, 3) == 67  # 66.67
    assert overall_of([60, 61, 61, 61, 61]) == 61  # 60.8
    assert overall_of([60, 60, 60, 60, 62]) == 60  # 60.4
    assert overall_of([1, 1, 1, 1, 9]) == 3  # 13 / 5 = 2.6
