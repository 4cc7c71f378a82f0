"""What the dashboard's events panels read: a person's next tickets, their orders awaiting
payment and the next event on the calendar; for center staff, the upcoming events with their
registrations and today's check-ins. A fixed number of queries whatever the data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import (
    HOLDING_STATUSES,
    Attendee,
    CheckIn,
    Event,
    EventStatus,
    Order,
    OrderStatus,
)
from .tickets import verified_emails

PANEL_ROWS = 3
STAFF_ROWS = 5


@dataclass(frozen=True)
class MyEvents:
    tickets: list[Attendee]  # the next ones (not cancelled), soonest event first
    pending_orders: list[Order]  # placed by the person, awaiting payment, places still held
    next_event: Event | None  # the next published event on the calendar


def my_events(user, *, now: datetime | None = None) -> MyEvents | None:
    """None for a person with no upcoming ticket and no order awaiting payment when no
    published event is coming either (the panel then stays out of the page). Four queries:
    their verified emails (once per request), tickets, orders, the next event."""
    now = now or timezone.now()
    mine = Q(person=user)
    emails = verified_emails(user)
    if emails:
        mine |= Q(email_key__in=sorted(emails))
    tickets = list(
        Attendee.objects.filter(
            mine,
            status__in=HOLDING_STATUSES,
            event__status=EventStatus.PUBLISHED,
            event__ends_at__gte=now,
        )
        .select_related("event", "ticket_type")
        .order_by("event__starts_at", "event__title", "pk")[:PANEL_ROWS]
    )
    pending_orders = list(
        Order.objects.filter(made_by=user, status=OrderStatus.PENDING, event__ends_at__gte=now)
        .filter(Q(hold_expires_at__gt=now) | Q(invoice__isnull=False))
        .select_related("event", "ticket_type")
        .order_by("created_at", "pk")[:PANEL_ROWS]
    )
    next_event = (
        Event.objects.filter(status=EventStatus.PUBLISHED, starts_at__gte=now)
        .order_by("starts_at", "title", "pk")
        .first()
    )
    if not tickets and not pending_orders and next_event is None:
        return None
    return MyEvents(tickets, pending_orders, next_event)


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT of `queryset` (filtered on event=OuterRef("pk"))."""
    counted = queryset.order_by().values("event").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def center_midnight(now: datetime) -> datetime:
    """The start of today on the center's clock (settings.TIME_ZONE)."""
    zone = timezone.get_default_timezone()
    today = timezone.localtime(now, zone).date()
    return datetime.combine(today, time.min, tzinfo=zone)


def staff_events(*, now: datetime | None = None) -> list[Event]:
    """The next events not over yet (drafts too), soonest first, each with `registered`
    (places held) and `checked_in_today` (since midnight on the center's clock): one query."""
    now = now or timezone.now()
    midnight = center_midnight(now)
    return list(
        Event.objects.filter(
            ends_at__gte=now, status__in=(EventStatus.DRAFT, EventStatus.PUBLISHED)
        )
        .annotate(
            registered=_count(
                Attendee.objects.filter(event=OuterRef("pk"), status__in=HOLDING_STATUSES)
            ),
            checked_in_today=_count(
                CheckIn.objects.filter(event=OuterRef("pk"), checked_in_at__gte=midnight)
            ),
        )
        .order_by("starts_at", "title", "pk")[:STAFF_ROWS]
    )
