"""Where each of a person's organizations stands with the toolkit, in one query: the
organizations with their latest assessment, policy (its latest and adopted versions), checks
saved in the last 90 days and latest brief as subqueries. Read by the dashboard's panel and
the toolkit's home."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from socialrx.core.calendar import center_today
from socialrx.organizations.models import Organization

from ..models import Assessment, ExecutiveBrief, Policy, PolicyVersion, SavedCheck
from ..scoring import Level, level_of
from .brief_safeguards import CHECKS_WINDOW_DAYS


@dataclass(frozen=True)
class ToolkitRow:
    organization: Organization
    assessment_id: UUID | None
    assessment_at: datetime | None
    assessment_score: int | None
    recent_checks: int
    brief_id: UUID | None
    brief_drawn_at: datetime | None
    policy_id: UUID | None = None
    policy_latest: int | None = None  # the latest version's number
    policy_adopted: int | None = None  # the number of the version adopted last
    policy_adopted_on: date | None = None

    @property
    def maturity(self) -> Level | None:
        return None if self.assessment_score is None else level_of(self.assessment_score)

    @property
    def policy_status(self) -> str:
        """What the panel says of the policy: adopted, a newer version waiting, or drafting."""
        if self.policy_adopted is not None:
            status = f"Version {self.policy_adopted} adopted {self.policy_adopted_on:%b %-d, %Y}"
            if self.policy_latest and self.policy_latest > self.policy_adopted:
                status += f"; version {self.policy_latest} not adopted yet"
            return status
        if self.policy_latest:
            return f"Version {self.policy_latest} drafted, not adopted yet"
        if self.policy_id:
            return "Being written"
        return ""

    @property
    def has_anything(self) -> bool:
        return bool(self.assessment_id or self.recent_checks or self.brief_id or self.policy_id)


def _latest(queryset, order: str):
    return queryset.filter(organization=OuterRef("pk")).order_by(order, "-id")


def checks_since():
    """The start of the 90 days (today included) the panel and the brief count checks in."""
    since = center_today() - timedelta(days=CHECKS_WINDOW_DAYS - 1)
    return timezone.make_aware(datetime.combine(since, time.min), timezone.get_default_timezone())


def toolkit_rows(organization_ids: list[int]) -> list[ToolkitRow]:
    assessment = _latest(Assessment.objects, "-taken_at")
    brief = _latest(ExecutiveBrief.objects, "-drawn_at")
    versions = PolicyVersion.objects.filter(policy__organization=OuterRef("pk"))
    adopted = versions.filter(adopted_on__isnull=False).order_by("-adopted_on", "-number")
    checks = (
        SavedCheck.objects.filter(organization=OuterRef("pk"), saved_at__gte=checks_since())
        .order_by()
        .values("organization")
        .annotate(n=Count("pk"))
        .values("n")
    )
    organizations = (
        Organization.objects.filter(pk__in=organization_ids)
        .annotate(
            assessment_id=Subquery(assessment.values("public_id")[:1]),
            assessment_at=Subquery(assessment.values("taken_at")[:1]),
            assessment_score=Subquery(assessment.values("overall_score")[:1]),
            recent_checks=Coalesce(Subquery(checks, output_field=IntegerField()), 0),
            brief_id=Subquery(brief.values("public_id")[:1]),
            brief_drawn_at=Subquery(brief.values("drawn_at")[:1]),
            policy_id=Subquery(
                Policy.objects.filter(organization=OuterRef("pk")).values("public_id")[:1]
            ),
            policy_latest=Subquery(versions.order_by("-number").values("number")[:1]),
            policy_adopted=Subquery(adopted.values("number")[:1]),
            policy_adopted_on=Subquery(adopted.values("adopted_on")[:1]),
        )
        .order_by("name", "pk")
    )
    return [
        ToolkitRow(
            organization=organization,
            assessment_id=organization.assessment_id,
            assessment_at=organization.assessment_at,
            assessment_score=organization.assessment_score,
            recent_checks=organization.recent_checks,
            brief_id=organization.brief_id,
            brief_drawn_at=organization.brief_drawn_at,
            policy_id=organization.policy_id,
            policy_latest=organization.policy_latest,
            policy_adopted=organization.policy_adopted,
            policy_adopted_on=organization.policy_adopted_on,
        )
        for organization in organizations
    ]
