"""The dashboard's events panels (declared in menus.py): "My events" (the person's next
tickets, orders awaiting payment, the next event on the calendar) and, for center staff, the
upcoming events with their registrations and today's check-ins. Each takes a fixed number of
queries whatever the data."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from socialrx.core.permissions import allowed

from .calendars import describe_moment, describe_span
from .models import Attendee, AttendeeStatus, Event, Order
from .selectors import panels as selectors


@dataclass(frozen=True)
class TicketLine:
    attendee: Attendee
    event: Event
    when: str  # on the event's clock
    confirmed: bool
    event_url: str
    agenda_url: str
    pdf_url: str  # empty until the ticket is confirmed


@dataclass(frozen=True)
class OrderLine:
    order: Order
    event: Event
    when: str
    held_until: str  # on the event's clock; empty when an invoice holds the places
    order_url: str  # the buyer's order page: pay, or see the invoice


@dataclass(frozen=True)
class StaffLine:
    event: Event
    when: str
    registered: int
    capacity: int
    checked_in_today: int
    overview_url: str
    door_url: str


def _ticket(attendee: Attendee) -> TicketLine:
    event = attendee.event
    confirmed = attendee.status == AttendeeStatus.CONFIRMED
    return TicketLine(
        attendee=attendee,
        event=event,
        when=describe_span(event),
        confirmed=confirmed,
        event_url=reverse("events:event", args=[event.slug]),
        agenda_url=reverse("events:agenda", args=[event.slug]),
        pdf_url=reverse("events:ticket_pdf", args=[attendee.public_id]) if confirmed else "",
    )


def _order(order: Order) -> OrderLine:
    event = order.event
    return OrderLine(
        order=order,
        event=event,
        when=describe_span(event),
        held_until="" if order.invoice_id else describe_moment(order.hold_expires_at, event),
        order_url=reverse("events:order", args=[order.public_id]),
    )


def my_events(request) -> dict | None:
    """None (the panel stays out of the page) for a person with no upcoming ticket and no
    order awaiting payment when no published event is coming either."""
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    panel = selectors.my_events(user)
    if panel is None:
        return None
    next_event = panel.next_event
    return {
        "tickets": [_ticket(attendee) for attendee in panel.tickets],
        "pending_orders": [_order(order) for order in panel.pending_orders],
        "next_event": next_event,
        "next_event_when": describe_span(next_event) if next_event else "",
        "my_events_url": reverse("events:my_events"),
        "my_agenda_url": reverse("events:my_agenda"),
        "events_url": reverse("events:list"),
    }


def staff_events(request) -> dict | None:
    """For center staff (`events.view_reports`): the next events with places held against
    capacity and today's check-ins (one query)."""
    if not allowed(request.user, "events.view_reports"):
        return None
    lines = [
        StaffLine(
            event=event,
            when=describe_span(event),
            registered=event.registered,
            capacity=event.capacity,
            checked_in_today=event.checked_in_today,
            overview_url=reverse("events:staff_event", args=[event.slug]),
            door_url=reverse("events:check_in", args=[event.slug]),
        )
        for event in selectors.staff_events()
    ]
    return {
        "events": lines,
        "checked_in_today": sum(line.checked_in_today for line in lines),
        "staff_events_url": reverse("events:staff_events"),
    }
