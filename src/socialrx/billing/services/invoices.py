"""Issuing and voiding invoices, and credit notes. Numbers are INV-<year>-<5 digits>, gapless
within a year. Selling apps issue through `issue_invoice` (their own flows, such as a
membership renewal) or through `checkout` (a buyer's purchase)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.calendar import center_today
from socialrx.core.email import single_line
from socialrx.core.errors import DomainError
from socialrx.core.money import format_cents
from socialrx.core.permissions import require

from ..models import (
    CreditNote,
    Hold,
    HoldStatus,
    Invoice,
    InvoiceLine,
    InvoiceSequence,
    InvoiceStatus,
    PaymentRoute,
)
from ..sellables import Quote, kind

PAYMENT_TERMS_DAYS = 30


@dataclass(frozen=True)
class Line:
    """A line to invoice: what is sold (kind and the sold object's public id) and its quote."""

    kind: str
    sold_public_id: UUID | None
    quote: Quote


def next_invoice_number(year: int) -> str:
    """Take the next number of `year` under a row lock: concurrent issuers queue here, so two
    invoices never share a number and a rolled-back issue gives its number back."""
    InvoiceSequence.objects.get_or_create(year=year)
    sequence = InvoiceSequence.objects.select_for_update().get(year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"INV-{year}-{sequence.last_number:05d}"


def buyer_fields(buyer) -> dict:
    """The invoice's buyer columns for an organization or a person."""
    from socialrx.organizations.models import Organization  # noqa: PLC0415 - kept beside its one use

    if isinstance(buyer, Organization):
        return {"organization": buyer, "person": None}
    if getattr(buyer, "is_authenticated", False):
        return {"organization": None, "person": buyer}
    raise DomainError("An invoice is made out to an organization or to a signed-in person.")


@transaction.atomic
def issue_invoice(
    *,
    buyer,
    lines: list[Line],
    billing_name: str,
    billing_email: str,
    actor=None,
    po_number: str = "",
    tax_exempt_note: str = "",
    route: str = PaymentRoute.INVOICE,
    issued_on: date | None = None,
    due_on: date | None = None,
    email: bool = True,
) -> Invoice:
    """Issue an invoice of `lines` to `buyer`, due net 30 (or on `due_on`), and email it once
    committed. Every line's kind must be registered."""
    if not lines:
        raise DomainError("An invoice needs at least one line.")
    for line in lines:
        kind(line.kind)  # refuses a kind nobody registered
        if line.quote.quantity < 1:
            raise DomainError("Each line needs a quantity of at least one.", field="quantity")
        if line.quote.discount_cents < 0 or line.quote.amount_cents < 0:
            raise DomainError("A discount cannot exceed the price.")
    total = sum(line.quote.amount_cents for line in lines)
    issued_on = issued_on or center_today()
    invoice = Invoice.objects.create(
        **buyer_fields(buyer),
        number=next_invoice_number(issued_on.year),
        route=route,
        issued_on=issued_on,
        due_on=due_on or issued_on + timedelta(days=PAYMENT_TERMS_DAYS),
        total_cents=total,
        billing_name=single_line(billing_name or str(buyer))[:150],
        billing_email=billing_email,
        po_number=po_number or "",
        tax_exempt_note=tax_exempt_note or "",
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice,
            kind=line.kind,
            sold_public_id=line.sold_public_id,
            description=line.quote.description[:255],
            quantity=line.quote.quantity,
            unit_price_cents=line.quote.unit_price_cents,
            discount_cents=line.quote.discount_cents,
            discount_reason=line.quote.discount_reason[:200],
            amount_cents=line.quote.amount_cents,
        )
        for line in lines
    )
    audit.record(
        actor=actor,
        action="billing.invoice.issued",
        target=invoice,
        after={
            "number": invoice.number,
            "total_cents": total,
            "kinds": sorted({line.kind for line in lines}),
            "buyer": str(buyer),
        },
    )
    if email:
        email_invoice_on_commit(invoice)
    return invoice


def email_invoice_on_commit(invoice: Invoice) -> None:
    from ..tasks import email_invoice  # noqa: PLC0415 - tasks import the services: a top-level import would be a cycle

    invoice_id = invoice.pk
    transaction.on_commit(lambda: email_invoice.delay(invoice_id=invoice_id))


def void(invoice: Invoice, *, reason: str, actor=None) -> Invoice:
    """Void a locked invoice that holds no money: its places are released and each selling app
    is told to cancel what it sold.
    For the selling apps' own flows (a membership cancelled); staff use `void_invoice`."""
    if invoice.status != InvoiceStatus.OPEN:
        raise DomainError(f"Invoice {invoice.number} is {invoice.get_status_display().lower()}.")
    if invoice.net_paid_cents > 0:
        raise DomainError("This invoice has payments recorded; issue a credit note instead.")
    # Delivered before its payment was reversed (a bounced check): voiding cancels the sale.
    invoice.status, invoice.void_reason, invoice.fulfilled_at = InvoiceStatus.VOID, reason, None
    invoice.save(update_fields=["status", "void_reason", "fulfilled_at"])
    release_holds(invoice, reason=reason)
    for line in invoice.lines.all():
        kind(line.kind).on_void(line)
    audit.record(
        actor=actor,
        action="billing.invoice.voided",
        target=invoice,
        before={"status": InvoiceStatus.OPEN},
        after={"status": InvoiceStatus.VOID, "reason": reason},
    )
    return invoice


def release_holds(invoice: Invoice, *, reason: str) -> int:
    return Hold.objects.filter(
        invoice=invoice, status__in=[HoldStatus.HELD, HoldStatus.RESERVED, HoldStatus.SOLD]
    ).update(status=HoldStatus.RELEASED, released_reason=reason[:200])


@transaction.atomic
def void_invoice(*, actor, invoice: Invoice, reason: str) -> Invoice:
    require(actor, "billing.manage_invoices")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Give a reason for voiding the invoice.", field="reason")
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    return void(invoice, reason=reason, actor=actor)


def add_credit_note(
    invoice: Invoice, *, amount_cents: int, reason: str, actor=None, line: InvoiceLine | None = None
) -> CreditNote:
    """Credit a locked invoice: it is owed less, or, once paid, the buyer holds a credit. A
    credit note on an open invoice that leaves nothing owed settles it."""
    if invoice.status == InvoiceStatus.VOID:
        raise DomainError(f"Invoice {invoice.number} is void; there is nothing to credit.")
    if amount_cents <= 0:
        raise DomainError("The credit must be more than zero.", field="amount")
    if amount_cents > invoice.owed_cents:
        raise DomainError(
            "A credit cannot exceed what the invoice still bills "
            f"({format_cents(invoice.owed_cents, invoice.currency)}).",
            field="amount",
        )
    note = CreditNote.objects.create(
        invoice=invoice, line=line, amount_cents=amount_cents, reason=reason, created_by=actor
    )
    before = {"credited_cents": invoice.credited_cents, "status": invoice.status}
    invoice.credited_cents += amount_cents
    invoice.save(update_fields=["credited_cents"])
    if mark_paid_if_settled(invoice):
        from .payments import fulfil  # noqa: PLC0415 - payments import this module

        fulfil(invoice)
    audit.record(
        actor=actor,
        action="billing.credit_note.issued",
        target=invoice,
        before=before,
        after={
            "credited_cents": invoice.credited_cents,
            "amount_cents": amount_cents,
            "reason": reason,
        },
    )
    return note


def mark_paid_if_settled(invoice: Invoice) -> bool:
    """An open invoice whose payments and credits cover it becomes paid. Returns True when it
    just became paid."""
    if invoice.status != InvoiceStatus.OPEN or invoice.balance_cents > 0:
        return False
    invoice.status = InvoiceStatus.PAID
    invoice.paid_at = timezone.now()
    invoice.save(update_fields=["status", "paid_at"])
    return True
