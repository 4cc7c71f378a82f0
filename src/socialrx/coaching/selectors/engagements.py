"""Reads of engagements: a person's list, one engagement's page, the staff back office's home,
and what the staff form needs (coaches to choose, an intake's prefill). Each page's reads are a
fixed number of queries, however many engagements, coaches and sessions there are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When
from django.utils import timezone

from socialrx.billing.models import InvoiceLine, InvoiceStatus
from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed, org_roles

from ..models import (
    CoachingSession,
    Engagement,
    EngagementStatus,
    HourPackage,
    HoursUse,
    Intake,
    IntakeStatus,
    SessionStatus,
)
from .hours import Allowance, allowances_of, describe_minutes, unallotted_plan_minutes

HOURS_CODE = "coaching.hours"  # billing's kind (services.hour_sales)
STATUS_ORDER = Case(
    When(status=EngagementStatus.ACTIVE, then=Value(0)),
    When(status=EngagementStatus.PROPOSED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
RECENT_COMPLETED = 20


@dataclass(frozen=True)
class HoursShown:
    """An allowance as the hours meter shows it: words for each figure, the meter's value."""

    allowance: Allowance

    @property
    def total(self) -> str:
        return describe_minutes(self.allowance.total_minutes)

    @property
    def used(self) -> str:
        return describe_minutes(self.allowance.used_minutes)

    @property
    def booked(self) -> str:
        return describe_minutes(self.allowance.booked_minutes)

    @property
    def left(self) -> str:
        return describe_minutes(self.allowance.left_minutes)

    @property
    def bookable(self) -> str:
        return describe_minutes(self.allowance.bookable_minutes)

    @property
    def room_to_book(self) -> bool:
        """At least the shortest session (30 minutes) still fits."""
        return self.allowance.bookable_minutes >= 30

    @property
    def withheld(self) -> str:
        """Allotted plan hours the membership year no longer holds ("" when none)."""
        minutes = self.allowance.plan_withheld_minutes
        return describe_minutes(minutes) if minutes > 0 else ""

    @property
    def overdrawn(self) -> str:
        """How far use went past the allowance ("" when it did not)."""
        over = -self.allowance.left_minutes
        return describe_minutes(over) if over > 0 else ""

    @property
    def level(self) -> str:
        return self.allowance.level

    @property
    def percent(self) -> int:
        """Whole percent used, 0 to 100 (the meter's value; past 100 the words say by how much)."""
        return min(self.allowance.percent_used, 100)

    @property
    def meter_max(self) -> int:
        return max(self.allowance.total_minutes, 1)

    @property
    def meter_value(self) -> int:
        return min(self.allowance.used_minutes, self.meter_max)

    @property
    def meter_low(self) -> int:
        """Where the meter turns amber: 80 % of the allowance."""
        return self.meter_max * 80 // 100

    @property
    def meter_high(self) -> int:
        """Where it turns red: the last minute of the allowance."""
        return max(self.meter_max - 1, self.meter_low)


@dataclass(frozen=True)
class EngagementCard:
    engagement: Engagement
    hours: HoursShown
    next_session_at: datetime | None


def _coaches_prefetch() -> Prefetch:
    people = get_user_model().objects.select_related("coach_profile").order_by("full_name")
    return Prefetch("coaches", queryset=people)


def _next_session_at() -> Subquery:
    return Subquery(
        CoachingSession.objects.filter(
            engagement=OuterRef("pk"), status=SessionStatus.BOOKED, starts_at__gte=timezone.now()
        )
        .order_by("starts_at")
        .values("starts_at")[:1]
    )


def _with_everything(engagements):
    return (
        engagements.select_related("organization")
        .prefetch_related(_coaches_prefetch())
        .annotate(next_session_at=_next_session_at())
    )


def _cards(engagements: list[Engagement]) -> list[EngagementCard]:
    allowances = allowances_of(engagements)
    return [EngagementCard(e, HoursShown(allowances[e.pk]), e.next_session_at) for e in engagements]


def engagements_for(user) -> list[EngagementCard]:
    """The engagements of the person's organizations and those they coach: active first, then
    proposed, then completed, newest first in each (six queries)."""
    if not getattr(user, "is_authenticated", False):
        return []
    mine = Q(organization_id__in=list(org_roles(user)))
    if user.is_coach:
        mine |= Q(
            pk__in=Engagement.coaches.through.objects.filter(user_id=user.pk).values(
                "engagement_id"
            )
        )
    engagements = _with_everything(Engagement.objects.filter(mine)).order_by(
        STATUS_ORDER, "-created_at"
    )
    return _cards(list(engagements))


def hours_of(engagement: Engagement) -> HoursShown:
    return HoursShown(allowances_of([engagement])[engagement.pk])


@dataclass(frozen=True)
class EngagementPage:
    hours: HoursShown
    upcoming: list[CoachingSession]
    past: list[CoachingSession]
    uses: list[HoursUse]
    packages: list[HourPackage]
    awaiting: list[InvoiceLine]  # hour lines invoiced and not yet paid
    may_book: bool
    may_buy: bool
    may_manage: bool
    sees_billing: bool


