"""Saving a take and changing its staffing: who may, what is written and audited, and that a
refused write leaves nothing behind."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.core.models import AuditEvent
from socialrx.toolkit.assessment_answers import AnswersIncomplete
from socialrx.toolkit.models import Assessment
from socialrx.toolkit.selectors.assessments import latest_for
from socialrx.toolkit.services.assessments import (
    StaffingRefused,
    change_staffing,
    submit_assessment,
)
from tests.factories import StaffFactory
from tests.toolkit.factories import FULL_ANSWERS, make_assessment, make_check_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def member_org(org_a):
    organization, admin, member = org_a
    make_check_member(organization)
    return organization, admin, member


def test_the_admin_of_a_member_organization_saves_a_complete_take(member_org):
    organization, admin, _ = member_org

    assessment = submit_assessment(actor=admin, organization=organization, answers=FULL_ANSWERS)

    assessment.refresh_from_db()
    # The hand-worked scores of test_scoring and the staffing of test_staffing's first example.
    assert (
        assessment.strategy_score,
        assessment.governance_score,
        assessment.capacity_score,
        assessment.skills_score,
        assessment.measurement_score,
        assessment.overall_score,
    ) == (70, 46, 31, 94, 50, 58)
    assert (assessment.staffing_hours, assessment.staffing_fte) == (
        Decimal("18.5"),
        Decimal("0.46"),
    )
    assert assessment.taken_by == admin
    assert assessment.answers["platforms"]["youtube"] == {"count": 2, "period": "month"}
    event = AuditEvent.objects.get(action="toolkit.assessment.submitted")
    assert event.target_id == str(assessment.pk)
    assert event.after["governance"] == 46
    assert event.after["maturity"] == "2 Developing"
    assert event.after["hours_a_week"] == "18.5"


def test_an_incomplete_take_is_refused_whole_with_each_missing_answer(member_org):
    organization, admin, _ = member_org
    answers = {k: v for k, v in FULL_ANSWERS.items() if k not in ("policy_crisis", "platforms")}
    answers["goals_plan"] = 9  # not one of the answers' points

    with pytest.raises(AnswersIncomplete) as refused:
        submit_assessment(actor=admin, organization=organization, answers=answers)

    assert refused.value.errors == {
        "goals_plan": "Choose one of the answers.",
        "policy_crisis": "Answer this question.",
        "platforms": "Enter how often you post on at least one platform.",
    }
    assert refused.value.message == (
        "3 answers are missing or not valid (steps 1, 4, 6): nothing was saved."
    )
    assert not Assessment.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="toolkit.").exists()


def test_ten_thousand_posts_a_day_is_refused_and_nothing_is_saved(member_org):
    organization, admin, _ = member_org
    answers = FULL_ANSWERS | {"platforms": {"facebook": {"count": 10_000, "period": "day"}}}

    with pytest.raises(AnswersIncomplete) as refused:
        submit_assessment(actor=admin, organization=organization, answers=answers)

    assert refused.value.errors["platforms"].startswith("Facebook: 10,000 posts a day is more")
    assert not Assessment.objects.exists()


def test_only_the_admin_of_a_member_organization_submits(org_a, org_b):
    organization, admin, member = org_a
    for actor in (admin, member, org_b[1], StaffFactory()):  # org A is not a member yet
        with pytest.raises(PermissionDenied):
            submit_assessment(actor=actor, organization=organization, answers=FULL_ANSWERS)
    make_check_member(organization)
    for actor in (member, org_b[1], StaffFactory()):
        with pytest.raises(PermissionDenied):
            submit_assessment(actor=actor, organization=organization, answers=FULL_ANSWERS)
    assert not Assessment.objects.exists()


def _staffing(**changes):
    return {
        "platforms": {"linkedin": {"count": 2, "period": "week", "draft_minutes": 30}},
        "approval_minutes": 0,
        "comments_per_post": 0,
        "response_minutes": 0,
        "monitoring_minutes": 0,
        "monitoring_days": 0,
        "planning_hours": 0,
        "fte_hours": 40,
    } | changes


def test_changing_the_staffing_recomputes_the_totals_and_is_audited(member_org):
    organization, admin, _ = member_org
    assessment = make_assessment(organization, taken_by=admin)

    change_staffing(actor=admin, assessment=assessment, staffing=_staffing(planning_hours=9))

    assessment.refresh_from_db()
    # 2 × 30 min = 1 h, plus 9 h of planning = 10 h; 10 / 40 = 0.25 FTE
    assert (assessment.staffing_hours, assessment.staffing_fte) == (
        Decimal("10.0"),
        Decimal("0.25"),
    )
    event = AuditEvent.objects.get(action="toolkit.assessment.staffing_changed")
    assert event.before == {"hours_a_week": "18.5", "fte": "0.46"}
    assert event.after == {"hours_a_week": "10.0", "fte": "0.25"}
    # The same staffing again changes nothing and records nothing.
    change_staffing(actor=admin, assessment=assessment, staffing=_staffing(planning_hours=9))
    assert AuditEvent.objects.filter(action="toolkit.assessment.staffing_changed").count() == 1


def test_a_refused_staffing_changes_nothing(member_org):
    organization, admin, member = member_org
    assessment = make_assessment(organization, taken_by=admin)

    with pytest.raises(StaffingRefused) as refused:
        change_staffing(actor=admin, assessment=assessment, staffing=_staffing(approval_minutes=-1))
    with pytest.raises(PermissionDenied):
        change_staffing(actor=member, assessment=assessment, staffing=_staffing())

    assert refused.value.field == "approval_minutes"
    assessment.refresh_from_db()
    assert assessment.staffing_hours == Decimal("18.5")
    assert not AuditEvent.objects.filter(action="toolkit.assessment.staffing_changed").exists()


def test_latest_for_gives_the_brief_scores_maturity_staffing_and_recommendations(member_org):
    from datetime import timedelta

    from django.utils import timezone

    organization, admin, _ = member_org
    assert latest_for(organization) is None
    make_assessment(organization, taken_at=timezone.now() - timedelta(days=90))
    newest = make_assessment(organization)

    latest = latest_for(organization)

    assert latest == newest
    assert latest.scores.of("governance").score == 46
    assert str(latest.maturity) == "2 Developing"
    assert (latest.estimate.total_hours, latest.estimate.fte) == (Decimal("18.5"), Decimal("0.46"))
    # Governance, capacity and measurement are below 60: weakest first.
    assert [r.key for r in latest.recommendations] == ["capacity", "governance", "measurement"]
    assert all(r.advice for r in latest.recommendations)
