"""Reading orders: the buyer's order page (its attendees, its invoice line and what to do
next), and the staff list of ticket types with what each has sold."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Prefetch
from django.utils import timezone

from socialrx.billing.models import InvoiceLine, InvoiceStatus
from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed

from ..models import Attendee, Event, Order, OrderStatus, TicketType
from .places import TICKET_KIND, EventPlaces, event_places


def order_for(viewer, public_id: UUID | str) -> Order:
    """The order if `viewer` may manage it (its buyer, or staff); else NotFound (3 queries)."""
    order = (
        Order.objects.select_related("event", "ticket_type", "organization", "made_by")
        .prefetch_related(
            Prefetch("attendees", queryset=Attendee.objects.order_by("full_name", "pk"))
        )
        .filter(public_id=public_id)
        .first()
    )
    if order is None or not allowed(viewer, "events.manage_order", order):
        raise NotFound("Order not found.")
    return order


def invoice_line_of(order: Order) -> InvoiceLine | None:
    """The order's invoice line: the live one (open or paid) if any, else the latest."""
    lines = list(
        InvoiceLine.objects.filter(kind=TICKET_KIND, sold_public_id=order.public_id)
        .select_related("invoice")
        .order_by("-pk")
    )
    live = [line for line in lines if line.invoice.status != InvoiceStatus.VOID]
    return (live or lines or [None])[0]


@dataclass(frozen=True)
class OrderState:
    """What the buyer sees and may do: `stage` is one of "confirmed", "on_invoice" (an open
    invoice: pay it), "checkout" (pending with places held: pay), "expired" (the hold ran out;
    paying again keeps the places if they are free), "cancelled"."""

    stage: str
    line: InvoiceLine | None
    minutes_left: int

    @property
    def payable(self) -> bool:
        return self.stage in ("checkout", "expired", "on_invoice")


def order_state(order: Order, *, now=None) -> OrderState:
    now = now or timezone.now()
    line = invoice_line_of(order)
    if order.status == OrderStatus.CONFIRMED:
        return OrderState("confirmed", line, 0)
    if order.status == OrderStatus.CANCELLED:
        return OrderState("cancelled", line, 0)
    if line is not None and line.invoice.status == InvoiceStatus.OPEN:
        return OrderState("on_invoice", line, 0)
    seconds = (order.hold_expires_at - now).total_seconds()
    if seconds <= 0:
        return OrderState("expired", line, 0)
    return OrderState("checkout", line, max(int(seconds // 60), 1))


@dataclass(frozen=True)
class StaffTicketRow:
    ticket_type: TicketType
    sold: int
    offered: int
    left: int


def staff_ticket_rows(event: Event) -> tuple[list[StaffTicketRow], EventPlaces]:
    """Every ticket type of the event with places sold (held), offered and left, and the
    event's own counts (3 queries)."""
    ticket_types = list(event.ticket_types.order_by("position", "price_cents", "name"))
    places = event_places(event, ticket_types)
    rows = [
        StaffTicketRow(
            tt,
            places.by_type[tt.pk].sold,
            places.by_type[tt.pk].offered,
            places.by_type[tt.pk].left,
        )
        for tt in ticket_types
    ]
    return rows, places
