"""Reading events for the public pages: which events anyone may see, one event for a viewer,
and the events list (upcoming first, then past) in a constant number of queries.

Anyone reads a published event; a cancelled one stays readable (its page says it was
cancelled); a draft is only for people with `events.view_drafts` (center staff), and is "not
found" for everyone else so that drafts cannot be probed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.db.models import prefetch_related_objects as prefetch_objects
from django.utils import timezone

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed

from ..models import Event, EventStatus, TicketType

PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED)
# The past events the list shows, most recent first (the list is not paginated).
PAST_SHOWN = 24


def published_events() -> QuerySet[Event]:
    """Events anyone may read: published, and cancelled ones (shown with a banner)."""
    return Event.objects.filter(status__in=PUBLIC_STATUSES)


def visible_events(viewer) -> QuerySet[Event]:
    """The events `viewer` may read: drafts too for those who may see drafts."""
    if allowed(viewer, "events.view_drafts"):
        return Event.objects.all()
    return published_events()


def event_for_viewer(user, slug: str) -> Event:
    """The event at `slug` if `user` may read it, else NotFound (a draft reads as missing)."""
    event = visible_events(user).filter(slug=slug).first()
    if event is None:
        raise NotFound("Event not found.")
    return event


def event_page(user, slug: str) -> Event:
    """`event_for_viewer` with what the event page shows beside it: topics, platforms and the
    ticket types on sale, in order (three more queries, whatever their number)."""
    event = event_for_viewer(user, slug)
    prefetch_objects(
        [event],
        "topics",
        "platforms",
        Prefetch(
            "ticket_types",
            queryset=TicketType.objects.order_by("position", "price_cents", "name"),
        ),
    )
    return event


def with_price_facts(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """Annotate `has_tickets` and `has_paid_tickets` (subqueries: no extra query)."""
    tickets = TicketType.objects.filter(event=OuterRef("pk"))
    return queryset.annotate(
        has_tickets=Exists(tickets), has_paid_tickets=Exists(tickets.filter(price_cents__gt=0))
    )


@dataclass(frozen=True)
class EventListing:
    upcoming: list[Event]  # not over yet (running now or to come), soonest first
    past: list[Event]  # over, most recent first (at most PAST_SHOWN)

    @property
    def empty(self) -> bool:
        return not self.upcoming and not self.past


def event_listing(viewer=None, *, now: datetime | None = None) -> EventListing:
    """The events list: four queries (upcoming, past, their topics, their platforms).
    Staff (`events.view_drafts`) also see drafts, marked as such on the page."""
    now = now or timezone.now()
    base = with_price_facts(visible_events(viewer))
    upcoming = list(base.filter(ends_at__gte=now).order_by("starts_at", "title"))
    past = list(base.filter(ends_at__lt=now).order_by("-starts_at", "title")[:PAST_SHOWN])
    prefetch_objects(upcoming + past, "topics", "platforms")
    return EventListing(upcoming=upcoming, past=past)
