"""Refunds, full or partial: money back by card through the provider (or by check), or a credit
note. The selling app is told what part of which line was refunded."""

from __future__ import annotations

from django.db import transaction

from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require

from ..models import HoldStatus, Invoice, InvoiceLine, InvoiceStatus, Payment, PaymentMethod, Refund
from ..payment_providers import card_provider
from ..sellables import kind
from .invoices import add_credit_note
from .late_payments import clear_attention

CREDIT_NOTE = "credit_note"
REFUND_METHODS = {
    PaymentMethod.CARD: "Back to the card",
    PaymentMethod.CHECK: "By check",
    CREDIT_NOTE: "As a credit note",
}


@transaction.atomic
def refund(
    *,
    actor,
    invoice: Invoice,
    amount_cents: int,
    reason: str,
    method: str,
    line: InvoiceLine | None = None,
):
    """Refund `amount_cents` of `invoice` (of `line`, or of its only line). The invoice row is
    locked first, so a second refund racing this one sees it and cannot exceed what was paid."""
    require(actor, "billing.refund")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Give a reason for the refund.", field="reason")
    if method not in REFUND_METHODS:
        raise DomainError("Choose how to refund.", field="method")
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    line = _line_of(invoice, line)
    if amount_cents <= 0:
        raise DomainError("The refund must be more than zero.", field="amount")
    if amount_cents > line.amount_cents - line.refunded_cents:
        raise DomainError(
            f"At most ${(line.amount_cents - line.refunded_cents) / 100:,.2f} of this line "
            "can still be refunded.",
            field="amount",
        )
    if method == CREDIT_NOTE:
        record = add_credit_note(
            invoice, amount_cents=amount_cents, reason=reason, actor=actor, line=line
        )
    else:
        record = _give_money_back(invoice, line, amount_cents, reason, method, actor)
    line.refunded_cents += amount_cents
    line.save(update_fields=["refunded_cents"])
    if line.refunded_cents >= line.amount_cents and hasattr(line, "hold"):
        line.hold.status = HoldStatus.RELEASED
        line.hold.released_reason = "Refunded"
        line.hold.save(update_fields=["status", "released_reason"])
    if invoice.fulfilled_at is not None:  # only what was sold is un-sold
        kind(line.kind).on_refund(line, amount_cents)
    if isinstance(record, Refund) and record.method == PaymentMethod.CARD:
        # Last, once every write and hook above has succeeded: the money goes back only when
        # the refund is recorded (a failure here rolls the record back with it).
        record.provider_refund_id = card_provider().refund(
            payment_id=record.payment.provider_payment_id, amount_cents=amount_cents
        )
        record.save(update_fields=["provider_refund_id"])
    clear_attention(invoice)
    return record


def _line_of(invoice: Invoice, line: InvoiceLine | None) -> InvoiceLine:
    lines = list(invoice.lines.all())
    if line is None:
        if len(lines) != 1:
            raise DomainError("Choose which line of the invoice is refunded.", field="line")
        return lines[0]
    found = next((candidate for candidate in lines if candidate.pk == line.pk), None)
    if found is None:
        raise DomainError("That line is not on this invoice.", field="line")
    return found


def _give_money_back(invoice, line, amount_cents, reason, method, actor) -> Refund:
    if invoice.status == InvoiceStatus.VOID and not invoice.paid_cents:
        raise DomainError(f"Invoice {invoice.number} is void; nothing was paid.")
    if amount_cents > invoice.net_paid_cents:
        raise DomainError(
            f"At most ${invoice.net_paid_cents / 100:,.2f} was paid and not yet refunded.",
            field="amount",
        )
    payment = None
    provider_refund_id = ""
    if method == PaymentMethod.CARD:
        payment = _card_payment_covering(invoice, amount_cents)
        if card_provider() is None:
            raise DomainError("Card refunds are not available here; refund by check.")
    record = Refund.objects.create(
        invoice=invoice,
        payment=payment,
        line=line,
        amount_cents=amount_cents,
        method=method,
        reason=reason,
        provider_refund_id=provider_refund_id,
        created_by=actor,
    )
    before = {"refunded_cents": invoice.refunded_cents}
    invoice.refunded_cents += amount_cents
    invoice.save(update_fields=["refunded_cents"])
    audit.record(
        actor=actor,
        action="billing.refund.issued",
        target=invoice,
        before=before,
        after={
            "refunded_cents": invoice.refunded_cents,
            "amount_cents": amount_cents,
            "method": method,
            "line": line.description,
            "reason": reason,
        },
    )
    return record


def _card_payment_covering(invoice: Invoice, amount_cents: int) -> Payment:
    for payment in invoice.payments.filter(method=PaymentMethod.CARD, reversed_at__isnull=True):
        refunded = sum(r.amount_cents for r in payment.refunds.all())
        if payment.provider_payment_id and payment.amount_cents - refunded >= amount_cents:
            return payment
    raise DomainError(
        "No card payment on this invoice covers that amount; refund by check instead.",
        field="method",
    )
