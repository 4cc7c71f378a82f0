"""Contribution test data: drafts as the forms hand them to the services, case-study answers
with hand-written figures, and contributions in each state."""

from __future__ import annotations

from decimal import Decimal

from socialrx.library.models import Audience, Resource
from socialrx.library.services.case_studies import CaseStudyAnswers, Figure, start_case_study
from socialrx.library.services.contributions import (
    ContributionDraft,
    start_contribution,
    submit_contribution,
)
from socialrx.taxonomy.models import Platform, Topic

BODY = "## Before you post\n\nAsk the patient for written consent.\n\n- Keep the form on file."


def resource_draft(organization, **changes) -> ContributionDraft:
    values = {
        "kind": "checklist",
        "title": "Patient photo consent checklist",
        "summary": "What to check before a patient's photo goes on social media.",
        "organization": organization,
        "access": "member",
        "body": BODY,
        "topics": list(Topic.objects.filter(slug="policy-legal")),
        "platforms": list(Platform.objects.filter(code="facebook")),
        "audiences": list(Audience.objects.filter(slug="communications")),
        "minutes": 5,
    }
    values.update(changes)
    return ContributionDraft(**values)


def case_study_draft(organization, **changes) -> ContributionDraft:
    values = {
        "kind": "case_study",
        "title": "How Riverside grew its Facebook page",
        "summary": "A year of patient stories took the page from 1,200 to 5,400 followers.",
        "organization": organization,
        "access": "public",
        "topics": list(Topic.objects.filter(slug="strategy")),
        "platforms": list(Platform.objects.filter(code__in=["facebook", "instagram"])),
    }
    values.update(changes)
    return ContributionDraft(**values)


FOLLOWERS = Figure(
    measure="Page followers",
    before=Decimal("1200"),
    after=Decimal("5400"),
    period="12 months",
)
RESPONSE = Figure(measure="Messages answered within a day", after=Decimal("92"), unit="%")


def answers(**changes) -> CaseStudyAnswers:
    values = {
        "goal": "Reach parents in the county with trustworthy health information.",
        "approach": "Two patient stories a week, approved by the patients and by compliance.",
        "results": "The page became the county's most followed health page.",
        "lessons": "Ask for consent early; stories outperform announcements.",
        "legal_it_requirements": "A consent form reviewed by legal; no new tools for IT.",
        "figures": [FOLLOWERS, RESPONSE],
    }
    values.update(changes)
    return CaseStudyAnswers(**values)


def draft_resource(author, organization, **changes) -> Resource:
    return start_contribution(actor=author, draft=resource_draft(organization, **changes))


def submitted_resource(author, organization, **changes) -> Resource:
    resource = draft_resource(author, organization, **changes)
    return submit_contribution(actor=author, resource=resource)


def draft_case_study(author, organization, **changes) -> Resource:
    return start_case_study(
        actor=author, draft=case_study_draft(organization, **changes), answers=answers()
    )
