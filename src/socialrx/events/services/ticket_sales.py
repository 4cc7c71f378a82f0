"""Event tickets sold through billing (kind "events.ticket"). The sold object is an `Order`:
one buyer's attendees of one ticket type, quantity = its units (attendees, or groups for a
group ticket).

Places are counted by events under the event's lock (see `registration`); billing's `capacity`
hook only says how many units an order is, so billing holds them while a card checkout runs and
voids the invoice (releasing the places here) when it is abandoned."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from socialrx.billing.sellables import Quote, SellableKind
from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.membership.selectors import member_price
from socialrx.organizations.models import Organization

from ..calendars import describe_span
from ..models import (
    HOLDING_STATUSES,
    Attendee,
    AttendeeStatus,
    Event,
    EventStatus,
    Order,
    OrderStatus,
    TicketKind,
)
from ..selectors.places import TICKET_KIND, open_invoice_line, places_left, type_places_left
from ..selectors.prices import member_refusal, registration_refusal, sale_refusal
from . import registration, ticket_money


def _order(sold_public_id) -> Order | None:
    return (
        Order.objects.select_related("event", "ticket_type", "made_by", "organization")
        .filter(public_id=sold_public_id)
        .first()
    )


def _current(sold_public_id) -> Order | None:
    """The order; a pending one read again under its event's lock when in a transaction
    (billing's checkout: the lock lasts until its invoice exists), so a ticket cancelled or an
    order released meanwhile is seen here, and none can be until the checkout commits."""
    order = _order(sold_public_id)
    if order is None or order.status != OrderStatus.PENDING:
        return order
    if transaction.get_connection().in_atomic_block:
        event = registration.lock_event(order.event)
        order.refresh_from_db(fields=["status", "quantity", "invoice", "hold_expires_at"])
        order.event = event
        order.ticket_type.event = event
    return order


def _locked(sold_public_id) -> tuple[Order | None, Event | None]:
    """The order, read again under its event's lock (billing holds the invoice's: the invoice,
    then the event, is the order every writer follows)."""
    order = _order(sold_public_id)
    if order is None:
        return None, None
    event = registration.lock_event(order.event)
    order.refresh_from_db(fields=["status", "invoice", "hold_expires_at", "confirmed_at"])
    order.event = event
    order.ticket_type.event = event
    return order, event


def _belongs_to(order: Order, buyer) -> bool:
    """A team order is the organization's to pay; any other order its maker's."""
    if isinstance(buyer, Organization):
        return order.organization_id == buyer.pk
    return order.organization_id is None and order.made_by_id == getattr(buyer, "pk", None)


def _description(order: Order, quantity: int) -> str:
    ticket_type = order.ticket_type
    event = order.event
    what = f"{quantity} × {ticket_type.name}"
    if ticket_type.kind == TicketKind.GROUP:
        what += f" (group of {ticket_type.group_size})"
    return f"Ticket: {event.title} ({describe_span(event)}), {what}"


def _hold_again(order: Order, attendees: int) -> None:
    """The order's hold ran out before checkout: keep its places if they are still free."""
    with transaction.atomic():
        event = registration.lock_event(order.event)
        order.refresh_from_db(fields=["status", "hold_expires_at"])
        now = timezone.now()
        released = "The places you held were released; register again."
        if order.status != OrderStatus.PENDING:
            raise DomainError(released)
        order.ticket_type.event = event
        refusal = registration_refusal(event, now=now) or sale_refusal(order.ticket_type, now=now)
        if refusal:
            raise DomainError(f"The places you held were released. {refusal}")
        left = type_places_left(order.ticket_type, now=now)
        if (left is not None and left < attendees) or places_left(event, now=now) < attendees:
            raise DomainError(released)
        before = order.hold_expires_at
        order.hold_expires_at = now + timedelta(minutes=settings.BILLING_HOLD_MINUTES)
        order.save(update_fields=["hold_expires_at"])
        audit.record(
            actor=None,
            action="events.order.hold_extended",
            target=order,
            before={"hold_expires_at": before},
            after={"hold_expires_at": order.hold_expires_at},
        )


def quote_tickets(buyer, sold_public_id, quantity: int) -> Quote:
    """The order priced for `buyer` now, on the server: list price, and the plan's discount on
    member tickets."""
    order = _current(sold_public_id)
    if order is None:
        raise DomainError("That order was not found; register for the event again.")
    if order.status == OrderStatus.CONFIRMED:
        raise DomainError("These tickets are already confirmed.")
    if order.status == OrderStatus.CANCELLED:
        raise DomainError("This order was cancelled; register again.")
    if not _belongs_to(order, buyer):
        raise DomainError(
            "This order belongs to another buyer: choose the buyer it was made for.",
            field="buyer",
        )
    pending = order.attendees.filter(status=AttendeeStatus.PENDING).count()
    ticket_type = order.ticket_type
    if quantity != order.quantity or pending != order.quantity * ticket_type.group_size:
        raise DomainError(
            f"This order is for {order.quantity} ticket{'s' if order.quantity != 1 else ''}.",
            field="quantity",
        )
    line = open_invoice_line(order.public_id).select_related("invoice").first()
    if line is not None:
        raise DomainError(
            f"These tickets are already on invoice {line.invoice.number}: pay that invoice."
        )
    refusal = member_refusal(ticket_type, buyer)
    if refusal:
        raise DomainError(refusal, field="buyer")
    if order.hold_expires_at <= timezone.now():
        _hold_again(order, pending)
    list_cents = ticket_type.price_cents
    discount, reason = 0, ""
    if ticket_type.kind == TicketKind.MEMBER and list_cents:
        price = member_price(buyer, list_cents, kind=TICKET_KIND)
        discount, reason = price.discount_cents * quantity, price.reason
    return Quote(
        description=_description(order, quantity),
        unit_price_cents=list_cents,
        quantity=quantity,
        discount_cents=discount,
        discount_reason=reason,
    )