def engagement_page(engagement: Engagement, viewer) -> EngagementPage:
    """Everything the engagement page shows beside the engagement itself (and the records,
    `selectors.records.records_for`): its hours, sessions, ledger and, for the organization's
    admins and staff, its hour packages with their invoices."""
    now = timezone.now()
    sessions = list(
        CoachingSession.objects.filter(engagement=engagement)
        .select_related("coach", "booked_by")
        .order_by("starts_at")
    )
    upcoming = [s for s in sessions if s.status == SessionStatus.BOOKED and s.ends_at > now]
    ahead = {s.pk for s in upcoming}
    past = [s for s in reversed(sessions) if s.pk not in ahead]
    may_buy = allowed(viewer, "coaching.buy_hours", engagement)
    may_manage = allowed(viewer, "coaching.manage_engagements")
    sees_billing = may_buy or may_manage
    packages, awaiting = [], []
    if sees_billing:
        packages = list(HourPackage.objects.filter(engagement=engagement).select_related("invoice"))
        awaiting = list(
            InvoiceLine.objects.filter(
                kind=HOURS_CODE,
                sold_public_id=engagement.public_id,
                invoice__status=InvoiceStatus.OPEN,
            ).select_related("invoice")
        )
    return EngagementPage(
        hours=HoursShown(allowances_of([engagement])[engagement.pk]),
        upcoming=upcoming,
        past=past,
        uses=list(
            HoursUse.objects.filter(engagement=engagement)
            .select_related("session")
            .order_by("created_at", "pk")
        ),
        packages=packages,
        awaiting=awaiting,
        may_book=engagement.status == EngagementStatus.ACTIVE
        and allowed(viewer, "coaching.book", engagement),
        may_buy=may_buy and engagement.status != EngagementStatus.COMPLETED,
        may_manage=may_manage,
        sees_billing=sees_billing,
    )


@dataclass(frozen=True)
class StaffHome:
    counts: dict[str, int]
    proposed: list[EngagementCard]
    active: list[EngagementCard]
    completed: list[EngagementCard]  # the most recent ones
    intakes_waiting: int


def staff_home() -> StaffHome:
    """Engagements by status (every proposed and active one, the latest completed ones) and
    the intakes waiting for a coach (eight queries)."""
    counts = dict.fromkeys(EngagementStatus.values, 0)
    counts.update(
        Engagement.objects.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    open_ones = list(
        _with_everything(
            Engagement.objects.filter(
                status__in=[EngagementStatus.PROPOSED, EngagementStatus.ACTIVE]
            )
        ).order_by("organization__name", "-created_at")
    )
    completed = list(
        _with_everything(Engagement.objects.filter(status=EngagementStatus.COMPLETED)).order_by(
            "-completed_on", "-created_at"
        )[:RECENT_COMPLETED]
    )
    cards = _cards(open_ones + completed)
    return StaffHome(
        counts=counts,
        proposed=[c for c in cards if c.engagement.status == EngagementStatus.PROPOSED],
        active=[c for c in cards if c.engagement.status == EngagementStatus.ACTIVE],
        completed=[c for c in cards if c.engagement.status == EngagementStatus.COMPLETED],
        intakes_waiting=Intake.objects.filter(status=IntakeStatus.SUBMITTED).count(),
    )


def staff_engagement(public_id) -> Engagement:
    """An engagement for the back office (the caller checked the staff permission)."""
    engagement = (
        Engagement.objects.select_related("organization", "intake")
        .prefetch_related(_coaches_prefetch())
        .filter(public_id=public_id)
        .first()
    )
    if engagement is None:
        raise NotFound("Engagement not found.")
    return engagement


def coach_choices():
    """People who may coach an engagement: active coaches with a profile, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_coach=True, coach_profile__isnull=False)
        .select_related("coach_profile")
        .order_by("full_name", "email")
    )


def intake_for_engagement(public_id) -> Intake:
    """An intake staff start an engagement from (any status: the form says why a draft is
    refused); 404 when there is none."""
    intake = (
        Intake.objects.select_related("organization", "assigned_coach")
        .filter(public_id=public_id)
        .first()
    )
    if intake is None:
        raise NotFound("Needs assessment not found.")
    return intake


def prefill_from_intake(intake: Intake) -> dict:
    """The staff form's starting values from an intake: its organization, a title from its
    goals, the goals in words with what success looks like, and its assigned coach."""
    labels = intake.goal_labels
    title = " · ".join(labels[:3]) if labels else f"Coaching for {intake.organization.name}"
    goals = "\n".join(f"- {label}" for label in labels)
    if intake.goals_detail:
        goals = f"{goals}\n\n{intake.goals_detail}".strip()
    initial = {"organization": intake.organization, "title": title[:160], "goals": goals}
    if intake.assigned_coach_id:
        initial["coaches"] = [intake.assigned_coach]
    return initial


def plan_hours_help(organization, engagement: Engagement | None = None) -> str:
    """What the plan-hours field may hold for this organization, in words."""
    free = unallotted_plan_minutes(organization, exclude=engagement)
    if engagement is not None:
        allowance = allowances_of([engagement])[engagement.pk]
        most = allowance.plan_used_minutes + free
        return (
            f"At most {describe_minutes(most)} ({describe_minutes(allowance.plan_used_minutes)} "
            f"already used). In half hours; 0 when the organization buys packages instead."
        )
    return (
        f"{organization.name} has {describe_minutes(free)} of included hours left this "
        "membership year not yet allotted. In half hours; 0 when it buys packages instead."
    )
