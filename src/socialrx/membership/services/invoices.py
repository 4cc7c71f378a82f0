"""Issuing and voiding invoices. Numbers are INV-<year>-<5 digits>, gapless within a year."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require

from ..models import (
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceSequence,
    InvoiceStatus,
    Membership,
    Plan,
)
from ..models.memberships import center_today

PAYMENT_TERMS_DAYS = 30


def next_invoice_number(year: int) -> str:
    """Take the next number of `year` under a row lock: concurrent issuers queue here, so two
    invoices never share a number and a rolled-back issue gives its number back."""
    InvoiceSequence.objects.get_or_create(year=year)
    sequence = InvoiceSequence.objects.select_for_update().get(year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"INV-{year}-{sequence.last_number:05d}"


@transaction.atomic
def issue_invoice(
    *,
    membership: Membership,
    kind: str,
    lines: list[tuple[str, int]],
    actor=None,
    issued_on: date | None = None,
    due_on: date | None = None,
    period: tuple[date, date] | None = None,
    plan: Plan | None = None,
) -> Invoice:
    """Issue an invoice of `lines` (description, cents) to the membership's billing contact,
    due net 30 (or on `due_on`), for `plan` (by default the membership's), and email it once
    committed."""
    if not lines:
        raise DomainError("An invoice needs at least one line.")
    total = sum(amount for _, amount in lines)
    if total < 0:
        raise DomainError("An invoice total cannot be negative; issue a credit note instead.")
    issued_on = issued_on or center_today()
    invoice = Invoice.objects.create(
        number=next_invoice_number(issued_on.year),
        organization=membership.organization,
        membership=membership,
        plan=plan or membership.plan,
        kind=kind,
        issued_on=issued_on,
        due_on=due_on or issued_on + timedelta(days=PAYMENT_TERMS_DAYS),
        total_cents=total,
        billing_name=membership.billing_contact_name or str(membership.organization),
        billing_email=membership.billing_email,
        po_number=membership.po_number,
        period_starts_on=period[0] if period else None,
        period_ends_on=period[1] if period else None,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(invoice=invoice, description=text, unit_price_cents=amount, amount_cents=amount)
        for text, amount in lines
    )
    audit.record(
        actor=actor,
        action="membership.invoice.issued",
        target=invoice,
        after={"number": invoice.number, "total_cents": total, "kind": kind},
    )
    _email_invoice_on_commit(invoice)
    return invoice


def _email_invoice_on_commit(invoice: Invoice) -> None:
    from ..tasks import email_invoice  # noqa: PLC0415 - tasks import the services: a top-level import would be a cycle

    invoice_id = invoice.pk
    transaction.on_commit(lambda: email_invoice.delay(invoice_id=invoice_id))


@transaction.atomic
def issue_adjustment_invoice(*, actor, membership: Membership, description: str, amount_cents: int):
    """Staff bill a difference, for example after an organization grew into a larger band."""

    require(actor, "membership.manage_memberships")
    description = (description or "").strip()
    if not description:
        raise DomainError("Describe what the adjustment is for.", field="description")
    if amount_cents <= 0:
        raise DomainError("The amount must be more than zero.", field="amount")
    return issue_invoice(
        membership=membership,
        kind=InvoiceKind.ADJUSTMENT,
        lines=[(description, amount_cents)],
        actor=actor,
    )


@transaction.atomic
def void_invoice(*, actor, invoice: Invoice, reason: str) -> Invoice:

    require(actor, "membership.record_payments")
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status != InvoiceStatus.OPEN:
        raise DomainError(f"Invoice {invoice.number} is {invoice.get_status_display().lower()}.")
    if invoice.paid_cents:
        raise DomainError("This invoice has payments recorded; issue a credit note instead.")
    if not (reason or "").strip():
        raise DomainError("Give a reason for voiding the invoice.", field="reason")
    invoice.status = InvoiceStatus.VOID
    invoice.void_reason = reason.strip()
    invoice.save(update_fields=["status", "void_reason"])
    audit.record(
        actor=actor,
        action="membership.invoice.voided",
        target=invoice,
        before={"status": InvoiceStatus.OPEN},
        after={"status": InvoiceStatus.VOID, "reason": invoice.void_reason},
    )
    return invoice
