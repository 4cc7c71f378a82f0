"""Completed readiness assessments of the demo organizations. Idempotent: an organization
that has any take is left as it is.

- Riverside (the member hospital) took it twice, seven months apart: the first time with
  little in place; the second after adopting a policy with legal and IT, so governance rises
  most. Its admin, Karen Lindqvist, took both. The latest is put in the context as
  "demo_assessment" (the executive brief cites it).
- Lakeside (the practice) took it once, ten months ago, while it was a member (its membership
  has lapsed since: the result stays readable to its people).
- North Star's membership application is still pending: no take.

The takes are written by the service's writer with their past dates (the permission held then;
`submit_assessment` would date them today), each with its audit row."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from socialrx.core.demo import DemoContext, Tally

from ..models import Assessment
from ..services.assessments import record_assessment

GOALS = ["patient_education", "recruitment", "reputation"]

RIVERSIDE_FIRST = {
    "goals_focus": GOALS,
    "goals_written": 2,
    "goals_audience": 2,
    "goals_plan": 1,
    "leadership_sponsor": 1,
    "leadership_view": 2,
    "leadership_budget": 1,
    "people_owner": 2,
    "people_hours": 15,
    "people_cover": 1,
    "people_training": 1,
    "people_clinicians": 2,
    "policy_status": 1,
    "policy_approval": 1,
    "policy_moderation": 1,
    "policy_crisis": 1,
    "review_legal": 1,
    "review_it": 2,
    "review_privacy": 2,
    "review_consent": 2,
    "platforms": {
        "facebook": {"count": 5, "period": "week"},
        "x": {"count": 1, "period": "day"},
        "youtube": {"count": 2, "period": "month"},
        "instagram": {"count": 3, "period": "week"},
        "linkedin": {"count": 2, "period": "week"},
    },
    "platforms_production": 2,
    "platforms_scheduling": 2,
    "measure_tracking": 1,
    "measure_reporting": 1,
    "measure_listening": 1,
}
# Seven months later: a policy adopted with legal and IT, a sponsor, a second person.
RIVERSIDE_SECOND = RIVERSIDE_FIRST | {
    "goals_written": 3,
    "goals_audience": 3,
    "goals_plan": 2,
    "leadership_sponsor": 2,
    "leadership_view": 3,
    "leadership_budget": 2,
    "people_owner": 3,
    "people_hours": 25,
    "people_cover": 2,
    "people_training": 3,
    "policy_status": 3,
    "policy_approval": 3,
    "policy_moderation": 2,
    "policy_crisis": 2,
    "review_legal": 3,
    "review_it": 3,
    "review_privacy": 3,
    "review_consent": 3,
    "platforms_scheduling": 3,
    "measure_tracking": 2,
    "measure_reporting": 2,
    "measure_listening": 2,
}
LAKESIDE = {
    "goals_focus": ["patient_education", "physicians"],
    "goals_written": 1,
    "goals_audience": 2,
    "goals_plan": 1,
    "leadership_sponsor": 3,
    "leadership_view": 2,
    "leadership_budget": 1,
    "people_owner": 1,
    "people_hours": 4,
    "people_cover": 0,
    "people_training": 1,
    "people_clinicians": 3,
    "policy_status": 2,
    "policy_approval": 2,
    "policy_moderation": 1,
    "policy_crisis": 0,
    "review_legal": 2,
    "review_it": 1,
    "review_privacy": 2,
    "review_consent": 3,
    "platforms": {
        "facebook": {"count": 2, "period": "week"},
        "instagram": {"count": 1, "period": "week"},
    },
    "platforms_production": 1,
    "platforms_scheduling": 1,
    "measure_tracking": 1,
    "measure_reporting": 0,
    "measure_listening": 2,
}


def _takes(organization, admin, takes: list[tuple[int, dict]]) -> None:
    """Write the organization's takes ((days ago, answers), oldest first) unless it has any."""
    if Assessment.objects.filter(organization=organization).exists():
        return
    now = timezone.now()
    for days_ago, answers in takes:
        record_assessment(
            actor=admin,
            organization=organization,
            answers=answers,
            taken_at=now - timedelta(days=days_ago),
        )


def seed(context: DemoContext) -> tuple[list[str], dict[str, int]]:
    tally = Tally(assessments=Assessment)
    hospital = context.get("demo_hospital")
    practice = context.get("demo_practice")
    _takes(
        hospital,
        context.get("demo_hospital_admin"),
        [(231, RIVERSIDE_FIRST), (21, RIVERSIDE_SECOND)],
    )
    _takes(practice, context.get("demo_practice_admin"), [(300, LAKESIDE)])
    latest = Assessment.objects.filter(organization=hospital).order_by("-taken_at", "-id").first()
    context.put("demo_assessment", latest)
    lines = []
    for organization in (hospital, practice):
        takes = list(Assessment.objects.filter(organization=organization).order_by("taken_at"))
        if takes:
            scores = ", ".join(str(take.overall_score) for take in takes)
            lines.append(
                f"{organization.name}: {len(takes)} readiness assessment"
                f"{'s' if len(takes) != 1 else ''} (overall {scores}); the latest needs "
                f"{takes[-1].staffing_hours} hours a week ({takes[-1].staffing_fte} FTE)"
            )
    return lines, tally.made()
