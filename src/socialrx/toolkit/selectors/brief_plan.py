"""The brief's plan and its first safeguard: the latest readiness assessment (maturity, scores
by dimension, recommendations, staffing estimate with every assumption) and the policy the
organization adopted; each with its date and where it came from."""

from __future__ import annotations

from django.urls import reverse

from socialrx.organizations.models import Organization

from .assessments import latest_for
from .policies import adopted_policy_of

ASSESSMENT_SOURCE = "SocialRx readiness and staffing assessment"
POLICY_SOURCE = "SocialRx policy builder"


def assessment_plan(organization: Organization) -> dict:
    """The latest take's plan. Its recommendations' courses, resources and events are those
    anyone may open (user None): the brief is kept and read later by people whose access may
    differ from its drawer's."""
    assessment = latest_for(organization, user=None)
    if assessment is None:
        return {"available": False, "source": ASSESSMENT_SOURCE}
    scores = assessment.scores
    estimate = assessment.estimate
    level = scores.level
    gap = estimate.gap(assessment.current_hours)
    return {
        "available": True,
        "source": ASSESSMENT_SOURCE,
        "taken_at": assessment.taken_at,
        "taken_by": _name(assessment.taken_by),
        "url": reverse("toolkit:assessment_result", args=[assessment.public_id]),
        "overall": scores.overall,
        "maturity": {"number": level.number, "name": level.name, "meaning": level.meaning},
        "dimensions": [
            {"label": d.label, "score": d.score, "level": d.level.name} for d in scores.dimensions
        ],
        "recommendations": _recommendations(assessment),
        "staffing": {
            "total_hours": str(estimate.total_hours),
            "fte": str(estimate.fte),
            "fte_hours": estimate.fte_hours,
            "planning_hours": str(estimate.planning_hours),
            "current_hours": assessment.current_hours,
            "gap_hours": None if gap is None else str(gap),
            "platforms": [
                {
                    "label": row.label,
                    "cadence": row.cadence,
                    "posts_per_week": str(row.posts_per_week),
                    "hours": str(row.hours),
                }
                for row in estimate.platforms
            ],
            "assumptions": [
                {"label": a.label, "value": value, "unit": a.unit}
                for a, value in estimate.assumption_rows
            ],
        },
    }


def _recommendations(assessment) -> list[dict]:
    """What the assessment recommends, weakest dimension first, with its linked items."""
    return [
        {
            "label": item.label,
            "score": item.score,
            "level": item.level.name,
            "advice": item.advice,
            "items": [
                {"kind": related.kind, "title": related.title, "url": related.url}
                for related in item.items
            ],
            "tool_label": item.tool_label,
            "tool_url": item.tool_url or "",
        }
        for item in getattr(assessment, "recommendations", ())
    ]


def policy_adopted(organization: Organization) -> dict:
    """The version the organization adopted last: its number, adoption day, clauses, and
    when the center last reviewed the clause templates it was assembled from."""
    version = adopted_policy_of(organization)
    if version is None:
        return {"adopted": False, "source": POLICY_SOURCE}
    return {
        "adopted": True,
        "source": POLICY_SOURCE,
        "title": version.policy.title,
        "version": version.number,
        "adopted_on": version.adopted_on,
        "clauses": version.clause_count,
        "sections": [section["title"] for section in version.sections],
        "templates_reviewed_to": version.templates_reviewed_to,
        "url": reverse("toolkit:policy_version", args=[version.policy.public_id, version.number]),
    }


def _name(user) -> str:
    if user is None:
        return ""
    return user.full_name or user.email
