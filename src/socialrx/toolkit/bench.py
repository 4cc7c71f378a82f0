"""The toolkit pages `make bench` measures (see socialrx.core.benchmarks): the toolkit's home
and the post safety checker as a visitor, and, as the signed-in member the bench uses, the
latest readiness assessment of their organization with its history, the latest version of its
policy and its latest executive brief. Each is found in the data being measured (None, and
skipped, when the member's organization has none)."""

from __future__ import annotations

from django.urls import reverse

from socialrx.core.benchmarks import MEMBER, BenchPage
from socialrx.membership.selectors import first_member_admin_id

from .models import Assessment, ExecutiveBrief, PolicyVersion


def latest_assessment() -> Assessment | None:
    """The latest take of the bench member's organizations."""
    member = first_member_admin_id()
    if member is None:
        return None
    return (
        Assessment.objects.filter(organization__seats__user_id=member)
        .select_related("organization")
        .order_by("-taken_at", "-pk")
        .first()
    )


def assessment_result() -> str | None:
    assessment = latest_assessment()
    if assessment is None:
        return None
    return reverse("toolkit:assessment_result", args=[assessment.public_id])


def assessment_history() -> str | None:
    assessment = latest_assessment()
    if assessment is None:
        return None
    return reverse("toolkit:assessment_history", args=[assessment.organization.public_id])


def policy_version() -> str | None:
    """The latest version of the policy of the bench member's organizations (the most
    recently assembled, of several)."""
    member = first_member_admin_id()
    if member is None:
        return None
    version = (
        PolicyVersion.objects.filter(policy__organization__seats__user_id=member)
        .select_related("policy")
        .order_by("-created_at", "-pk")
        .first()
    )
    if version is None:
        return None
    return reverse("toolkit:policy_version", args=[version.policy.public_id, version.number])


def executive_brief() -> str | None:
    member = first_member_admin_id()
    if member is None:
        return None
    public_id = (
        ExecutiveBrief.objects.filter(organization__seats__user_id=member)
        .order_by("-drawn_at", "-pk")
        .values_list("public_id", flat=True)
        .first()
    )
    return reverse("toolkit:brief", args=[public_id]) if public_id else None


PAGES = [
    BenchPage("Toolkit home", "/toolkit/", order=91),
    BenchPage("Post safety checker", "/toolkit/check/", order=92),
    BenchPage(
        "Assessment result (signed-in member)",
        assessment_result,
        order=93,
        visitor=MEMBER,
        public=False,
    ),
    BenchPage(
        "Assessment history (signed-in member)",
        assessment_history,
        order=94,
        visitor=MEMBER,
        public=False,
    ),
    BenchPage(
        "Policy version (signed-in member)",
        policy_version,
        order=95,
        visitor=MEMBER,
        public=False,
    ),
    BenchPage(
        "Executive brief (signed-in member)",
        executive_brief,
        order=96,
        visitor=MEMBER,
        public=False,
    ),
]
