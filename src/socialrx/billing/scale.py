"""Scale data of billing, for `socialrx seed-scale` (see `socialrx.core.scale`): the invoice
book the selling apps invoice through.

Billing sells nothing of its own: as with `issue_invoice`, the apps that sell (membership's
years) say what to invoice and billing writes the invoices, their lines and the payments that
settled them, numbered INV-<year>-<5 digits> without gaps within a year (continuing any number
already taken, as `InvoiceSequence` expects), and reports once every app has loaded.

Puts: "invoice_book" (an `InvoiceBook`)."""

from __future__ import annotations

import time as clock
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from socialrx.core.scale import (
    EMAIL_DOMAIN,
    ScaleContext,
    ScaleData,
    ScaleReport,
    delete_all,
    random_uuid,
)

from .models import (
    CreditNote,
    Hold,
    Invoice,
    InvoiceLine,
    InvoiceSequence,
    InvoiceStatus,
    Payment,
    PaymentMethod,
    PaymentRoute,
    Refund,
)
from .sellables import kind
from .services.invoices import PAYMENT_TERMS_DAYS, Line


class InvoiceBook:
    """Issue invoices in the order of their dates: numbers follow the order of issue."""

    def __init__(self, context: ScaleContext):
        self.rng = context.random("billing.invoices")
        self.invoices = context.writer(
            Invoice,
            (
                "public_id", "number", "organization", "status", "route", "issued_on", "due_on",
                "total_cents", "paid_cents", "billing_name", "billing_email", "po_number",
                "tax_exempt_note", "paid_at", "fulfilled_at", "created_at",
            ),
        )  # fmt: skip
        self.lines = context.writer(
            InvoiceLine,
            (
                "invoice", "kind", "sold_public_id", "description", "quantity",
                "unit_price_cents", "discount_cents", "discount_reason", "amount_cents",
            ),
        )  # fmt: skip
        self.payments = context.writer(
            Payment,
            ("public_id", "invoice", "amount_cents", "method", "reference", "received_on"),
        )
        self.last_number = dict(InvoiceSequence.objects.values_list("year", "last_number"))
        self.seconds = 0.0

    def issue(
        self,
        *,
        organization_id: int,
        lines: list[Line],
        issued_on: date,
        billing_name: str,
        billing_email: str,
        po_number: str = "",
        tax_exempt_note: str = "",
        due_on: date | None = None,
        paid_on: date | None = None,
        method: str = PaymentMethod.CHECK,
    ) -> int:
        """Write an invoice of `lines` to the organization, paid in full on `paid_on` (by
        `method`) or open; returns its id."""
        started = clock.perf_counter()
        for line in lines:
            kind(line.kind)  # refuses a kind nobody registered, as issue_invoice does
        year = issued_on.year
        self.last_number[year] = self.last_number.get(year, 0) + 1
        total = sum(line.quote.amount_cents for line in lines)
        paid_at = _at(paid_on, 16) if paid_on else None
        invoice_id = self.invoices.add(
            random_uuid(self.rng),
            f"INV-{year}-{self.last_number[year]:05d}",
            organization_id,
            InvoiceStatus.PAID if paid_on else InvoiceStatus.OPEN,
            PaymentRoute.INVOICE,
            issued_on,
            due_on or issued_on + timedelta(days=PAYMENT_TERMS_DAYS),
            total,
            total if paid_on else 0,
            billing_name[:150],
            billing_email,
            po_number,
            tax_exempt_note,
            paid_at,
            paid_at,
            _at(issued_on, 9),
        )
        for line in lines:
            quote = line.quote
            self.lines.add(
                invoice_id,
                line.kind,
                line.sold_public_id,
                quote.description[:255],
                quote.quantity,
                quote.unit_price_cents,
                quote.discount_cents,
                quote.discount_reason[:200],
                quote.amount_cents,
            )
        if paid_on and total:
            reference = (
                f"ACH-{paid_on:%Y%m%d}-{self.rng.randrange(10**5):05d}"
                if method == PaymentMethod.ACH
                else str(self.rng.randrange(1_000, 99_999))
            )
            self.payments.add(random_uuid(self.rng), invoice_id, total, method, reference, paid_on)
        self.seconds += clock.perf_counter() - started
        return invoice_id

    def close(self) -> ScaleReport:
        """Keep the last number of each year, so the next invoice issued follows on."""
        started = clock.perf_counter()
        for year, last_number in sorted(self.last_number.items()):
            InvoiceSequence.objects.update_or_create(
                year=year, defaults={"last_number": last_number}
            )
        counts = {
            "invoices": self.invoices.count,
            "lines": self.lines.count,
            "payments": self.payments.count,
        }
        seconds = self.seconds + clock.perf_counter() - started
        return ScaleReport(counts, "billing", seconds)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed(context: ScaleContext) -> None:
    book = context.put("invoice_book", InvoiceBook(context))
    context.at_end(book.close)


def _generated():
    return Invoice.objects.filter(
        organization__isnull=False, billing_email__endswith=f"@{EMAIL_DOMAIN}"
    )


SCALE = ScaleData(
    seed=seed,
    foreign_rows=lambda: {
        "invoices": Invoice.objects.count() - _generated().count(),
    },
    loaded_rows=lambda: {"invoices": _generated().count()},
    clear=lambda: delete_all(
        Hold, CreditNote, Refund, Payment, InvoiceLine, Invoice, InvoiceSequence
    ),
)
