"""A card payment that arrives for a void invoice (its hold expired, or staff voided it): the
money is kept, the places are taken again when they are still free, and otherwise the buyer
is told and staff see the invoice in a queue to seat or refund."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from socialrx.core import audit
from socialrx.core.email import queue_templated_email
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require

from ..models import Invoice, InvoiceStatus
from .holds import EXPIRED_REASON, retake_released_holds
from .invoices import mark_paid_if_settled

WAITING_FOR_PLACES = "Paid after its hold expired, and the places were taken meanwhile."
PAID_WHILE_VOID = "Paid by card after it was voided."


def settle_late_card_payment(invoice: Invoice, *, fulfil) -> str:
    """Called with the locked invoice after the payment was recorded on it."""
    expired = invoice.void_reason == EXPIRED_REASON
    if expired and retake_released_holds(invoice):
        _reopen(invoice)
        if mark_paid_if_settled(invoice):
            fulfil(invoice)
        return "recorded late: places taken again"
    invoice.attention = WAITING_FOR_PLACES if expired else PAID_WHILE_VOID
    invoice.save(update_fields=["attention"])
    audit.record(
        actor=None,
        action="billing.invoice.needs_attention",
        target=invoice,
        after={"attention": invoice.attention, "paid_cents": invoice.paid_cents},
    )
    queue_templated_email(
        to=[invoice.billing_email],
        template="billing/email/late_payment",
        context={
            "invoice": invoice,
            "site_url": settings.SITE_URL,
            "places_released": expired,
        },
    )
    return "recorded late: waiting for staff"


def _reopen(invoice: Invoice) -> None:
    invoice.status, invoice.void_reason, invoice.attention = InvoiceStatus.OPEN, "", ""
    invoice.save(update_fields=["status", "void_reason", "attention"])
    audit.record(
        actor=None,
        action="billing.invoice.reopened",
        target=invoice,
        before={"status": InvoiceStatus.VOID},
        after={"status": InvoiceStatus.OPEN},
    )


@transaction.atomic
def seat_anyway(*, actor, invoice: Invoice) -> Invoice:
    """Staff decide to honour a late payment even though capacity is full (audited)."""
    from .payments import fulfil  # noqa: PLC0415 - payments import this module

    require(actor, "billing.manage_invoices")
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if not invoice.attention:
        raise DomainError(f"Invoice {invoice.number} is not waiting for a decision.")
    if invoice.net_paid_cents < invoice.owed_cents:
        raise DomainError("The payment no longer covers the invoice; refund it instead.")
    invoice.holds.update(status="reserved", released_reason="")
    before = {"status": invoice.status, "attention": invoice.attention}
    _reopen(invoice)
    mark_paid_if_settled(invoice)
    fulfil(invoice)
    audit.record(
        actor=actor,
        action="billing.invoice.seated_anyway",
        target=invoice,
        before=before,
        after={"status": invoice.status},
    )
    return invoice


def clear_attention(invoice: Invoice) -> None:
    if invoice.attention:
        invoice.attention = ""
        invoice.save(update_fields=["attention"])
