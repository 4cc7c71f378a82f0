"""What the assessment API reads and answers with: the questionnaire, a submission, a result.
Scores are 0-100; hours a week are rounded to a tenth, FTE to a hundredth; moments are ISO 8601
in UTC."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.urls import reverse
from ninja import Field, Schema

from .assessment_questions import (
    DIMENSIONS,
    HOURS_MAX,
    MAX_POSTS,
    PERIODS,
    PLATFORM_CODES,
    PLATFORM_LABELS,
    SECTIONS,
    VERSION,
)
from .scoring import LEVELS
from .staffing import ASSUMPTIONS, DRAFT_BOUNDS, DRAFT_MINUTES

# --- the questionnaire -----------------------------------------------------------------------


class ChoiceOut(Schema):
    value: Any = Field(description="What to send: points 0-4, or a goal's key.")
    label: str


class QuestionOut(Schema):
    key: str
    text: str
    kind: str = Field(
        description="`single` (one choice's value, its points), `multiple` (a list of goal "
        "keys), `hours` (a whole number of hours a week) or `cadence` (`{platform code: "
        '{"count": n, "period": "day|week|month"}}`).'
    )
    dimension: str | None = Field(None, description="The dimension it scores; none if unscored.")
    short: bool = Field(description="Part of the short version visitors take.")
    help: str
    choices: list[ChoiceOut]


class QuestionnaireSectionOut(Schema):
    step: int
    key: str
    title: str
    intro: str
    questions: list[QuestionOut]


class ScoredDimensionOut(Schema):
    key: str
    label: str
    description: str = ""


class LevelOut(Schema):
    number: int
    name: str
    floor: int = Field(description="The lowest score at this level.")
    meaning: str


class CadencePlatformOut(Schema):
    code: str
    label: str
    draft_minutes: int = Field(description="The default minutes to make one post.")


class PeriodOut(Schema):
    key: str
    label: str
    max_posts: int = Field(description="The most posts per platform in this period.")


class AssumptionOut(Schema):
    key: str
    label: str
    default: int
    minimum: int
    maximum: int
    unit: str
    help: str


class QuestionnaireOut(Schema):
    version: int
    dimensions: list[ScoredDimensionOut]
    levels: list[LevelOut]
    sections: list[QuestionnaireSectionOut]
    hours_max: int
    platforms: list[CadencePlatformOut]
    periods: list[PeriodOut]
    draft_minutes_bounds: list[int]
    assumptions: list[AssumptionOut]


def questionnaire() -> dict:
    return {
        "version": VERSION,
        "dimensions": [
            {"key": d.key, "label": d.label, "description": d.description} for d in DIMENSIONS
        ],
        "levels": [vars(level) for level in LEVELS],
        "sections": [
            {
                "step": number,
                "key": s.key,
                "title": s.title,
                "intro": s.intro,
                "questions": [
                    {
                        "key": q.key,
                        "text": q.text,
                        "kind": q.kind,
                        "dimension": q.dimension or None,
                        "short": q.short,
                        "help": q.help,
                        "choices": [{"value": v, "label": label} for v, label in q.choices],
                    }
                    for q in s.questions
                ],
            }
            for number, s in enumerate(SECTIONS, start=1)
        ],
        "hours_max": HOURS_MAX,
        "platforms": [
            {"code": c, "label": PLATFORM_LABELS[c], "draft_minutes": DRAFT_MINUTES[c]}
            for c in PLATFORM_CODES
        ],
        "periods": [{"key": k, "label": label, "max_posts": MAX_POSTS[k]} for k, label in PERIODS],
        "draft_minutes_bounds": list(DRAFT_BOUNDS),
        "assumptions": [vars(a) for a in ASSUMPTIONS],
    }


# --- a submission ----------------------------------------------------------------------------


class SubmissionIn(Schema):
    organization: UUID = Field(description="The organization's public id.")
    answers: dict[str, Any] = Field(
        description="`{question key: answer}` for every question of the full version (see "
        "GET /questionnaire)."
    )
    staffing: dict[str, Any] | None = Field(
        None,
        description='Optional: `{"platforms": {code: {"count", "period", "draft_minutes"}}, '
        "assumption key: whole number, …}`. Without it the estimate starts from the "
        "`platforms` answer and the default assumptions.",
    )


# --- a result --------------------------------------------------------------------------------


class DimensionOut(Schema):
    key: str
    label: str
    score: int
    level: int
    level_name: str


class PlatformHoursOut(Schema):
    code: str
    label: str
    count: int
    period: str
    draft_minutes: int
    posts_per_week: float
    making: float
    approving: float
    answering: float
    monitoring: float
    hours: float


class StaffingOut(Schema):
    total_hours: float = Field(description="Hours a week, rounded to a tenth.")
    fte: float = Field(description="Full-time equivalents at `fte_hours` a week.")
    fte_hours: int
    planning_hours: float
    current_hours: int | None = Field(None, description="What the team spends now, as answered.")
    platforms: list[PlatformHoursOut]
    assumptions: dict[str, int]


class RelatedOut(Schema):
    kind: str
    title: str
    url: str


class RecommendationOut(Schema):
    dimension: str
    label: str
    score: int
    advice: str
    items: list[RelatedOut] = Field(description="Courses, resources and events on its topics.")
    tool_url: str | None


class ResultOut(Schema):
    id: UUID
    organization_id: UUID
    organization: str
    taken_at: datetime
    taken_by: str | None
    questionnaire_version: int
    overall: int
    level: int
    level_name: str
    dimensions: list[DimensionOut]
    staffing: StaffingOut
    recommendations: list[RecommendationOut]
    answers: dict[str, Any]
    url: str = Field(description="The result's page.")
    pdf_url: str


def result_item(assessment, recommendations) -> dict:
    scores, estimate = assessment.scores, assessment.estimate
    taker = assessment.taken_by
    return {
        "id": assessment.public_id,
        "organization_id": assessment.organization.public_id,
        "organization": assessment.organization.name,
        "taken_at": assessment.taken_at,
        "taken_by": (taker.full_name or taker.email) if taker else None,
        "questionnaire_version": assessment.questionnaire_version,
        "overall": scores.overall,
        "level": scores.level.number,
        "level_name": scores.level.name,
        "dimensions": [
            {
                "key": d.key,
                "label": d.label,
                "score": d.score,
                "level": d.level.number,
                "level_name": d.level.name,
            }
            for d in scores.dimensions
        ],
        "staffing": {
            "total_hours": estimate.total_hours,
            "fte": estimate.fte,
            "fte_hours": estimate.fte_hours,
            "planning_hours": estimate.planning_hours,
            "current_hours": assessment.current_hours,
            "platforms": [vars(row) for row in estimate.platforms],
            "assumptions": estimate.assumptions,
        },
        "recommendations": [
            {
                "dimension": r.key,
                "label": r.label,
                "score": r.score,
                "advice": r.advice,
                "items": [{"kind": i.kind, "title": i.title, "url": i.url} for i in r.items],
                "tool_url": r.tool_url,
            }
            for r in recommendations
        ],
        "answers": assessment.answers,
        "url": reverse("toolkit:assessment_result", args=[assessment.public_id]),
        "pdf_url": reverse("toolkit:assessment_pdf", args=[assessment.public_id]),
    }
