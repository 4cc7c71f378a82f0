"""What the events API reads: the public events (list, one with its ticket types), a person's
tickets with their check-in times and the orders they placed. Each is a fixed number of
queries whatever the data."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from socialrx.core.errors import NotFound

from ..models import Attendee, CheckIn, Event, EventStatus, Order, TicketType
from .listing import published_events
from .tickets import orders_of, tickets_of

NO_SUCH_EVENT = "Event not found."


def api_events() -> QuerySet[Event]:
    """Published events (not drafts, not cancelled ones), soonest first."""
    return Event.objects.filter(status=EventStatus.PUBLISHED).order_by("starts_at", "title", "pk")


def api_event(slug: str) -> Event:
    """A published or cancelled event with its topics and ticket types (three queries), or
    NotFound (a draft reads as missing)."""
    event = (
        published_events()
        .filter(slug=slug)
        .prefetch_related(
            "topics",
            Prefetch(
                "ticket_types",
                queryset=TicketType.objects.order_by("position", "price_cents", "name"),
            ),
        )
        .first()
    )
    if event is None:
        raise NotFound(NO_SUCH_EVENT)
    return event


def public_event(slug: str) -> Event:
    """A published or cancelled event (one query), or NotFound."""
    event = published_events().filter(slug=slug).first()
    if event is None:
        raise NotFound(NO_SUCH_EVENT)
    return event


def my_tickets(user) -> list[tuple[Attendee, object]]:
    """The person's tickets (upcoming events first) with when each was checked in (None: not
    yet): three queries (their verified emails, the tickets, the check-ins)."""
    tickets = tickets_of(user)
    checked_in = dict(
        CheckIn.objects.filter(attendee_id__in=[ticket.pk for ticket in tickets]).values_list(
            "attendee_id", "checked_in_at"
        )
    )
    return [(ticket, checked_in.get(ticket.pk)) for ticket in tickets]


def my_orders(user) -> list[Order]:
    """The orders the person placed (upcoming events first), each with its attendees: two
    queries."""
    orders = orders_of(user)
    prefetch_related_objects(
        orders, Prefetch("attendees", queryset=Attendee.objects.order_by("full_name", "pk"))
    )
    return orders
