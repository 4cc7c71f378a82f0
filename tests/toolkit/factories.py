"""Toolkit test data, one section per tool (each helper adds its own; names say the tool)."""

from __future__ import annotations

from datetime import timedelta

import factory

from socialrx.core.calendar import center_today
from socialrx.membership.models import Membership, MembershipStatus
from socialrx.toolkit.models import SavedCheck
from tests.factories import OrganizationFactory
from tests.membership.factories import PlanFactory

# --- post safety checker ----------------------------------------------------------------------


def make_check_member(organization) -> Membership:
    """`organization` holds an active membership for a year from today (its people save
    checks and check long drafts)."""
    today = center_today()
    return Membership.objects.create(
        organization=organization,
        plan=PlanFactory(),
        billing_contact_name="Accounts payable",
        billing_email="ap@example-health.org",
        status=MembershipStatus.ACTIVE,
        covered_from=today,
        covered_until=today + timedelta(days=364),
    )


class SavedCheckFactory(factory.django.DjangoModelFactory):
    """A saved check with one name found (as the detector would have stored it)."""

    class Meta:
        model = SavedCheck

    organization = factory.SubFactory(OrganizationFactory)
    saved_by = None
    draft = "Welcome home, Maria Lopez! Our team is proud of you."
    findings = factory.LazyFunction(
        lambda: [
            {
                "start": 14,
                "end": 25,
                "kind": "name",
                "label": "Name",
                "severity": "high",
                "reason": "A person's name in a post about care.",
                "field": "text",
            }
        ]
    )
    risks = factory.LazyFunction(list)
    identifier_count = 1
    risk_count = 0
    high_count = 1


# --- executive brief --------------------------------------------------------------------------


def make_brief(organization, *, drawn_by=None):
    """A brief of `organization` with today's figures, as drawing one keeps them (without the
    permission check and the audit record of services.briefs.draw_brief)."""
    from socialrx.toolkit.models import ExecutiveBrief  # noqa: PLC0415
    from socialrx.toolkit.selectors.brief_figures import figures_for  # noqa: PLC0415

    return ExecutiveBrief.objects.create(
        organization=organization,
        drawn_by=drawn_by,
        figures=figures_for(organization, today=center_today()),
    )


# --- readiness assessment ---------------------------------------------------------------------

# Every question of the full version answered (scores worked out in tests/toolkit/test_scoring.py:
# strategy 70, governance 46, capacity 31, skills 94, measurement 50, overall 58).
FULL_ANSWERS = {
    "goals_focus": ["recruitment", "patient_education"],
    "goals_written": 3,
    "goals_audience": 2,
    "goals_plan": 2,
    "leadership_sponsor": 4,
    "leadership_view": 3,
    "leadership_budget": 1,
    "people_owner": 2,
    "people_hours": 12,
    "people_cover": 0,
    "people_training": 4,
    "people_clinicians": 3,
    "policy_status": 2,
    "policy_approval": 1,
    "policy_moderation": 0,
    "policy_crisis": 1,
    "review_legal": 3,
    "review_it": 4,
    "review_privacy": 4,
    "review_consent": 2,
    "platforms": {
        "facebook": {"count": 5, "period": "week"},
        "x": {"count": 1, "period": "day"},
        "youtube": {"count": 2, "period": "month"},
    },
    "platforms_production": 4,
    "platforms_scheduling": 2,
    "measure_tracking": 2,
    "measure_reporting": 3,
    "measure_listening": 1,
}


def make_assessment(organization, *, answers=None, taken_at=None, taken_by=None, staffing=None):
    """A saved take of `organization` (FULL_ANSWERS unless `answers`), written as the service
    writes one, without its permission check."""
    from django.db import transaction  # noqa: PLC0415

    from socialrx.toolkit.services.assessments import record_assessment  # noqa: PLC0415

    with transaction.atomic():
        return record_assessment(
            actor=taken_by,
            organization=organization,
            answers=dict(answers or FULL_ANSWERS),
            staffing=staffing,
            taken_at=taken_at,
        )


# --- policy builder ---------------------------------------------------------------------------

