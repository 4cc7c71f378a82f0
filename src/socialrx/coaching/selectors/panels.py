"""What the dashboard's coaching panels read (`coaching.panels`): a coach's sessions, the
engagements they coach and their open action items; an organization's engagements with their
next session, open action items and hours; the center's engagements by status and intakes
waiting for a coach. Each in a fixed number of queries whatever the data: "the first few of
each engagement" is one query with a window function, not one query per engagement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from socialrx.core.calendar import center_today
from socialrx.core.permissions import org_roles

from ..models import (
    ActionItem,
    CoachingSession,
    Engagement,
    EngagementStatus,
    Intake,
    IntakeStatus,
    SessionStatus,
)
from .coaches import coach_zone
from .hours import Allowance, allowances_of

COACH_UPCOMING = 5
COACH_TO_RECORD = 5
COACH_ENGAGEMENTS = 6
ORG_ACTION_ITEMS = 3
OPEN_STATUSES = (EngagementStatus.PROPOSED, EngagementStatus.ACTIVE)


# --- the coach -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoachPanel:
    time_zone: str  # the coach's own clock (their profile's), else their account's
    upcoming: list[CoachingSession]  # booked, not over yet, soonest first
    to_record: list[CoachingSession]  # booked and over: to record as held or missed
    to_record_count: int
    engagements: list[Engagement]  # active ones, with their organization
    active_count: int
    open_items: int  # on the engagements they coach that are not completed
    overdue_items: int


def _with_total(queryset, limit: int) -> tuple[list, int]:
    """The first `limit` rows and how many there are in all, in one query (a window COUNT is
    computed before the LIMIT)."""
    rows = list(queryset.annotate(total_rows=Window(Count("pk")))[:limit])
    return rows, rows[0].total_rows if rows else 0


def coach_panel(user, *, now: datetime | None = None) -> CoachPanel:
    """Five queries: the coach's zone, upcoming sessions, sessions to record, engagements,
    action item counts."""
    now = now or timezone.now()
    zone = coach_zone(user)
    sessions = CoachingSession.objects.filter(coach=user, status=SessionStatus.BOOKED)
    upcoming = list(
        sessions.filter(ends_at__gt=now)
        .select_related("engagement__organization")
        .order_by("starts_at", "pk")[:COACH_UPCOMING]
    )
    to_record, to_record_count = _with_total(
        sessions.filter(ends_at__lte=now)
        .select_related("engagement__organization")
        .order_by("starts_at", "pk"),
        COACH_TO_RECORD,
    )
    engagements, active_count = _with_total(
        Engagement.objects.filter(coaches=user, status=EngagementStatus.ACTIVE)
        .select_related("organization")
        .order_by("organization__name", "title", "pk"),
        COACH_ENGAGEMENTS,
    )
    items = ActionItem.objects.filter(
        engagement__coaches=user, engagement__status__in=OPEN_STATUSES, done_at__isnull=True
    ).aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=center_today())))
    return CoachPanel(
        time_zone=zone,
        upcoming=upcoming,
        to_record=to_record,
        to_record_count=to_record_count,
        engagements=engagements,
        active_count=active_count,
        open_items=items["open"],
        overdue_items=items["overdue"],
    )


# --- the organization ------------------------------------------------------------------------


@dataclass(frozen=True)
class OrgEngagement:
    engagement: Engagement  # with its organization
    allowance: Allowance
    next_session: CoachingSession | None  # with its coach
    action_items: list[ActionItem]  # the first open ones, soonest due first
    open_items: int


def org_panel(user, *, now: datetime | None = None) -> list[OrgEngagement]:
    """The proposed and active engagements of the person's organizations (active first), each
    with its hours, next session and first open action items; [] without any. The person's
    organizations are cached per request by core.permissions; then six queries (engagements,
    three for the hours, next sessions, action items), one without an engagement."""
    now = now or timezone.now()
    organization_ids = sorted(org_roles(user))
    if not organization_ids:
        return []
    engagements = list(
        Engagement.objects.filter(organization_id__in=organization_ids, status__in=OPEN_STATUSES)
        .select_related("organization")
        .order_by("status", "organization__name", "title", "pk")  # "active" before "proposed"
    )
    if not engagements:
        return []
    ids = [engagement.pk for engagement in engagements]
    allowances = allowances_of(engagements)
    next_sessions = {
        session.engagement_id: session
        for session in CoachingSession.objects.filter(
            engagement_id__in=ids, status=SessionStatus.BOOKED, ends_at__gt=now
        )
        .select_related("coach")
        .annotate(
            rank=Window(RowNumber(), partition_by=F("engagement_id"), order_by=("starts_at", "pk"))
        )
        .filter(rank=1)
    }
    items: dict[int, list[ActionItem]] = {engagement_id: [] for engagement_id in ids}
    open_counts: dict[int, int] = dict.fromkeys(ids, 0)
    for item in (
        ActionItem.objects.filter(engagement_id__in=ids, done_at__isnull=True)
        .select_related("owner")
        .annotate(
            rank=Window(RowNumber(), partition_by=F("engagement_id"), order_by=("due_on", "pk")),
            open_in_engagement=Window(Count("pk"), partition_by=F("engagement_id")),
        )
        .filter(rank__lte=ORG_ACTION_ITEMS)
        .order_by("engagement_id", "due_on", "pk")
    ):
        items[item.engagement_id].append(item)
        open_counts[item.engagement_id] = item.open_in_engagement
    return [
        OrgEngagement(
            engagement=engagement,
            allowance=allowances[engagement.pk],
            next_session=next_sessions.get(engagement.pk),
            action_items=items[engagement.pk],
            open_items=open_counts[engagement.pk],
        )
        for engagement in engagements
    ]


# --- the center's staff ----------------------------------------------------------------------


@dataclass(frozen=True)
class StaffCounts:
    by_status: list[tuple[str, str, int]]  # (status, label, engagements), every status
    intakes_waiting: int  # submitted, no coach assigned yet


def staff_counts() -> StaffCounts:
    """Two queries."""
    counted = dict(
        Engagement.objects.order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    waiting = Intake.objects.filter(
        status=IntakeStatus.SUBMITTED, assigned_coach__isnull=True
    ).count()
    return StaffCounts(
        by_status=[
            (value, label, counted.get(value, 0)) for value, label in EngagementStatus.choices
        ],
        intakes_waiting=waiting,
    )
