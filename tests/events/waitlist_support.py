"""Waitlist test helpers: a sold-out ticket type, people waiting for it, a place freed."""

from __future__ import annotations

from django.utils import timezone

from socialrx.events.models import AttendeeStatus, WaitlistEntry
from socialrx.events.services.waitlist import join_waitlist, offer_freed_places
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.factories import UserFactory


def sold_out_type(event=None, *, quota: int = 1, price_cents: int = 0, name: str = "Standard"):
    """A ticket type whose quota is taken by confirmed attendees: (ticket_type, holders)."""
    event = event or make_event(title="Waitlist conference")
    ticket_type = make_ticket_type(event, name=name, price_cents=price_cents, quota=quota)
    holders = [make_attendee(event, ticket_type) for _ in range(quota)]
    return ticket_type, holders


def waiting(ticket_type, count: int = 1, **user_fields) -> list[WaitlistEntry]:
    """`count` new people join the waitlist, in order."""
    return [join_waitlist(UserFactory(**user_fields), ticket_type) for _ in range(count)]


def cancel(attendee) -> None:
    """Written straight to the row (the tickets area's cancellation is tested there)."""
    attendee.status = AttendeeStatus.CANCELLED
    attendee.cancelled_at = timezone.now()
    attendee.save(update_fields=["status", "cancelled_at"])
    attendee.order.status = "cancelled"
    attendee.order.save(update_fields=["status"])


def free_a_place(ticket_type, holder) -> list[WaitlistEntry]:
    cancel(holder)
    return offer_freed_places(ticket_type.event, ticket_type)


def offered_entry(*, price_cents: int = 0):
    """A place offered to the first of one person waiting: (entry, ticket_type)."""
    ticket_type, holders = sold_out_type(price_cents=price_cents)
    (entry,) = waiting(ticket_type)
    free_a_place(ticket_type, holders[0])
    entry.refresh_from_db()
    return entry, ticket_type
