"""The questionnaire's building blocks: the kinds of question, the dimensions scored, the
Question and Section records, the goals a person may tick and the limits on hours and posting
cadence. The questions themselves are in assessment_sections; import all of it from
assessment_questions.

A scored question has five answers worth 0 to 4 points, from "not yet" to what a leading
organization does; the answer stored is its points (an int), so the API and the pages send the
same values. `short=True` marks the subset visitors take."""

from __future__ import annotations

from dataclasses import dataclass

from socialrx.core.platforms.vocabulary import SOCIAL_PLATFORMS, Platform

VERSION = 1

SINGLE, MULTIPLE, HOURS, CADENCE = "single", "multiple", "hours", "cadence"
SHORT, FULL = "short", "full"


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    description: str


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("strategy", "Strategy", "Goals, audiences, planning and leadership's backing."),
    Dimension(
        "governance", "Governance", "Policy, approvals, legal, IT, privacy and crisis plans."
    ),
    Dimension("capacity", "Capacity", "People, hours, cover, budget and tools."),
    Dimension("skills", "Skills", "Training, privacy know-how, production and clinicians."),
    Dimension("measurement", "Measurement", "What you track, who sees it, what is said."),
)
DIMENSION_KEYS = tuple(dimension.key for dimension in DIMENSIONS)
DIMENSION_LABELS = {dimension.key: dimension.label for dimension in DIMENSIONS}


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    kind: str  # SINGLE, MULTIPLE, HOURS or CADENCE
    dimension: str = ""  # scored questions only
    # (value, label): points 0-4 for a single choice, a goal's key for the multiple choice.
    choices: tuple[tuple, ...] = ()
    help: str = ""
    short: bool = False

    @property
    def scored(self) -> bool:
        return bool(self.dimension)

    @property
    def max_points(self) -> int:
        return max(value for value, _ in self.choices) if self.scored else 0

    def label_of(self, value) -> str:
        return next((label for choice, label in self.choices if choice == value), "")


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    questions: tuple[Question, ...]

    def questions_of(self, version: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if version == FULL or q.short)


def levels(*labels: str) -> tuple[tuple[int, str], ...]:
    assert len(labels) == 5, "a scored question has five answers, worth 0 to 4 points"
    return tuple(enumerate(labels))


# The goals a person may tick, each with the library's taxonomy topic it leads to.
GOALS: tuple[tuple[str, str, str], ...] = (
    ("patient_education", "Educate patients and the public", "patient-education"),
    ("recruitment", "Recruit nurses, physicians and staff", "recruitment"),
    ("reputation", "Reputation and answering reviews", "reputation"),
    ("community", "Community events and outreach", "strategy"),
    ("physicians", "Give our physicians a voice", "physician-presence"),
    ("crisis", "Inform people in an emergency", "crisis-response"),
)
GOAL_TOPICS = {key: topic for key, _, topic in GOALS}

# A week holds 168 hours; ten full-time people is beyond any hospital's social media team.
HOURS_MAX = 400

# --- posting cadence -------------------------------------------------------------------------

PERIODS: tuple[tuple[str, str], ...] = (("day", "a day"), ("week", "a week"), ("month", "a month"))
PERIOD_KEYS = tuple(key for key, _ in PERIODS)
# 50 posts a day on one platform is already a newsroom's pace; a higher count is a typo.
MAX_POSTS = {"day": 50, "week": 350, "month": 1500}
PLATFORM_CODES: tuple[str, ...] = SOCIAL_PLATFORMS
PLATFORM_LABELS = {code: Platform(code).label for code in PLATFORM_CODES}
