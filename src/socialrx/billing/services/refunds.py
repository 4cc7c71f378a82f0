"""Refunds, full or partial: money back by card through the provider (or by check), or a credit
note. The selling app is told what part of which line was refunded."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce

from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.core.money import format_cents
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
    line_id: int | None = None,
):
    """Refund `amount_cents` of a delivered line (`line_id`, or the invoice's only line), or, with
    no line, give back money the invoice holds beyond what it bills (an overpayment, a payment
    after it was voided). The invoice row is locked first, so a second refund racing this one
    sees it and cannot exceed what was paid."""
    require(actor, "billing.refund")
    return _refund(actor, invoice, amount_cents, reason, method, line_id)


@transaction.atomic
def refund_by_sellers_rule(
    *, actor, invoice: Invoice, line_id: int, amount_cents: int, reason: str
) -> Refund:
    """Give a line's money back to the card it was paid with, because the selling app's own
    rule says so (a boot camp seat cancelled before its deadline): the seller decided, so no
    staff permission is asked; everything else is `refund`'s (the lock, the limits, the
    audit, the provider called last). Only card payments: money paid by check or ACH goes
    back by a check staff send, through `refund`."""
    return _refund(actor, invoice, amount_cents, reason, PaymentMethod.CARD, line_id)


def refund_card_or_check(
    *, actor, invoice: Invoice, amount_cents: int, reason: str, line_id: int | None = None
) -> str:
    """Staff refund a line the way it was paid: back to the card when the invoice was paid by
    card and cards can be refunded here, otherwise by a check staff send. Each attempt in its
    own savepoint, so a card refund refused by the provider leaves nothing before the check.
    Returns how: "to the card" or "by check"."""
    paid_by_card = invoice.payments.filter(
        method=PaymentMethod.CARD, reversed_at__isnull=True
    ).exists()
    methods = [PaymentMethod.CARD, PaymentMethod.CHECK] if paid_by_card else [PaymentMethod.CHECK]
    for method in methods:
        try:
            with transaction.atomic():
                refund(
                    actor=actor,
                    invoice=invoice,
                    amount_cents=amount_cents,
                    reason=reason,
                    method=method,
                    line_id=line_id,
                )
        except DomainError:
            if method == methods[-1]:
                raise
            continue  # no card refund possible here: by check instead
        return "to the card" if method == PaymentMethod.CARD else "by check"
    return ""


def _refund(actor, invoice, amount_cents, reason, method, line_id):
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Give a reason for the refund.", field="reason")
    if method not in REFUND_METHODS:
        raise DomainError("Choose how to refund.", field="method")
    if amount_cents <= 0:
        raise DomainError("The refund must be more than zero.", field="amount")
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if line_id is None and invoice.overpaid_cents > 0 and method != CREDIT_NOTE:
        record = _refund_overpayment(invoice, amount_cents, reason, method, actor)
    elif invoice.fulfilled_at is None:
        record = _refund_undelivered(invoice, amount_cents, reason, method, actor)
    else:
        line = _line_of(invoice, line_id)
        record = _refund_line(invoice, line, amount_cents, reason, method, actor)
    if isinstance(record, Refund) and record.method == PaymentMethod.CARD:
        # Last, once every write and hook above has succeeded, and keyed by the refund's id so
        # a retried request cannot give the money back twice.
        record.provider_refund_id = card_provider().refund(
            payment_id=record.payment.provider_payment_id,
            amount_cents=amount_cents,
            idempotency_key=str(record.public_id),
        )
        record.save(update_fields=["provider_refund_id"])
    clear_attention(invoice)
    return record


def _refund_overpayment(invoice, amount_cents, reason, method, actor) -> Refund:
    if amount_cents > invoice.overpaid_cents:
        raise DomainError(
            f"The invoice holds {format_cents(invoice.overpaid_cents, invoice.currency)} more "
            "than it bills; refund at most that, or choose a line.",
            field="amount",
        )
    return _give_money_back(invoice, None, amount_cents, reason, method, actor)


def _refund_undelivered(invoice, amount_cents, reason, method, actor):
    """Nothing was delivered yet: a credit note waives part of what is owed (all of it settles
    and delivers the invoice), and money paid so far (a deposit) can be given back."""
    if method == CREDIT_NOTE:
        return add_credit_note(invoice, amount_cents=amount_cents, reason=reason, actor=actor)
    return _give_money_back(invoice, None, amount_cents, reason, method, actor)


def _refund_line(invoice, line, amount_cents, reason, method, actor):
    if amount_cents > line.refundable_cents:
        raise DomainError(
            f"At most {format_cents(line.refundable_cents, invoice.currency)} of this line "
            "can still be refunded.",
            field="amount",
        )
    if method == CREDIT_NOTE:
        record = add_credit_note(
            invoice, amount_cents=amount_cents, reason=reason, actor=actor, line=line
        )
    else:
        record = _give_money_back(invoice, line, amount_cents, reason, method, actor)
        invoice.unsold_cents += amount_cents  # the line is un-sold: the invoice bills less
        invoice.save(update_fields=["unsold_cents"])
    line.refunded_cents += amount_cents
    line.save(update_fields=["refunded_cents"])
    if line.refunded_cents >= line.amount_cents and hasattr(line, "hold"):
        line.hold.status = HoldStatus.RELEASED
        line.hold.released_reason = "Refunded"
        line.hold.save(update_fields=["status", "released_reason"])
    kind(line.kind).on_refund(line, amount_cents)
    return record


def _line_of(invoice: Invoice, line_id: int | None) -> InvoiceLine:
    lines = list(invoice.lines.all())
    if line_id is None:
        if len(lines) != 1:
            raise DomainError("Choose which line of the invoice is refunded.", field="line")
        return lines[0]
    found = next((candidate for candidate in lines if candidate.pk == line_id), None)
    if found is None:
        raise DomainError("That line is not on this invoice.", field="line")
    return found


def _give_money_back(invoice, line, amount_cents, reason, method, actor) -> Refund:
    if invoice.status == InvoiceStatus.VOID and not invoice.paid_cents:
        raise DomainError(f"Invoice {invoice.number} is void; nothing was paid.")
    if amount_cents > invoice.net_paid_cents:
        raise DomainError(
            f"At most {format_cents(invoice.net_paid_cents, invoice.currency)} was paid and not "
            "yet refunded.",
            field="amount",
        )
    payment = None
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
            "line": line.description if line else "overpayment",
            "reason": reason,
        },
    )
    return record


def _card_payment_covering(invoice: Invoice, amount_cents: int) -> Payment:
    payments = invoice.payments.filter(
        method=PaymentMethod.CARD, reversed_at__isnull=True
    ).annotate(refunded=Coalesce(Sum("refunds__amount_cents"), 0))
    for payment in payments:
        if payment.provider_payment_id and payment.amount_cents - payment.refunded >= amount_cents:
            return payment
    raise DomainError(
        "No card payment on this invoice covers that amount; refund by check instead.",
        field="method",
    )
