"""What a cancelled ticket means for the money, always through billing, by the event's rule:
cancelled by `refund_until`, `refund_percent` of the ticket's share of its line comes back;
after it, nothing (the place is freed all the same). A whole event cancelled by staff refunds
everything.

- Unpaid (an open invoice): the invoice is voided when the order's last ticket goes at full
  refund and nothing was paid, else credited for the refundable share.
- Paid: staff cancelling refund at once (to the card, else by check). A buyer or attendee
  cancelling is refunded to the card at once (billing's `refund_by_sellers_rule`); money paid
  by check or ACH becomes the ticket's `refund_due_cents`, shown to staff and cleared when
  billing reports the refund (`ticket_sales.tickets_refunded`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from socialrx.billing.models import Invoice, InvoiceLine, InvoiceStatus
from socialrx.billing.services import refunds
from socialrx.billing.services.invoices import add_credit_note, void
from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.core.money import format_cents
from socialrx.core.permissions import allowed

from ..calendars import describe_moment
from ..models import Attendee, Event, Order
from ..selectors.places import TICKET_KIND

FREE = "The ticket was free: nothing to refund."
NOTHING = "Nothing is refunded, by the event's cancellation rule."


_OWN_REFUND: ContextVar[bool] = ContextVar("events_own_refund", default=False)


@contextmanager
def _own_refund() -> Iterator[None]:
    token = _OWN_REFUND.set(True)
    try:
        yield
    finally:
        _OWN_REFUND.reset(token)


def refunding_itself() -> bool:
    """True while events itself refunds cancelled tickets through billing: that refund is
    their money, not a refund due that staff are recording (`ticket_sales.tickets_refunded`)."""
    return _OWN_REFUND.get()


@dataclass(frozen=True)
class Rule:
    """What the event's rule gives back at a moment: `percent` of the price, and why."""

    percent: int
    open: bool  # still before the refund cut-off
    text: str


def rule_at(event: Event, now=None) -> Rule:
    now = now or timezone.now()
    until = describe_moment(event.refund_until, event)
    if now > event.refund_until:
        return Rule(0, False, f"Cancellations after {until} are not refunded.")
    if event.refund_percent == 0:
        return Rule(0, True, "This event's tickets are not refunded when cancelled.")
    return Rule(event.refund_percent, True, f"Cancel by {until} for {event.refund_percent}% back.")


def invoice_line_of(order: Order) -> InvoiceLine | None:
    """The order's invoice line: the live one (open or paid) if any, else the latest."""
    lines = list(
        InvoiceLine.objects.filter(kind=TICKET_KIND, sold_public_id=order.public_id)
        .select_related("invoice")
        .order_by("-pk")
    )
    live = [line for line in lines if line.invoice.status != InvoiceStatus.VOID]
    return (live or lines or [None])[0]


def lock_invoice_of(order: Order) -> InvoiceLine | None:
    """Billing's order of locks: the invoice first (then the event). Call in the transaction."""
    line = invoice_line_of(order)
    if line is not None:
        Invoice.objects.select_for_update().get(pk=line.invoice_id)
    return line


def _share(line: InvoiceLine, order: Order, count: int, remaining: int) -> int:
    """The line's price of `count` of its attendees: an equal share each, the odd cents with
    the order's last ticket."""
    seats = max(line.quantity * order.ticket_type.group_size, 1)
    unit = line.amount_cents // seats
    odd = line.amount_cents - unit * seats if remaining == 0 else 0
    return unit * count + odd


def settle(
    *,
    actor,
    order: Order,
    attendees: list[Attendee],
    remaining: int,
    percent: int,
    reason: str,
    full: bool = False,
) -> str:
    """`attendees` of `order` were just cancelled and `remaining` still hold places; the caller
    holds the invoice's lock (taken before the event's). `percent` of their share comes back
    (`full`: all of it, as staff cancelling an event). Returns a sentence for the person."""
    line = invoice_line_of(order)
    if line is None and order.ticket_type.price_cents == 0:
        return FREE
    if line is None or line.invoice.status == InvoiceStatus.VOID:
        return "Nothing had been invoiced for this ticket."
    invoice = Invoice.objects.select_for_update().get(pk=line.invoice_id)
    line.refresh_from_db()
    share = _share(line, order, len(attendees), remaining)
    wanted = share if full else share * percent // 100
    if invoice.status == InvoiceStatus.OPEN:
        return _unpaid(actor, invoice, line, wanted, share, remaining, reason)
    if invoice.status != InvoiceStatus.PAID:
        return ""
    amount = min(wanted, line.refundable_cents, max(invoice.net_paid_cents, 0))
    if share <= 0:
        return FREE
    if amount <= 0:
        return NOTHING
    shown = format_cents(amount, invoice.currency)
    if allowed(actor, "billing.refund"):
        how = _refund(actor, invoice, line, amount, reason)
        return f"{shown} is refunded {how} (invoice {invoice.number})."
    if _refunded_to_card_by_the_rule(actor, invoice, line, amount, reason):
        return f"{shown} is refunded to the card it was paid with (invoice {invoice.number})."
    _refund_due(actor, attendees, amount, invoice)
    return f"The center will refund {shown} (invoice {invoice.number}) within a few days."


def _unpaid(actor, invoice, line, credit: int, share: int, remaining: int, reason: str) -> str:
    only_line = invoice.lines.count() == 1
    if remaining == 0 and credit >= share and only_line and invoice.net_paid_cents == 0:
        void(invoice, reason=reason[:200], actor=actor)
        return f"Invoice {invoice.number} was voided: nothing is owed."
    credit = min(credit, invoice.owed_cents)
    if credit <= 0:
        return f"Invoice {invoice.number} still bills the ticket, by the event's rule."
    add_credit_note(invoice, amount_cents=credit, reason=reason[:200], actor=actor, line=line)
    return f"Invoice {invoice.number} now bills {format_cents(credit, invoice.currency)} less."


def _refund(actor, invoice: Invoice, line, amount: int, reason: str) -> str:
    """Back to the card when paid by card, else by check (billing's rule); marked as this
    app's own refund, so its `on_refund` hook settles no refund due. Returns how."""
    with _own_refund():
        return refunds.refund_card_or_check(
            actor=actor, invoice=invoice, amount_cents=amount, reason=reason[:200], line_id=line.pk
        )


def _refunded_to_card_by_the_rule(actor, invoice, line, amount: int, reason: str) -> bool:
    """False when it cannot (paid by check or ACH, or no card provider here)."""
    try:
        with transaction.atomic(), _own_refund():
            refunds.refund_by_sellers_rule(
                actor=actor,
                invoice=invoice,
                line_id=line.pk,
                amount_cents=amount,
                reason=reason[:200],
            )
    except DomainError:
        return False
    return True


def _refund_due(actor, attendees: list[Attendee], amount: int, invoice) -> None:
    """Split `amount` over the attendees (the first takes the odd cents) for staff to pay."""
    each, odd = divmod(amount, len(attendees))
    for index, attendee in enumerate(attendees):
        attendee.refund_due_cents += each + (odd if index == 0 else 0)
        attendee.save(update_fields=["refund_due_cents"])
        audit.record(
            actor=actor,
            action="events.attendee.refund_due",
            target=attendee,
            after={"refund_due_cents": attendee.refund_due_cents, "invoice": invoice.number},
        )
