"""Cancelling tickets: one ticket by its buyer, its attendee or staff; every ticket of an event
staff call off.

The place is freed under the event's lock (`registration.lock_event`, after billing's invoice
lock: the order every writer follows), the money goes back through billing by the event's rule
(`ticket_money`), and the waitlist is told once the transaction commits (`places_freed`)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.permissions import allowed, require

from ..models import HOLDING_STATUSES, Attendee, AttendeeStatus, Event, Order, OrderStatus
from . import ticket_emails, ticket_money
from .registration import free_places_on_commit, lock_event


def may_cancel(actor, attendee: Attendee) -> bool:
    """The buyer, the attendee themselves (by account or verified email), or staff."""
    return allowed(actor, "events.view_ticket", attendee)


def _name(person) -> str:
    return getattr(person, "full_name", "") or getattr(person, "email", "") or "the center"


def _mark_cancelled(attendees: list[Attendee], reason: str, now) -> None:
    Attendee.objects.filter(pk__in=[a.pk for a in attendees]).update(
        status=AttendeeStatus.CANCELLED, cancelled_at=now, cancel_reason=reason[:240]
    )
    for attendee in attendees:
        attendee.status, attendee.cancelled_at = AttendeeStatus.CANCELLED, now
        attendee.cancel_reason = reason[:240]


def _after_cancelling(order: Order, remaining: int) -> None:
    """The order is cancelled with its last ticket. An order not yet invoiced shrinks to the
    tickets it still holds, so that its checkout bills only those."""
    fields = []
    if remaining == 0:
        order.status = OrderStatus.CANCELLED
        fields.append("status")
    elif ticket_money.invoice_line_of(order) is None:
        units = remaining // order.ticket_type.group_size
        if units and units != order.quantity:
            order.quantity = units
            fields.append("quantity")
    if fields:
        order.save(update_fields=fields)


def cancel_attendee(actor, attendee: Attendee, *, reason: str = "") -> Attendee:
    """Cancel one ticket before its event ends: the place frees, the event's rule says what
    comes back (`attendee.refund_note` says it in a sentence), the attendee and the buyer are
    told. Anyone else is told the ticket does not exist."""
    if not may_cancel(actor, attendee):
        raise NotFound("Ticket not found.")
    for _attempt in range(3):
        try:
            return _cancel(actor, attendee, reason)
        except _InvoiceAppeared:
            continue  # a checkout invoiced the order meanwhile: lock its invoice first
    raise Conflict("This order is being checked out right now: try again in a moment.")


class _InvoiceAppeared(Exception):
    pass


def _cancel(actor, attendee: Attendee, reason: str) -> Attendee:
    with transaction.atomic():
        line = ticket_money.lock_invoice_of(attendee.order)
        event = lock_event(attendee.event)
        now_line = ticket_money.invoice_line_of(attendee.order)
        if getattr(now_line, "pk", None) != getattr(line, "pk", None):
            # Invoice, then event is every writer's order: never lock the invoice now.
            raise _InvoiceAppeared
        attendee = Attendee.objects.select_for_update().get(pk=attendee.pk)
        attendee = Attendee.objects.select_related(
            "event", "ticket_type", "order", "order__made_by", "order__ticket_type"
        ).get(pk=attendee.pk)
        order = attendee.order
        now = timezone.now()
        if attendee.status == AttendeeStatus.CANCELLED:
            raise DomainError("This ticket is already cancelled.", code="cancelled")
        if now >= event.ends_at:
            raise DomainError(
                f"{event.title} has taken place: its tickets can no longer be cancelled."
            )
        rule = ticket_money.rule_at(event, now)
        before = attendee.status
        _mark_cancelled([attendee], reason or f"Cancelled by {_name(actor)}", now)
        remaining = order.attendees.filter(status__in=HOLDING_STATUSES).count()
        _after_cancelling(order, remaining)
        audit.record(
            actor=actor,
            action="events.attendee.cancelled",
            target=attendee,
            before={"status": before},
            after={
                "status": attendee.status,
                "attendee": attendee.email,
                "event": event.slug,
                "refund_percent": rule.percent,
                "order_cancelled": remaining == 0,
            },
        )
        money = ticket_money.settle(
            actor=actor,
            order=order,
            attendees=[attendee],
            remaining=remaining,
            percent=rule.percent,
            reason=f"{event.title}: ticket of {attendee.full_name} cancelled",
        )
        if money == ticket_money.NOTHING:
            money = rule.text  # why nothing comes back
        free_places_on_commit(event, attendee.ticket_type)
        ticket_emails.ticket_cancelled(attendee, money=money, actor=actor)
    attendee.refund_note = money
    return attendee


def cancel_event_tickets(actor, event: Event, reason: str) -> int:
    """Staff called the event off: every ticket still holding a place is cancelled and refunded
    in full through billing, and every attendee and buyer told (one email each). Returns how
    many tickets were cancelled."""
    require(actor, "events.manage_events")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Say why the event is cancelled.", field="reason")
    orders = list(
        Order.objects.filter(event=event, attendees__status__in=HOLDING_STATUSES)
        .distinct()
        .order_by("pk")
    )
    cancelled = 0
    for order in orders:  # one transaction per order: an invoice's lock, then the event's
        for _attempt in range(3):
            try:
                cancelled += _cancel_with_event(actor, event, order, reason)
            except _InvoiceAppeared:
                continue  # a checkout invoiced the order meanwhile: lock its invoice first
            break
        else:
            raise Conflict("An order is being checked out right now: cancel again in a moment.")
    return cancelled


def _cancel_with_event(actor, event: Event, order: Order, reason: str) -> int:
    with transaction.atomic():
        line = ticket_money.lock_invoice_of(order)
        locked = lock_event(event)
        if getattr(ticket_money.invoice_line_of(order), "pk", None) != getattr(line, "pk", None):
            raise _InvoiceAppeared
        order = Order.objects.select_related("made_by", "ticket_type", "event").get(pk=order.pk)
        attendees = list(
            order.attendees.select_for_update().filter(status__in=HOLDING_STATUSES).order_by("pk")
        )
        if not attendees:
            return 0
        for attendee in attendees:
            attendee.ticket_type = order.ticket_type
        _mark_cancelled(attendees, f"The event was cancelled: {reason}", timezone.now())
        _after_cancelling(order, 0)
        audit.record(
            actor=actor,
            action="events.order.cancelled_with_event",
            target=order,
            after={
                "event": locked.slug,
                "reason": reason,
                "attendees": [a.email for a in attendees],
            },
        )
        money = ticket_money.settle(
            actor=actor,
            order=order,
            attendees=attendees,
            remaining=0,
            percent=100,
            reason=f"{locked.title} was cancelled",
            full=True,
        )
        _tell_event_cancelled(locked, order, attendees, reason, money, actor)
        free_places_on_commit(locked, order.ticket_type)
        return len(attendees)


def _tell_event_cancelled(event, order, attendees, reason, money, actor) -> None:
    """The buyer gets their attendees and the money; each attendee who is not the buyer gets
    their own ticket's notice."""
    buyer = order.made_by.email.lower()
    ticket_emails.event_cancelled(
        event, [buyer], attendees, reason=reason, money=money, actor=actor
    )
    for attendee in attendees:
        if attendee.email_key != buyer:
            ticket_emails.event_cancelled(
                event, [attendee.email], [attendee], reason=reason, money="", actor=actor
            )
