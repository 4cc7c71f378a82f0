"""Saving an organization's readiness assessment and changing its staffing assumptions.

- Submitting (`toolkit.assess`: an org admin of a member organization) writes the whole take at
  once: every question of the full version answered and valid, the cadence within bounds, or
  nothing is written (`AnswersIncomplete` lists each missing answer, `StaffingRefused` each
  refused value). Scores are computed here, never taken from the caller.
- The staffing starts from the platforms' cadence and the default assumptions; the admin may
  change any of them later (`change_staffing`), which recomputes the totals kept beside them.
- Each write is audited with the organization's scores or staffing totals
  (`toolkit.assessment.submitted`, `toolkit.assessment.staffing_changed`)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.permissions import require
from socialrx.organizations.models import Organization

from ..assessment_answers import AnswersIncomplete, check_answers
from ..assessment_questions import FULL, VERSION
from ..models import Assessment
from ..scoring import score
from ..staffing import StaffingRefused, check_staffing, estimate, staffing_from_cadence

__all__ = [
    "AnswersIncomplete",
    "StaffingRefused",
    "change_staffing",
    "record_assessment",
    "submit_assessment",
]


def _totals(assessment: Assessment) -> dict:
    return {"hours_a_week": assessment.staffing_hours, "fte": assessment.staffing_fte}


def _set_staffing(assessment: Assessment, staffing: dict) -> None:
    assessment.staffing = staffing
    totals = estimate(staffing)
    assessment.staffing_hours = totals.total_hours
    assessment.staffing_fte = totals.fte


def record_assessment(
    *,
    actor,
    organization: Organization,
    answers: dict,
    staffing: dict | None = None,
    taken_at: datetime | None = None,
) -> Assessment:
    """Write a complete take and its audit row; the caller holds the transaction and has
    asked for the permission (`submit_assessment`; the demo's past takes)."""
    answers = check_answers(answers, FULL)
    staffing = (
        check_staffing(staffing)
        if staffing is not None
        else staffing_from_cadence(answers["platforms"])
    )
    scores = score(answers, FULL)
    assessment = Assessment(
        organization=organization,
        taken_by=actor if getattr(actor, "is_authenticated", False) else None,
        taken_at=taken_at or timezone.now(),
        questionnaire_version=VERSION,
        answers=answers,
        overall_score=scores.overall,
        **{f"{d.key}_score": d.score for d in scores.dimensions},
    )
    _set_staffing(assessment, staffing)
    assessment.save()
    audit.record(
        actor=actor,
        action="toolkit.assessment.submitted",
        target=assessment,
        after={
            "organization": organization.name,
            **{d.key: d.score for d in scores.dimensions},
            "overall": scores.overall,
            "maturity": str(scores.level),
            **_totals(assessment),
        },
    )
    return assessment


@transaction.atomic(durable=True)
def submit_assessment(
    *, actor, organization: Organization, answers: dict, staffing: dict | None = None
) -> Assessment:
    """Save a complete take of the full assessment for `organization`. Refused, with nothing
    written, when an answer is missing or out of bounds."""
    require(actor, "toolkit.assess", organization)
    return record_assessment(
        actor=actor, organization=organization, answers=answers, staffing=staffing
    )


@transaction.atomic(durable=True)
def change_staffing(*, actor, assessment: Assessment, staffing: dict) -> Assessment:
    """Replace the take's staffing cadence and assumptions and recompute its totals; refused
    whole (nothing changes) when a value is out of bounds."""
    require(actor, "toolkit.assess", assessment)
    staffing = check_staffing(staffing)
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=assessment.pk)
    )
    before = _totals(assessment)
    if staffing == assessment.staffing:
        return assessment
    _set_staffing(assessment, staffing)
    assessment.save(update_fields=["staffing", "staffing_hours", "staffing_fte", "updated_at"])
    audit.record(
        actor=actor,
        action="toolkit.assessment.staffing_changed",
        target=assessment,
        before=before,
        after=_totals(assessment),
    )
    return assessment
