"""Reads of the clause back office: every clause by section with its review state, one clause
with its versions (and how many policy versions use each), and a clause read with example
answers (the preview)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from socialrx.core.calendar import center_today
from socialrx.core.errors import NotFound
from socialrx.core.markdown import render

from ..clause_text import fill
from ..models import ClauseTemplate, ClauseTemplateVersion
from ..policy_answers import CONDITION_BY_SLUG, example_answers, placeholder_values
from ..policy_sections import SECTIONS, Section

# How close a review must be to show as "due soon".
DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class ClauseRow:
    clause: ClauseTemplate
    overdue: bool
    due_soon: bool

    @property
    def condition_label(self) -> str:
        condition = CONDITION_BY_SLUG.get(self.clause.condition)
        return condition.label if condition else self.clause.condition


@dataclass(frozen=True)
class SectionClauses:
    section: Section
    number: int
    rows: list[ClauseRow]

    @property
    def active_count(self) -> int:
        return sum(1 for row in self.rows if row.clause.is_active)


def clauses_by_section(today: date | None = None) -> tuple[list[SectionClauses], int]:
    """Every clause, retired ones too, grouped in the builder's section order; and how many
    active clauses are overdue for review. One query."""
    today = today or center_today()
    grouped: dict[str, list[ClauseRow]] = {section.slug: [] for section in SECTIONS}
    overdue = 0
    for clause in ClauseTemplate.objects.order_by("section", "position", "title"):
        late = clause.review_due < today
        soon = not late and (clause.review_due - today).days <= DUE_SOON_DAYS
        overdue += late and clause.is_active
        grouped.setdefault(clause.section, []).append(ClauseRow(clause, late, soon))
    sections = [
        SectionClauses(section, number, grouped[section.slug])
        for number, section in enumerate(SECTIONS, start=1)
    ]
    return sections, overdue


def clause_for_staff(public_id) -> ClauseTemplate:
    clause = ClauseTemplate.objects.select_related("updated_by").filter(public_id=public_id).first()
    if clause is None:
        raise NotFound("No such clause.")
    return clause


def versions_of_clause(clause: ClauseTemplate) -> list[ClauseTemplateVersion]:
    """Newest first, each with `policy_count`: the policy versions assembled from it."""
    return list(
        clause.versions.select_related("created_by")
        .annotate(policy_count=Count("policy_versions"))
        .order_by("-number")
    )


def preview(body: str, organization_name: str = "Riverside Regional Medical Center") -> str:
    """The clause's text as a policy would show it, filled with the questions' examples."""
    return render(fill(body, placeholder_values(organization_name, example_answers())))
