"""Recording payments: by check or ACH (staff), and by card (provider webhooks); reversing a
payment recorded in error; fulfilling an invoice once it is paid."""

from __future__ import annotations

import uuid
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.calendar import center_today
from socialrx.core.errors import DomainError, NotFound
from socialrx.core.money import format_cents
from socialrx.core.permissions import require

from ..models import Hold, HoldStatus, Invoice, InvoiceStatus, Payment, PaymentMethod, ProviderEvent
from ..payment_providers import (
    MAX_AMOUNT_CENTS,
    MAX_EVENT_ID_LENGTH,
    CheckoutSession,
    PaymentEvent,
    card_provider,
)
from ..sellables import kind
from .holds import EXPIRED_REASON, hold_ran_out
from .invoices import mark_paid_if_settled, void
from .late_payments import settle_late_card_payment


class NeedsConfirmation(DomainError):
    """Staff are about to do something unusual (an overpayment, a reference used before); the
    page asks them to confirm and sends the same payment again with the confirmation."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message, field=None, code=code)


def fulfil(invoice: Invoice) -> bool:
    """Tell each selling app that a paid invoice's lines are bought. Runs once per invoice
    (the locked row's `fulfilled_at` is the guard), whatever mix of webhooks, staff and
    browsers reports the payment."""
    if invoice.fulfilled_at is not None:
        return False
    invoice.fulfilled_at = timezone.now()
    invoice.save(update_fields=["fulfilled_at"])
    Hold.objects.filter(invoice=invoice, status__in=[HoldStatus.HELD, HoldStatus.RESERVED]).update(
        status=HoldStatus.SOLD, expires_at=None
    )
    for line in invoice.lines.all():
        kind(line.kind).on_paid(line)
    email_receipt_on_commit(invoice)
    return True


def email_receipt_on_commit(invoice: Invoice) -> None:
    from ..tasks import email_receipt  # noqa: PLC0415 - tasks import the services: a top-level import would be a cycle

    invoice_id = invoice.pk
    transaction.on_commit(lambda: email_receipt.delay(invoice_id=invoice_id))


def apply_payment(
    invoice: Invoice,
    *,
    amount_cents: int,
    method: str,
    reference: str,
    received_on: date,
    actor,
    event_id: str | None = None,
    provider_payment_id: str = "",
    money_already_taken: bool = False,
) -> Payment:
    """Add a payment to a locked invoice. Partial payments leave it open; once payments cover
    it, it is paid and fulfilled. An overpayment is kept as recorded and shown as a credit.
    Money a card provider already took is always recorded, even on a paid or void invoice."""
    if invoice.status == InvoiceStatus.VOID and not money_already_taken:
        raise DomainError(f"Invoice {invoice.number} is void and cannot be paid.")
    if invoice.status == InvoiceStatus.PAID and not money_already_taken:
        raise DomainError(f"Invoice {invoice.number} is already paid.")
    if amount_cents <= 0:
        raise DomainError("The amount must be more than zero.", field="amount")
    if amount_cents > MAX_AMOUNT_CENTS:
        raise DomainError(
            f"One payment can be at most {format_cents(MAX_AMOUNT_CENTS)}; record it in parts.",
            field="amount",
        )
    payment = Payment.objects.create(
        invoice=invoice,
        amount_cents=amount_cents,
        method=method,
        reference=reference,
        received_on=received_on,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        provider_event_id=event_id,
        provider_payment_id=provider_payment_id,
    )
    before = {"status": invoice.status, "paid_cents": invoice.paid_cents}
    invoice.paid_cents += amount_cents
    invoice.save(update_fields=["paid_cents"])
    just_paid = mark_paid_if_settled(invoice)
    audit.record(
        actor=actor,
        action="billing.payment.recorded",
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
    if just_paid:
        fulfil(invoice)
    return payment


def _duplicate_reference(invoice: Invoice, reference: str) -> Payment | None:
    if not reference:
        return None
    buyer = (
        {"invoice__organization_id": invoice.organization_id}
        if invoice.organization_id
        else {"invoice__person_id": invoice.person_id}
    )
    return (
        Payment.objects.filter(reference__iexact=reference, reversed_at__isnull=True, **buyer)
        .select_related("invoice")
        .first()
    )


@transaction.atomic
def record_manual_payment(
    *,
    actor,
    invoice: Invoice,
    amount_cents: int,
    method: str,
    reference: str,
    received_on: date,
    confirmed: bool = False,
) -> Payment:
    """Staff record a check or ACH payment against an invoice. An amount above the balance, or
    a reference this buyer used before, needs `confirmed` (the page asks first)."""
    require(actor, "billing.record_payments")
    if method not in {PaymentMethod.CHECK, PaymentMethod.ACH}:
        raise DomainError(
            "Record checks and ACH transfers here; cards are paid online.", field="method"
        )
    if received_on > center_today():
        raise DomainError("The payment date cannot be in the future.", field="received_on")
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if hold_ran_out(invoice):
        raise DomainError(
            f"The card checkout of {invoice.number} ran out of time and its places were "
            "released; the invoice is being voided. Ask the buyer to check out again."
        )
    reference = (reference or "").strip()
    if not confirmed and invoice.status == InvoiceStatus.OPEN:
        earlier = _duplicate_reference(invoice, reference)
        if earlier is not None:
            raise NeedsConfirmation(
                f"Reference {reference} was already recorded for this buyer: "
                f"${earlier.amount_cents / 100:,.2f} on {earlier.invoice.number} "
                f"({earlier.received_on:%b %-d, %Y}). Record it again only if it is a "
                "different payment.",
                code="duplicate_reference",
            )
        if amount_cents > invoice.balance_cents:
            raise NeedsConfirmation(
                f"${amount_cents / 100:,.2f} is more than the ${invoice.balance_cents / 100:,.2f} "
                f"still owed on {invoice.number}; the difference would be kept as a credit.",
                code="overpayment",
            )
    return apply_payment(
        invoice,
        amount_cents=amount_cents,
        method=method,
        reference=reference,
        received_on=received_on,
        actor=actor,
    )


@transaction.atomic
def reverse_payment(*, actor, payment: Payment, reason: str) -> Payment:
    """Undo a check or ACH payment recorded in error: it stays on record, marked reversed, and
    no longer counts as paid. What the invoice already fulfilled stays (staff decide)."""
    require(actor, "billing.record_payments")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Give a reason for reversing the payment.", field="reason")
    invoice = Invoice.objects.select_for_update().get(pk=payment.invoice_id)
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.is_reversed:
        raise DomainError("This payment was already reversed.")
    if payment.method == PaymentMethod.CARD:
        raise DomainError("A card payment is given back with a refund, not reversed.")
    if payment.amount_cents > invoice.net_paid_cents:
        raise DomainError("Part of this payment was refunded; it can no longer be reversed.")
    before = {"status": invoice.status, "paid_cents": invoice.paid_cents}
    payment.reversed_at = timezone.now()
    payment.reversed_by = actor
    payment.reversal_reason = reason
    payment.save(update_fields=["reversed_at", "reversed_by", "reversal_reason"])
    invoice.paid_cents -= payment.amount_cents
    fields = ["paid_cents"]
    if invoice.status == InvoiceStatus.PAID and invoice.balance_cents > 0:
        invoice.status, invoice.paid_at = InvoiceStatus.OPEN, None
        fields += ["status", "paid_at"]
    invoice.save(update_fields=fields)
    audit.record(
        actor=actor,
        action="billing.payment.reversed",
        target=invoice,
        before=before,
        after={
            "status": invoice.status,
            "paid_cents": invoice.paid_cents,
            "amount_cents": payment.amount_cents,
            "reference": payment.reference,
            "reason": reason,
        },
    )
    return payment


def start_card_checkout(
    *, actor, invoice: Invoice, success_url: str, cancel_url: str
) -> CheckoutSession:
    """The buyer pays the open balance by card on the provider's hosted page."""
    require(actor, "billing.pay_invoice", invoice)
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
        # A concurrent delivery of the same event won the unique key; anything else is a bug.
        if ProviderEvent.objects.filter(event_id=event.event_id).exists():
            return "duplicate"
        raise


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
    if invoice is not None and hold_ran_out(invoice):
        # Paid after its hold expired but before the sweep voided it: the places may be sold
        # to someone else by now, so it goes the late-payment way (taken again, or queued).
        void(invoice, reason=EXPIRED_REASON)
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
    if outcome == "amount mismatch":
        _needs_attention(invoice, event)
    if outcome in {"recorded", "recorded late"}:
        was_void = invoice.status == InvoiceStatus.VOID
        apply_payment(
            invoice,
            amount_cents=event.amount_cents,
            method=PaymentMethod.CARD,
            reference=f"{provider_name} {event.event_id}",
            received_on=center_today(),
            actor=None,
            event_id=event.event_id,
            provider_payment_id=event.payment_id,
            money_already_taken=True,
        )
        if was_void:
            outcome = settle_late_card_payment(invoice, fulfil=fulfil)
            ProviderEvent.objects.filter(event_id=event.event_id).update(outcome=outcome)
    return outcome


def _needs_attention(invoice: Invoice, event: PaymentEvent) -> None:
    """The provider took money we cannot record as it is (another currency): staff look."""
    invoice.attention = (
        f"A card payment of {event.amount_cents / 100:,.2f} {event.currency} (event "
        f"{event.event_id[:40]}) does not match the invoice: check it at the provider."
    )[:200]
    invoice.save(update_fields=["attention"])
    audit.record(
        actor=None,
        action="billing.invoice.needs_attention",
        target=invoice,
        after={"attention": invoice.attention},
    )


def _outcome_for(event: PaymentEvent, invoice: Invoice | None) -> str:
    if event.event_type != "checkout.session.completed" or not event.paid:
        return "ignored"
    if invoice is None:
        raise NotFound("The event names no invoice known here.")
    if event.currency != invoice.currency or event.amount_cents <= 0:
        return "amount mismatch"
    return "recorded late" if invoice.status == InvoiceStatus.VOID else "recorded"


def _uuid_or_none(value: str):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
