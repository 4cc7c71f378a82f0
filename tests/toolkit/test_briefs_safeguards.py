"""The brief's safeguards and plan traced to their sources: checks saved in the last 90 days,
people trained as the app that trains reports them, the policy adopted last, and the latest
assessment's plan and staffing, compared with values worked out by hand."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from socialrx.core import related
from socialrx.core.calendar import center_today
from socialrx.toolkit.models import Assessment, Policy, PolicyVersion
from tests.factories import UserFactory
from tests.toolkit.brief_world import figures_of, world_fixture  # noqa: F401 - the fixture
from tests.toolkit.factories import SavedCheckFactory

pytestmark = pytest.mark.django_db


def test_checks_saved_in_the_last_90_days_today_included(world):
    organization, admin, _ = world
    other = UserFactory()
    zone = timezone.get_default_timezone()
    today = center_today()

    def at(days_ago: int, hour: int):
        day = today - timedelta(days=days_ago)
        return timezone.make_aware(datetime.combine(day, time(hour)), zone)

    SavedCheckFactory(organization=organization, saved_by=admin, saved_at=at(0, 9))
    SavedCheckFactory(organization=organization, saved_by=other, saved_at=at(30, 9), high_count=0)
    SavedCheckFactory(organization=organization, saved_by=other, saved_at=at(89, 0))  # day 90
    SavedCheckFactory(organization=organization, saved_by=admin, saved_at=at(90, 23))  # day 91
    SavedCheckFactory(saved_at=at(1, 9))  # another organization's

    checker = figures_of(organization)["safeguards"]["checker"]

    assert checker == {
        "saved_checks": 3,
        "people": 2,
        "with_high_findings": 2,
        "since": (today - timedelta(days=89)).isoformat(),
        "until": today.isoformat(),
        "days": 90,
        "source": "SocialRx post safety checker, the organization's saved checks",
    }


def test_people_trained_come_from_the_app_that_reports_them(world, monkeypatch):
    organization, _, _ = world
    # Training reports them (its related provider): nobody of this organization is trained.
    training = figures_of(organization)["safeguards"]["training"]
    assert training["available"] is True and training["people"] == 0
    monkeypatch.setattr(related, "providers", lambda: ())
    training = figures_of(organization)["safeguards"]["training"]
    assert training["available"] is False and training["people"] is None

    asked = []

    def people_trained(organization_ids):
        asked.append(list(organization_ids))
        return {organization.pk: 7}

    reporter = related.RelatedProvider(
        extra={"people_trained": people_trained, "people_trained_source": "Valid certificates"}
    )
    monkeypatch.setattr(related, "providers", lambda: (("training", reporter),))

    training = figures_of(organization)["safeguards"]["training"]

    assert asked == [[organization.pk]]
    assert training["available"] is True
    assert training["people"] == 7
    assert training["seats"] == 1  # the admin
    assert training["source"] == "Valid certificates"


STAFFING = {
    "platforms": {
        "facebook": {"count": 5, "period": "week", "draft_minutes": 30},
        "x": {"count": 1, "period": "day", "draft_minutes": 15},
    },
    "approval_minutes": 10,
    "comments_per_post": 4,
    "response_minutes": 3,
    "monitoring_minutes": 15,
    "monitoring_days": 7,
    "planning_hours": 3,
    "fte_hours": 40,
}


def test_the_plan_is_the_latest_assessment_with_its_staffing_worked_out(world):
    """Facebook, 5 posts a week: 5×30 + 5×10 + 5×4×3 + 15×7 = 365 minutes = 6.1 h.
    X, 1 a day (7 a week): 7×15 + 7×10 + 7×4×3 + 15×7 = 364 minutes = 6.1 h.
    Week: 729 minutes = 12.15 h, + 3 h planning = 15.15 → 15.2 h; FTE 15.15 / 40 = 0.37875
    → 0.38. The team spends 6 hours now: 9.2 hours to find."""
    organization, admin, _ = world
    Assessment.objects.create(
        organization=organization, taken_by=admin, taken_at=timezone.now() - timedelta(days=400),
        strategy_score=10, governance_score=10, capacity_score=10, skills_score=10,
        measurement_score=10, overall_score=10, staffing=STAFFING, staffing_hours=1,
        staffing_fte=1,
    )  # fmt: skip
    taken_at = timezone.now() - timedelta(days=3)
    Assessment.objects.create(
        organization=organization, taken_by=admin, taken_at=taken_at,
        answers={"people_hours": 6},
        strategy_score=70, governance_score=45, capacity_score=30, skills_score=65,
        measurement_score=55, overall_score=53, staffing=STAFFING,
        staffing_hours=Decimal("15.2"), staffing_fte=Decimal("0.38"),
    )  # fmt: skip

    plan = figures_of(organization)["plan"]

    assert plan["available"] is True
    assert plan["source"] == "SocialRx readiness and staffing assessment"
    assert plan["taken_at"][:19] == taken_at.isoformat()[:19]
    assert plan["overall"] == 53
    assert plan["maturity"]["name"] == "Developing"
    assert [(d["label"], d["score"], d["level"]) for d in plan["dimensions"]] == [
        ("Strategy", 70, "Established"),
        ("Governance", 45, "Developing"),
        ("Capacity", 30, "Starting"),
        ("Skills", 65, "Established"),
        ("Measurement", 55, "Developing"),
    ]
    # The weak dimensions (under 60), weakest first.
    assert [r["label"] for r in plan["recommendations"]] == [
        "Capacity", "Governance", "Measurement"
    ]  # fmt: skip
    staffing = plan["staffing"]
    assert staffing["total_hours"] == "15.2"
    assert staffing["fte"] == "0.38"
    assert staffing["current_hours"] == 6
    assert staffing["gap_hours"] == "9.2"
    assert [(p["label"], p["cadence"], p["hours"]) for p in staffing["platforms"]] == [
        ("Facebook", "5 a week", "6.1"),
        ("X (Twitter)", "1 a day", "6.1"),
    ]
    assert {"label": "Approval per post", "value": 10, "unit": "minutes"} in staffing["assumptions"]


def test_without_an_assessment_the_plan_says_so(world):
    organization, _, _ = world
    assert figures_of(organization)["plan"]["available"] is False


def test_the_policy_adopted_last_with_its_clauses_and_review(world):
    organization, admin, _ = world
    assert figures_of(organization)["safeguards"]["policy"] == {
        "adopted": False, "source": "SocialRx policy builder"
    }  # fmt: skip
    policy = Policy.objects.create(organization=organization, title="Social media policy")
    sections = [
        {"slug": "who", "number": 1, "title": "Who may post", "clauses": [{}, {}]},
        {"slug": "privacy", "number": 2, "title": "Patient privacy", "clauses": [{}]},
    ]
    for number, adopted_on in ((1, date(2024, 6, 1)), (2, date(2025, 3, 3)), (3, None)):
        PolicyVersion.objects.create(
            policy=policy, number=number, organization_name=organization.name,
            sections=sections, adopted_on=adopted_on, adopted_by=admin,
            templates_reviewed_to=date(2025, 1, 10),
        )  # fmt: skip

    assert figures_of(organization)["safeguards"]["policy"] == {
        "adopted": True,
        "source": "SocialRx policy builder",
        "title": "Social media policy",
        "version": 2,  # version 3 is not adopted
        "adopted_on": "2025-03-03",
        "clauses": 3,
        "sections": ["Who may post", "Patient privacy"],
        "templates_reviewed_to": "2025-01-10",
        "url": f"/toolkit/policies/{policy.public_id}/versions/2/",
    }
