"""From answers to scores: each dimension 0-100, the overall score and the maturity levels.

A dimension's score is the share of the points its questions can give that the answers earned,
in percent, rounded half up: in the full version governance's seven questions give at most
28 points, so answers worth 17 score 100 × 17 / 28 = 60.7 → 61. The short version scores the
same way over its own two questions a dimension (8 points). The overall score is the mean of
the five dimensions, rounded half up. Integer arithmetic throughout, so a score never depends
on a float's rounding.

Maturity levels (the same for a dimension and overall):
    1 Starting     0-39
    2 Developing  40-59
    3 Established 60-79
    4 Leading     80-100"""

from __future__ import annotations

from dataclasses import dataclass

from .assessment_questions import DIMENSION_LABELS, DIMENSIONS, SINGLE, questions_of


@dataclass(frozen=True)
class Level:
    number: int
    name: str
    floor: int  # the lowest score at this level
    meaning: str

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    @property
    def ranked(self) -> str:
        """The level for a heading, "Level 3 of 4: Established" ("3 Established" reads as a
        count)."""
        return f"Level {self.number} of {len(LEVELS)}: {self.name}"


LEVELS: tuple[Level, ...] = (
    Level(1, "Starting", 0, "The basics are not in place yet."),
    Level(2, "Developing", 40, "Some basics are in place; gaps leave you exposed."),
    Level(3, "Established", 60, "The basics are in place and mostly followed."),
    Level(4, "Leading", 80, "A model others can learn from."),
)
# Below this a dimension is weak: the result recommends what to do about it.
WEAK_BELOW = LEVELS[2].floor


def level_of(score: int) -> Level:
    return next(level for level in reversed(LEVELS) if score >= level.floor)


@dataclass(frozen=True)
class DimensionScore:
    key: str
    label: str
    score: int
    points: int
    max_points: int

    @property
    def level(self) -> Level:
        return level_of(self.score)

    @property
    def weak(self) -> bool:
        return self.score < WEAK_BELOW


@dataclass(frozen=True)
class Scores:
    dimensions: tuple[DimensionScore, ...]
    overall: int

    @property
    def level(self) -> Level:
        return level_of(self.overall)

    def of(self, key: str) -> DimensionScore:
        return next(d for d in self.dimensions if d.key == key)

    def as_dict(self) -> dict[str, int]:
        return {d.key: d.score for d in self.dimensions}


def percent(points: int, maximum: int) -> int:
    """100 × points / maximum, rounded half up (62.5 → 63)."""
    return (200 * points + maximum) // (2 * maximum)


def overall_of(dimension_scores: list[int]) -> int:
    """The mean of the dimensions' scores, rounded half up."""
    count = len(dimension_scores)
    return (2 * sum(dimension_scores) + count) // (2 * count)


def score(answers: dict, version: str) -> Scores:
    """The scores of complete, checked answers (`assessment_answers.check_answers`)."""
    earned = dict.fromkeys(DIMENSION_LABELS, 0)
    possible = dict.fromkeys(DIMENSION_LABELS, 0)
    for question in questions_of(version):
        if question.kind != SINGLE or not question.scored:
            continue
        earned[question.dimension] += answers[question.key]
        possible[question.dimension] += question.max_points
    dimensions = tuple(
        DimensionScore(
            key=d.key,
            label=d.label,
            score=percent(earned[d.key], possible[d.key]),
            points=earned[d.key],
            max_points=possible[d.key],
        )
        for d in DIMENSIONS
    )
    return Scores(dimensions, overall_of([d.score for d in dimensions]))


def stored_scores(values: dict[str, int]) -> Scores:
    """Scores read back from a saved assessment's columns (points are not kept)."""
    dimensions = tuple(DimensionScore(d.key, d.label, values[d.key], 0, 0) for d in DIMENSIONS)
    return Scores(dimensions, values["overall"])