# Every question of the policy builder answered (by hand; each yes/no and choice is the first
# variant of its clauses, see POLICY_OTHER_ANSWERS for the others).
POLICY_ANSWERS = {
    "owner_department": "Marketing and Communications",
    "posting_model": "communications_team",
    "approver_role": "Director of Communications",
    "approval_model": "every_post",
    "clinical_reviewer_role": "the Chief Medical Officer",
    "approval_days": 3,
    "privacy_officer_role": "the Privacy Officer",
    "patient_stories": "yes",
    "authorization_form": "Patient Media Authorization",
    "personal_use": "breaks_only",
    "employee_advocacy": "yes",
    "policy_contact": "Human Resources",
    "physicians_post": "yes",
    "patient_portal_name": "MyChart",
    "monitoring_hours": "8 a.m. to 5 p.m. on weekdays",
    "response_hours": 6,
    "after_hours": "yes",
    "crisis_lead_role": "Vice President of Communications",
    "escalation_minutes": 15,
    "emergency_plan_name": "Emergency Operations Plan",
    "retention_years": 7,
    "archiving": "service",
    "records_owner": "Health Information Management",
    "paid_partnerships": "yes",
    "compliance_role": "the Compliance Officer",
    "accessibility_standard": "wcag21",
    "other_languages": "Spanish",
    "accessibility_contact": "access@lakeside.example",
}
# The other variant of every choice and yes/no (and no other languages).
POLICY_OTHER_ANSWERS = {
    **POLICY_ANSWERS,
    "posting_model": "trained_delegates",
    "approval_model": "risk_based",
    "patient_stories": "no",
    "authorization_form": "",
    "personal_use": "limited",
    "employee_advocacy": "no",
    "physicians_post": "no",
    "after_hours": "no",
    "archiving": "manual",
    "paid_partnerships": "no",
    "accessibility_standard": "wcag22",
    "other_languages": "",
}


def make_policy_member(organization):
    """`organization` holds an active membership (once, whichever tool's test asks first)."""
    existing = Membership.objects.filter(organization=organization).first()
    return existing or make_check_member(organization)


def make_clause(key: str, section: str, body: str, *, condition="always", position=10, **fields):
    """A clause template published as version 1 (as the back office would, without its
    permission check and audit record), reviewed 30 days ago."""
    from socialrx.toolkit.models import ClauseTemplate, ClauseTemplateVersion  # noqa: PLC0415

    today = center_today()
    values = {
        "slug": key,
        "section": section,
        "title": fields.pop("title", key.replace("-", " ").capitalize()),
        "body": body,
        "condition": condition,
        "position": position,
        "reviewed_on": fields.pop("reviewed_on", today - timedelta(days=30)),
        "review_due": fields.pop("review_due", today + timedelta(days=335)),
        **fields,
    }
    clause = ClauseTemplate.objects.create(**values)
    ClauseTemplateVersion.objects.create(
        template=clause,
        number=1,
        section=clause.section,
        title=clause.title,
        body=clause.body,
        condition=clause.condition,
    )
    return clause


def make_clause_per_section():
    """One clause in every section, always included, each using a placeholder."""
    from socialrx.toolkit.policy_sections import SECTIONS  # noqa: PLC0415

    return [
        make_clause(
            f"{section.slug.replace('_', '-')}-basics",
            section.slug,
            f"{{{{ organization_name }}}} follows this rule on {section.title.lower()}.",
            title=f"Basics of {section.title.lower()}",
        )
        for section in SECTIONS
    ]


def make_policy(organization, *, answers=None, created_by=None):
    """The organization's policy with every step answered (POLICY_ANSWERS unless given)."""
    from socialrx.toolkit.models import Policy  # noqa: PLC0415
    from socialrx.toolkit.policy_sections import SECTIONS  # noqa: PLC0415

    return Policy.objects.create(
        organization=organization,
        answers=dict(POLICY_ANSWERS if answers is None else answers),
        steps_done=[section.slug for section in SECTIONS],
        created_by=created_by,
    )


def assembled_policy(organization, admin, *, answers=None):
    """A policy of `organization` assembled once by its admin (through the service; the
    organization must be a member and hold clauses for every section)."""
    from socialrx.toolkit.services.policies import assemble_version  # noqa: PLC0415

    policy = make_policy(organization, answers=answers, created_by=admin)
    version = assemble_version(actor=admin, policy=policy)
    return policy, version