def _revivable(order: Order) -> list[Attendee]:
    """Attendees the system released (not paid in time, invoice voided) whose emails have not
    registered for the event again since."""
    released = list(
        order.attendees.filter(
            status=AttendeeStatus.CANCELLED, cancel_reason__in=registration.REVIVABLE
        )
    )
    again = set(
        Attendee.objects.filter(
            event_id=order.event_id,
            email_key__in=[a.email_key for a in released],
            status__in=HOLDING_STATUSES,
        ).values_list("email_key", flat=True)
    )
    return [a for a in released if a.email_key not in again]


def _fits(order: Order, event: Event, count: int) -> bool:
    left = type_places_left(order.ticket_type)
    return (left is None or left >= count) and places_left(event) >= count


def order_units(sold_public_id) -> int:
    """Units billing may hold for the order. After its invoice was voided (a late card
    payment), only if its places are free again."""
    order = _current(sold_public_id)
    if order is None:
        return 0
    size = order.ticket_type.group_size
    if order.status != OrderStatus.CANCELLED:
        return order.attendees.filter(status__in=HOLDING_STATUSES).count() // size
    event = registration.lock_event(order.event)
    wanted = _revivable(order)
    if event.status != EventStatus.PUBLISHED or not wanted or not _fits(order, event, len(wanted)):
        return 0
    return len(wanted) // size


def tickets_paid(line) -> None:
    """The invoice is paid (or nothing was owed): the order and its attendees are confirmed and
    the tickets go out."""
    order, event = _locked(line.sold_public_id)
    if order is None or order.status == OrderStatus.CONFIRMED:
        return
    if order.status == OrderStatus.CANCELLED:  # a late payment brings the places back
        attendees = _revivable(order)
        if event.status != EventStatus.PUBLISHED or not _fits(order, event, len(attendees)):
            attendees = []
    else:
        attendees = list(order.attendees.filter(status=AttendeeStatus.PENDING))
    before = order.status
    order.invoice = line.invoice
    if attendees:
        registration.confirm_order(order, attendees)
    else:
        order.save(update_fields=["invoice"])
    audit.record(
        actor=None,
        action="events.order.confirmed" if attendees else "events.order.paid_late",
        target=order,
        before={"status": before},
        after={
            "status": order.status,
            "invoice": line.invoice.number,
            "attendees": [a.email for a in attendees],
        },
    )


def tickets_voided(line) -> None:
    """The invoice was voided (an abandoned card checkout, staff, a reversed payment): the
    order's places are freed and the waitlist told."""
    order, event = _locked(line.sold_public_id)
    if order is None:
        return
    if order.invoice_id is None:
        order.invoice = line.invoice
        order.save(update_fields=["invoice"])
    if order.status == OrderStatus.CANCELLED:
        return
    registration.cancel_order(
        order, reason=registration.INVOICE_VOIDED, action="events.order.cancelled"
    )
    registration.free_places_on_commit(event, order.ticket_type)


def _settle_refunds_due(order: Order, amount_cents: int) -> None:
    """Staff recorded in billing a refund of `amount_cents` on the order's line: the money the
    center owed its cancelled tickets. The ticket owed exactly that amount is the one it was
    for; otherwise it settles what is owed in the order tickets were cancelled."""
    due = list(order.attendees.filter(refund_due_cents__gt=0).order_by("cancelled_at", "pk"))
    exact = [attendee for attendee in due if attendee.refund_due_cents == amount_cents]
    left = amount_cents
    for attendee in exact[:1] or due:
        if left <= 0:
            break
        paid = min(left, attendee.refund_due_cents)
        before = attendee.refund_due_cents
        attendee.refund_due_cents -= paid
        attendee.save(update_fields=["refund_due_cents"])
        left -= paid
        audit.record(
            actor=None,
            action="events.attendee.refund_settled",
            target=attendee,
            before={"refund_due_cents": before},
            after={"refund_due_cents": attendee.refund_due_cents},
        )


def tickets_refunded(line, amount_cents: int) -> None:
    """Part or all of the line was refunded. A refund staff record in billing settles the
    refunds due to cancelled tickets; the refunds events makes itself when a ticket is
    cancelled are that ticket's money and settle nothing else. A line refunded in full cancels
    whatever places it still held."""
    order, event = _locked(line.sold_public_id)
    if order is None:
        return
    if not ticket_money.refunding_itself():
        _settle_refunds_due(order, amount_cents)
    audit.record(
        actor=None,
        action="events.order.refunded",
        target=order,
        after={"amount_cents": amount_cents, "line_refunded_cents": line.refunded_cents},
    )
    if line.refunded_cents >= line.amount_cents and order.status != OrderStatus.CANCELLED:
        registration.cancel_order(
            order, reason=registration.REFUNDED, action="events.order.cancelled"
        )
        registration.free_places_on_commit(event, order.ticket_type)


TICKET_SELLABLE = SellableKind(
    code=TICKET_KIND,
    label="Event ticket",
    quote=quote_tickets,
    on_paid=tickets_paid,
    on_void=tickets_voided,
    on_refund=tickets_refunded,
    capacity=order_units,
    max_quantity=registration.MAX_ATTENDEES,
)
