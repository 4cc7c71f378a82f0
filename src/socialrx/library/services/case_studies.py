"""Case studies contributed by members: the structured answers (goal, approach, results with
numbers, lessons, what legal and IT required) become a `Resource` of kind "case study" whose
Markdown body is composed from the answers (so search finds them and the page reads them),
its `CaseStudy` row and its `ResultFigure` rows, written in one transaction: a figure refused
while they are written rolls back the resource and the case study with it.

A case study goes through the same life cycle as any contribution (services.contributions):
saved while a draft or sent back, submitted once, reviewed by staff."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction

from socialrx.core.errors import DomainError
from socialrx.core.permissions import require

from ..figures import describe
from ..models import CaseStudy, Resource, ResourceKind, ResultFigure
from .contributions import (
    ContributionDraft,
    check_draft,
    locked_open,
    new_contribution,
    search_text,
    write,
)

FIGURES_RANGE = (1, 8)
ANSWER_LIMIT = 6_000
# DecimalField(max_digits=14, decimal_places=2): twelve digits before the point.
FIGURE_LIMIT = Decimal("999999999999.99")
WORDS_PER_MINUTE = 200
SECTIONS = (
    ("goal", "Goal"),
    ("approach", "Approach"),
    ("results", "Results"),
    ("lessons", "Lessons"),
    ("legal_it_requirements", "What legal and IT required"),
)
REQUIRED_ANSWERS = {
    "goal": "Say what you set out to do.",
    "approach": "Say what you did.",
    "results": "Say what came of it.",
    "lessons": "Say what you learned.",
}


@dataclass(frozen=True)
class Figure:
    """One result in numbers: "Page followers", 1200 → 5400, unit "", over "12 months"."""

    measure: str
    after: Decimal | None
    before: Decimal | None = None
    unit: str = ""
    period: str = ""


@dataclass(frozen=True)
class CaseStudyAnswers:
    goal: str
    approach: str
    results: str
    lessons: str
    legal_it_requirements: str = ""
    figures: Sequence[Figure] = field(default=())


def _check_answers(answers: CaseStudyAnswers) -> None:
    for name, message in REQUIRED_ANSWERS.items():
        if not getattr(answers, name).strip():
            raise DomainError(message, field=name)
    for name, _title in SECTIONS:
        if len(getattr(answers, name)) > ANSWER_LIMIT:
            raise DomainError(f"Keep this under {ANSWER_LIMIT:,} characters.", field=name)
    low, high = FIGURES_RANGE
    if not low <= len(answers.figures) <= high:
        raise DomainError(f"Give from {low} to {high} results in numbers.", field="figures")


def _number(value, what: str, position: int) -> Decimal:
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        number = None
    if number is None or not number.is_finite() or abs(number) > FIGURE_LIMIT:
        raise DomainError(
            f"Result {position}: give “{what}” as a number, like 1200 or 3.5.", field="figures"
        )
    if number != number.quantize(Decimal("0.01")):
        raise DomainError(
            f"Result {position}: give “{what}” with at most two decimals.", field="figures"
        )
    return number


def _write_figures(case_study: CaseStudy, figures: Sequence[Figure]) -> list[ResultFigure]:
    """Replace the case study's figures, checking each as it is written (a refusal rolls the
    whole case study back with the surrounding transaction)."""
    case_study.figures.all().delete()
    written = []
    for position, figure in enumerate(figures, start=1):
        measure = " ".join((figure.measure or "").split())
        if not measure or len(measure) > 120:
            raise DomainError(
                f"Result {position}: name what was measured (up to 120 characters).",
                field="figures",
            )
        if figure.after is None:
            raise DomainError(f"Result {position}: give the number after.", field="figures")
        written.append(
            ResultFigure(
                case_study=case_study,
                measure=measure,
                before=None
                if figure.before is None
                else _number(figure.before, "before", position),
                after=_number(figure.after, "after", position),
                unit=(figure.unit or "").strip()[:30],
                period=(figure.period or "").strip()[:60],
                position=position,
            )
        )
        written[-1].save()
    return written


def compose_body(answers: CaseStudyAnswers) -> str:
    """The resource's Markdown body: one section per answer, in the form's order (the results
    in numbers are shown by the case study's table, and searched through the search text)."""
    parts = []
    for name, title in SECTIONS:
        text = getattr(answers, name).strip()
        if text:
            parts.append(f"## {title}\n\n{text}")
    return "\n\n".join(parts)


def figure_lines(figures: Sequence[ResultFigure]) -> list[str]:
    return [describe(f.measure, f.before, f.after, f.unit, f.period) for f in figures]


def _reading_minutes(body: str) -> int:
    return max(1, math.ceil(len(body.split()) / WORDS_PER_MINUTE))


def _as_draft(draft: ContributionDraft, body: str) -> ContributionDraft:
    return ContributionDraft(
        kind=ResourceKind.CASE_STUDY,
        title=draft.title,
        summary=draft.summary,
        organization=draft.organization,
        access=draft.access,
        body=body,
        topics=draft.topics,
        platforms=draft.platforms,
        audiences=draft.audiences,
        minutes=_reading_minutes(body),
    )


def _write_case_study(resource: Resource, organization, answers: CaseStudyAnswers) -> None:
    """The case study's row and figures, then the resource's search text with the figures."""
    case_study, _created = CaseStudy.objects.update_or_create(
        resource=resource,
        defaults={
            "organization": organization,
            "goal": answers.goal.strip(),
            "approach": answers.approach.strip(),
            "results": answers.results.strip(),
            "lessons": answers.lessons.strip(),
            "legal_it_requirements": answers.legal_it_requirements.strip(),
        },
    )
    figures = _write_figures(case_study, answers.figures)
    resource.search_text = search_text(resource, figure_lines(figures))
    resource.save(update_fields=["search_text", "updated_at"])


@transaction.atomic(durable=True)
def start_case_study(*, actor, draft: ContributionDraft, answers: CaseStudyAnswers) -> Resource:
    """A new draft case study credited to `draft.organization`: resource, case study and
    figures together or nothing."""
    require(actor, "library.contribute")
    composed = _as_draft(draft, compose_body(answers))
    check_draft(actor, composed, kinds=(ResourceKind.CASE_STUDY,))
    _check_answers(answers)
    resource = new_contribution(actor, composed)
    _write_case_study(resource, draft.organization, answers)
    return resource


@transaction.atomic(durable=True)
def save_case_study(
    *, actor, resource: Resource, draft: ContributionDraft, answers: CaseStudyAnswers
) -> Resource:
    """Save a draft (or sent-back) case study's answers; refused (409) once submitted."""
    resource = locked_open(actor, resource)
    if resource.kind != ResourceKind.CASE_STUDY:
        raise DomainError("This contribution is not a case study.")
    composed = _as_draft(draft, compose_body(answers))
    check_draft(actor, composed, kinds=(ResourceKind.CASE_STUDY,))
    _check_answers(answers)
    write(resource, composed)
    _write_case_study(resource, draft.organization, answers)
    return resource


__all__ = [
    "ANSWER_LIMIT",
    "FIGURES_RANGE",
    "CaseStudyAnswers",
    "Figure",
    "compose_body",
    "save_case_study",
    "start_case_study",
]
