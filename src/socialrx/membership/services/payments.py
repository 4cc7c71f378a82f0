"""Recording payments: by check or ACH (staff), and by card (provider webhooks)."""

from __future__ import annotations

import uuid
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import DomainError, NotFound
from socialrx.core.permissions import require

from ..models import Invoice, InvoiceStatus, Payment, PaymentMethod, ProviderEvent
from ..models.memberships import center_today
from ..payment_providers import (
    MAX_AMOUNT_CENTS,
    MAX_EVENT_ID_LENGTH,
    CheckoutSession,
    PaymentEvent,
    card_provider,
)
from .lifecycle import extend_for_invoice


def _apply_payment(
    invoice: Invoice,
    *,
    amount_cents: int,
    method: str,
    reference: str,
    received_on: date,
    actor,
    event_id: str | None = None,
    money_already_taken: bool = False,
):
    """Add a payment to a locked invoice. Partial payments leave it open; once payments cover
    the total it is paid. An overpayment is kept as recorded and shown as a credit. Money a
    card provider already took is always recorded, even on an invoice paid meanwhile."""
    if invoice.status == InvoiceStatus.VOID:
        raise DomainError(f"Invoice {invoice.number} is void and cannot be paid.")
    if invoice.status == InvoiceStatus.PAID and not money_already_taken:
        raise DomainError(f"Invoice {invoice.number} is already paid.")
    if amount_cents <= 0:
        raise DomainError("The amount must be more than zero.", field="amount")
    payment = Payment.objects.create(
        invoice=invoice,
        amount_cents=amount_cents,
        method=method,
        reference=reference,
        received_on=received_on,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        provider_event_id=event_id,
    )
    before = {"status": invoice.status, "paid_cents": invoice.paid_cents}
    was_open = invoice.status == InvoiceStatus.OPEN
    invoice.paid_cents += amount_cents
    fields = ["paid_cents"]
    if was_open and invoice.paid_cents >= invoice.total_cents:
        invoice.status = InvoiceStatus.PAID
        invoice.paid_at = timezone.now()
        fields += ["status", "paid_at"]
    invoice.save(update_fields=fields)
    audit.record(
        actor=actor,
        action="membership.payment.recorded",
        target=invoice,
        before=before,
        after={
            "status": invoice.status,
            "paid_cents": invoice.paid_cents,
            "amount_cents": amount_cents,
            "method": method,
            "reference": reference,
        },
    )
    if was_open and invoice.status == InvoiceStatus.PAID:
        extend_for_invoice(invoice)
    return payment


@transaction.atomic
def record_manual_payment(
    *, actor, invoice: Invoice, amount_cents: int, method: str, reference: str, received_on: date
) -> Payment:
    """Staff record a check or ACH payment against an invoice."""
    require(actor, "membership.record_payments")
    if method not in {PaymentMethod.CHECK, PaymentMethod.ACH}:
        raise DomainError(
            "Record checks and ACH transfers here; cards are paid online.", field="method"
        )
    if received_on > center_today():
        raise DomainError("The payment date cannot be in the future.", field="received_on")
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    return _apply_payment(
        invoice,
        amount_cents=amount_cents,
        method=method,
        reference=(reference or "").strip(),
        received_on=received_on,
        actor=actor,
    )


def start_card_checkout(
    *, actor, invoice: Invoice, success_url: str, cancel_url: str
) -> CheckoutSession:
    """An org admin pays the open balance by card on the provider's hosted page."""
    require(actor, "membership.pay_invoice", invoice)
    provider = card_provider()
    if provider is None:
        raise DomainError("Card payment is not available; pay by check or ACH using the invoice.")
    if invoice.status != InvoiceStatus.OPEN:
        raise DomainError(f"Invoice {invoice.number} is {invoice.get_status_display().lower()}.")
    return provider.create_checkout(
        invoice=invoice,
        amount_cents=invoice.balance_cents,
        success_url=success_url,
        cancel_url=cancel_url,
    )


def handle_provider_event(event: PaymentEvent, *, provider_name: str) -> str:
    """Record a verified provider event exactly once. The event row and the payment commit
    together; a replay or a concurrent duplicate finds the event id taken and does nothing."""
    if not event.event_id:
        raise DomainError("The event has no id.")
    # The provider adapter checks the event's shape; nothing out of range reaches a write.
    if len(event.event_id) > MAX_EVENT_ID_LENGTH or "\x00" in event.event_id:
        raise DomainError("The event id is not one the provider would send.")
    if not 0 <= event.amount_cents <= MAX_AMOUNT_CENTS:
        raise DomainError("The event's amount is out of range.")
    try:
        with transaction.atomic():
            return _process_event(event, provider_name)
    except IntegrityError:
        return "duplicate"


def _process_event(event: PaymentEvent, provider_name: str) -> str:
    if ProviderEvent.objects.filter(event_id=event.event_id).exists():
        return "duplicate"
    invoice = None
    if event.invoice_public_id:
        invoice = (
            Invoice.objects.select_for_update()
            .filter(public_id=_uuid_or_none(event.invoice_public_id))
            .first()
        )
    outcome = _outcome_for(event, invoice)
    # Inserted before the payment: a concurrent duplicate blocks on this unique key and then
    # fails, so it can never reach the payment.
    ProviderEvent.objects.create(
        provider=provider_name,
        event_id=event.event_id,
        event_type=event.event_type,
        invoice=invoice,
        outcome=outcome,
    )
    if outcome == "recorded":
        _apply_payment(
            invoice,
            amount_cents=event.amount_cents,
            method=PaymentMethod.CARD,
            reference=f"{provider_name} {event.event_id}",
            received_on=center_today(),
            actor=None,
            event_id=event.event_id,
            money_already_taken=True,
        )
    return outcome


def _outcome_for(event: PaymentEvent, invoice: Invoice | None) -> str:
    if event.event_type != "checkout.session.completed" or not event.paid:
        return "ignored"
    if invoice is None:
        raise NotFound("The event names no invoice known here.")
    if invoice.status == InvoiceStatus.VOID:
        return "invoice void: refund the card payment"
    if event.currency != invoice.currency or event.amount_cents <= 0:
        return "amount mismatch"
    return "recorded"


def _uuid_or_none(value: str):

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
