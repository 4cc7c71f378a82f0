"""The readiness questionnaire: its seven sections (one step each), their questions, each
answer's points and the dimension a question scores, and the tables the rest of the toolkit
reads them through. Import the questionnaire from here:

- assessment_vocabulary: the building blocks (kinds of question, dimensions, Question and
  Section, the goals, the limits on hours and posting cadence);
- assessment_sections: the questions' wording;
- assessment_answers: the rules for answers (check_answers and friends), which import this.

A few questions are not scored: the goals (they choose the recommendations' topics), the hours
the team has now and the platforms with their posting cadence (both feed the staffing
estimate). `VERSION` says which questionnaire an assessment answered."""

from __future__ import annotations

from .assessment_sections import SECTIONS
from .assessment_vocabulary import (
    CADENCE,
    DIMENSION_KEYS,
    DIMENSION_LABELS,
    DIMENSIONS,
    FULL,
    GOAL_TOPICS,
    GOALS,
    HOURS,
    HOURS_MAX,
    MAX_POSTS,
    MULTIPLE,
    PERIOD_KEYS,
    PERIODS,
    PLATFORM_CODES,
    PLATFORM_LABELS,
    SHORT,
    SINGLE,
    VERSION,
    Dimension,
    Question,
    Section,
)

__all__ = [
    "CADENCE",
    "DIMENSION_KEYS",
    "DIMENSION_LABELS",
    "DIMENSIONS",
    "FULL",
    "GOAL_TOPICS",
    "GOALS",
    "HOURS",
    "HOURS_MAX",
    "MAX_POSTS",
    "MULTIPLE",
    "PERIOD_KEYS",
    "PERIODS",
    "PLATFORM_CODES",
    "PLATFORM_LABELS",
    "QUESTIONS",
    "SCORED",
    "SECTION_OF",
    "SECTIONS",
    "SHORT",
    "SINGLE",
    "STEP_COUNT",
    "VERSION",
    "Dimension",
    "Question",
    "Section",
    "questions_of",
    "section",
]

STEP_COUNT = len(SECTIONS)
QUESTIONS: dict[str, Question] = {q.key: q for section in SECTIONS for q in section.questions}
SECTION_OF: dict[str, Section] = {q.key: s for s in SECTIONS for q in s.questions}
SCORED: tuple[Question, ...] = tuple(q for q in QUESTIONS.values() if q.scored)


def section(step: int) -> Section:
    """The section of step `step` (1 to STEP_COUNT)."""
    return SECTIONS[step - 1]


def questions_of(version: str) -> tuple[Question, ...]:
    return tuple(q for s in SECTIONS for q in s.questions_of(version))
