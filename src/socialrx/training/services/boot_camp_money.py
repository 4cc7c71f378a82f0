"""What cancelled seats mean for the money, always through billing: an unpaid invoice is voided
(every seat of it cancelled) or credited for the seats' share; a paid one is refunded for the
seats' share (the whole line when the last seat goes).

When staff cancel, the money goes back at once (billing's `refund`, by card or check). When an
attendee or buyer cancels before the deadline, the cancellation rule refunds a card payment to
the card at once (billing's `refund_by_sellers_rule`); money paid by check or ACH is recorded
as a refund due on the registration, shown to staff on the roster, and cleared when billing
reports the check refund (`boot_camp_sales.seats_refunded`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

from socialrx.billing.models import Invoice, InvoiceStatus
from socialrx.billing.services import refunds
from socialrx.billing.services.invoices import add_credit_note, void
from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.core.money import format_cents
from socialrx.core.permissions import allowed

from ..selectors.boot_camps import invoice_line_of

_OWN_REFUND: ContextVar[bool] = ContextVar("training_own_refund", default=False)


@contextmanager
def _own_refund() -> Iterator[None]:
    token = _OWN_REFUND.set(True)
    try:
        yield
    finally:
        _OWN_REFUND.reset(token)


def refunding_itself() -> bool:
    """True while training itself refunds cancelled seats through billing: that refund is
    their money, not a refund due that staff are recording (`boot_camp_sales.seats_refunded`)."""
    return _OWN_REFUND.get()


def _refund(actor, invoice: Invoice, line, amount: int, reason: str) -> str:
    """Back to the card when paid by card, else by check (billing's rule); marked as this
    app's own refund, so its `on_refund` hook settles no refund due. Returns how."""
    with _own_refund():
        return refunds.refund_card_or_check(
            actor=actor, invoice=invoice, amount_cents=amount, reason=reason[:200], line_id=line.pk
        )


def settle(*, actor, booking, registrations: list, remaining: int, reason: str) -> str:
    """`registrations` of `booking` were just cancelled and `remaining` still hold seats. The
    caller holds the invoice's lock (taken before the boot camp's). Returns a sentence."""
    line = invoice_line_of(booking)
    if line is None or line.invoice.status == InvoiceStatus.VOID:
        return "Nothing had been invoiced for this seat."
    invoice = Invoice.objects.select_for_update().get(pk=line.invoice_id)
    line.refresh_from_db()
    count = len(registrations)
    unit = line.amount_cents // line.quantity if line.quantity else 0
    if invoice.status == InvoiceStatus.OPEN:
        return _unpaid(actor, invoice, line, unit * count, remaining, reason)
    if invoice.status != InvoiceStatus.PAID:
        return ""
    # The last seat takes the line's odd cents, but not what is owed to seats cancelled
    # before it (their refunds due, which staff pay and record on their own).
    owed = sum(r.refund_due_cents for r in booking.registrations.filter(refund_due_cents__gt=0))
    wanted = line.refundable_cents - owed if remaining == 0 else unit * count
    amount = min(wanted, line.refundable_cents, max(invoice.net_paid_cents, 0))
    if amount <= 0:
        return "The seat was free: nothing to refund."
    shown = format_cents(amount, invoice.currency)
    if allowed(actor, "billing.refund"):
        how = _refund(actor, invoice, line, amount, reason)
        return f"{shown} is refunded {how} (invoice {invoice.number})."
    if _refunded_to_card_by_the_rule(actor, invoice, line, amount, reason):
        return f"{shown} is refunded to the card it was paid with (invoice {invoice.number})."
    _refund_due(actor, registrations, amount, invoice)
    return f"The center will refund {shown} (invoice {invoice.number}) within a few days."


def _unpaid(actor, invoice, line, share: int, remaining: int, reason: str) -> str:
    only_line = invoice.lines.count() == 1
    if remaining == 0 and only_line and invoice.net_paid_cents == 0:
        void(invoice, reason=reason[:200], actor=actor)
        return f"Invoice {invoice.number} was voided: nothing is owed."
    credit = min(share, invoice.owed_cents)
    if credit <= 0:
        return ""
    add_credit_note(invoice, amount_cents=credit, reason=reason[:200], actor=actor, line=line)
    shown = format_cents(credit, invoice.currency)
    return f"Invoice {invoice.number} now bills {shown} less."


def _refunded_to_card_by_the_rule(actor, invoice, line, amount: int, reason: str) -> bool:
    """A cancellation before the deadline is refunded by the boot camp's own rule: money paid
    by card goes back to the card at once (billing's `refund_by_sellers_rule`). False when it
    cannot (paid by check or ACH, or no card provider here): staff then send a check."""
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


def _refund_due(actor, registrations: list, amount: int, invoice) -> None:
    """Split `amount` over the registrations (the first takes the odd cents) for staff to pay."""
    each, odd = divmod(amount, len(registrations))
    for index, registration in enumerate(registrations):
        registration.refund_due_cents += each + (odd if index == 0 else 0)
        registration.save(update_fields=["refund_due_cents"])
        audit.record(
            actor=actor,
            action="training.registration.refund_due",
            target=registration,
            after={
                "refund_due_cents": registration.refund_due_cents,
                "invoice": invoice.number,
            },
        )
