"""Readiness assessments of the toolkit's scale data (see scale.py): the takes of one
organization, as `services.assessments.record_assessment` would have written them.

An organization has a readiness (0 to 1) that its answers follow: each scored question's
answer is 4 × readiness give or take a point, so its dimensions score alike without scoring
the same. Each retake finds it a little readier (its answers move with it). The goals, the
hours the team spends now and the platforms with their posting cadence are answered as a team
of its readiness would. The answers pass `check_answers`; the scores are `scoring.score`'s, the
staffing `staffing_from_cadence`'s (one organization in four changed some assumptions after, as
`change_staffing` lets an admin), with its totals as `staffing.estimate` computes them."""

from __future__ import annotations

import random
from datetime import datetime

from socialrx.core.scale import ScaleContext, random_uuid

from .assessment_answers import check_answers
from .assessment_questions import (
    FULL,
    GOALS,
    HOURS_MAX,
    PLATFORM_CODES,
    SCORED,
    VERSION,
)
from .models import Assessment
from .scoring import score
from .staffing import check_staffing, estimate, staffing_from_cadence

# (platform, how often it is chosen, its usual periods): the platforms hospitals use most come
# first; video platforms post by the month.
PLATFORM_HABITS = {
    "facebook": (10, ("week", "day")),
    "instagram": (8, ("week",)),
    "linkedin": (6, ("week", "month")),
    "x": (5, ("day", "week")),
    "youtube": (4, ("month",)),
    "tiktok": (2, ("week", "month")),
    "threads": (1, ("week",)),
    "bluesky": (1, ("week",)),
    "mastodon": (1, ("month",)),
}
COUNTS = {"day": (1, 3), "week": (1, 7), "month": (1, 6)}
# Assumptions an admin changed after a take, with the values they chose from.
CHANGED_ASSUMPTIONS = {
    "monitoring_days": (5, 6),
    "comments_per_post": (1, 2, 6, 10),
    "approval_minutes": (5, 15, 20),
    "planning_hours": (2, 5, 8),
}


class AssessmentRows:
    def __init__(self, context: ScaleContext):
        self.now = context.now
        self.assessments = context.writer(
            Assessment,
            (
                "public_id", "organization", "taken_by", "taken_at", "questionnaire_version",
                "answers", "strategy_score", "governance_score", "capacity_score",
                "skills_score", "measurement_score", "overall_score", "staffing",
                "staffing_hours", "staffing_fte", "updated_at",
            ),
        )  # fmt: skip

    def takes(self, rng: random.Random, organization, admin_id: int, days: list[datetime]):
        """The organization's takes on `days` (oldest first), each a little readier."""
        readiness = rng.uniform(0.1, 0.75)
        platforms = _platforms(rng)
        goals = [key for key, _, _ in rng.sample(GOALS, rng.randint(1, 3))]
        for taken_at in days:
            answers = check_answers(_answers(rng, readiness, goals, platforms), FULL)
            staffing = staffing_from_cadence(answers["platforms"])
            if rng.random() < 0.25:
                changed = rng.choice(list(CHANGED_ASSUMPTIONS))
                staffing = check_staffing(
                    {**staffing, changed: rng.choice(CHANGED_ASSUMPTIONS[changed])}
                )
            scores, totals = score(answers, FULL), estimate(staffing)
            self.assessments.add(
                random_uuid(rng), organization.id, admin_id, taken_at, VERSION, answers,
                *(dimension.score for dimension in scores.dimensions), scores.overall,
                staffing, totals.total_hours, totals.fte, taken_at,
            )  # fmt: skip
            readiness = min(1.0, readiness + rng.uniform(0.04, 0.2))
            if rng.random() < 0.3:  # a platform added since
                platforms = {**_platforms(rng, 1), **platforms}


def _answers(rng: random.Random, readiness: float, goals: list, platforms: dict) -> dict:
    answers: dict = {
        question.key: min(4, max(0, round(4 * readiness + rng.gauss(0, 0.7))))
        for question in SCORED
    }
    hours = round((1 + 45 * readiness) * rng.uniform(0.5, 1.5))
    answers |= {
        "goals_focus": goals,
        "people_hours": min(hours, HOURS_MAX),
        "platforms": platforms,
    }
    return answers


def _platforms(rng: random.Random, count: int | None = None) -> dict:
    """{platform: {"count", "period"}}: two to five platforms (or `count`), in the
    questionnaire's order."""
    codes = [code for code in PLATFORM_HABITS if code in PLATFORM_CODES]
    weights = [PLATFORM_HABITS[code][0] for code in codes]
    chosen: set[str] = set()
    wanted = count or rng.randint(2, 5)
    while len(chosen) < wanted:
        chosen.add(rng.choices(codes, weights)[0])
    cadence = {}
    for code in PLATFORM_CODES:
        if code in chosen:
            period = rng.choice(PLATFORM_HABITS[code][1])
            cadence[code] = {"count": rng.randint(*COUNTS[period]), "period": period}
    return cadence
