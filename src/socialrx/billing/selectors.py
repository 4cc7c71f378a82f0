"""Reading invoices, payments and revenue: for buyers (their own), and for the center's staff."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from socialrx.core.calendar import center_today
from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed

from .models import Invoice, InvoiceLine, InvoiceStatus, Payment, Refund
from .payment_providers import card_provider
from .sellables import all_kinds, label_of


def _with_parts(invoices: QuerySet[Invoice]) -> QuerySet[Invoice]:
    return invoices.select_related("organization", "person").prefetch_related(
        "lines",
        Prefetch("payments", queryset=Payment.objects.order_by("received_on", "pk")),
        "credit_notes",
        "refunds",
    )


def card_payment_available() -> bool:
    """Whether buyers can pay by card here (a payment provider is configured)."""
    return card_provider() is not None


def invoices_of(buyer) -> QuerySet[Invoice]:
    """Everything a buyer (an organization or a person) was invoiced, newest first."""
    from socialrx.organizations.models import Organization  # noqa: PLC0415 - kept beside its one use

    key = {"organization": buyer} if isinstance(buyer, Organization) else {"person": buyer}
    return _with_parts(Invoice.objects.filter(**key)).order_by("-issued_on", "-number")


def invoice_for(user, public_id) -> Invoice:
    """The invoice if `user` may see it (its buyer, its organization's admins, staff)."""
    invoice = _with_parts(Invoice.objects.filter(public_id=public_id)).first()
    if invoice is None or not allowed(user, "billing.view_invoice", invoice):
        raise NotFound("Invoice not found.")
    return invoice


def payment_for(user, public_id) -> Payment:
    payment = (
        Payment.objects.select_related("invoice__organization", "invoice__person")
        .filter(public_id=public_id)
        .first()
    )
    if payment is None or not allowed(user, "billing.view_invoice", payment.invoice):
        raise NotFound("Payment not found.")
    return payment


@dataclass
class StatementEntry:
    day: date
    description: str
    charge_cents: int = 0
    credit_cents: int = 0
    balance_cents: int = 0
    invoice: Invoice | None = None


@dataclass
class Statement:
    """An account statement: every invoice, payment, refund and credit, with a running balance
    (positive: the buyer owes the center; negative: the center holds a credit)."""

    buyer_name: str
    generated_on: date
    entries: list[StatementEntry] = field(default_factory=list)

    @property
    def balance_cents(self) -> int:
        return self.entries[-1].balance_cents if self.entries else 0

    @property
    def open_invoices(self) -> list[Invoice]:
        seen = {}
        for entry in self.entries:
            if entry.invoice is not None and entry.invoice.status == InvoiceStatus.OPEN:
                seen[entry.invoice.pk] = entry.invoice
        return list(seen.values())


def statement_of(buyer, *, invoices=None, today: date | None = None) -> Statement:
    """Built from the buyer's invoices with their parts (`invoices_of`, five queries whatever
    the history's length; pass them when the page has them already)."""
    invoices = invoices_of(buyer) if invoices is None else invoices
    invoices = [i for i in invoices if i.status != InvoiceStatus.VOID or i.paid_cents]
    entries: list[StatementEntry] = []
    for invoice in invoices:
        if invoice.status != InvoiceStatus.VOID:
            entries.append(
                StatementEntry(
                    invoice.issued_on,
                    f"Invoice {invoice.number}",
                    charge_cents=invoice.total_cents,
                    invoice=invoice,
                )
            )
        for payment in invoice.payments.all():
            if not payment.is_reversed:
                entries.append(
                    StatementEntry(
                        payment.received_on,
                        f"Payment by {payment.get_method_display()}"
                        + (
                            f" {payment.reference}"
                            if payment.reference and payment.method != "card"
                            else ""
                        )
                        + f" — {invoice.number}",
                        credit_cents=payment.amount_cents,
                        invoice=invoice,
                    )
                )
        for note in invoice.credit_notes.all():
            entries.append(
                StatementEntry(
                    note.created_at.date(),
                    f"Credit note — {invoice.number}",
                    credit_cents=note.amount_cents,
                    invoice=invoice,
                )
            )
        for refund in invoice.refunds.all():
            if refund.line_id is not None:  # the line is un-sold: billed that much less
                entries.append(
                    StatementEntry(
                        refund.created_at.date(),
                        f"Refunded purchase — {invoice.number}",
                        credit_cents=refund.amount_cents,
                        invoice=invoice,
                    )
                )
            entries.append(
                StatementEntry(
                    refund.created_at.date(),
                    f"Refund paid by {refund.get_method_display()} — {invoice.number}",
                    charge_cents=refund.amount_cents,
                    invoice=invoice,
                )
            )
    entries.sort(key=lambda entry: entry.day)  # stable: an invoice's own order within a day
    balance = 0
    for entry in entries:
        balance += entry.charge_cents - entry.credit_cents
        entry.balance_cents = balance
    return Statement(buyer_name=str(buyer), generated_on=today or center_today(), entries=entries)


# --- staff ----------------------------------------------------------------------------------


def invoices_list(
    *, state: str = "", kind: str = "", today: date | None = None, query: str = ""
) -> QuerySet[Invoice]:
    """Staff's invoice list: open, overdue (open past due), paid, void, needing attention."""
    today = today or center_today()
    invoices = Invoice.objects.select_related("organization", "person").order_by(
        "-issued_on", "-number"
    )
    if state == "overdue":
        invoices = invoices.filter(status=InvoiceStatus.OPEN, due_on__lt=today)
    elif state == "attention":
        invoices = invoices.exclude(attention="")
    elif state:
        invoices = invoices.filter(status=state)
    if kind:
        invoices = invoices.filter(
            pk__in=InvoiceLine.objects.filter(kind=kind).values("invoice_id")
        )
    if query:
        invoices = invoices.filter(
            Q(number__icontains=query)
            | Q(billing_name__icontains=query)
            | Q(organization__name__icontains=query)
            | Q(po_number__icontains=query)
        )
    return invoices


def payments_list(*, query: str = "", method: str = "") -> QuerySet[Payment]:
    payments = Payment.objects.select_related("invoice", "recorded_by").order_by(
        "-received_on", "-pk"
    )
    if method:
        payments = payments.filter(method=method)
    if query:
        payments = payments.filter(
            Q(reference__icontains=query)
            | Q(invoice__number__icontains=query)
            | Q(invoice__billing_name__icontains=query)
        )
    return payments


def unapplied_payments() -> QuerySet[Invoice]:
    """Invoices holding money they do not bill: overpaid, paid after being voided, or waiting
    for staff to seat or refund a late payment."""
    held = F("paid_cents") - F("refunded_cents")
    return (
        Invoice.objects.filter(
            Q(attention__gt="")
            | Q(status=InvoiceStatus.VOID, paid_cents__gt=F("refunded_cents"))
            | Q(~Q(status=InvoiceStatus.VOID), **{"total_cents__lt": held + F("credited_cents")})
        )
        .select_related("organization", "person")
        .order_by("-issued_on", "-number")
    )


@dataclass(frozen=True)
class RevenueMonth:
    month: date
    invoiced_cents: int
    paid_cents: int
    refunded_cents: int
    outstanding_cents: int  # of the invoices issued that month, what is still owed today

    @property
    def net_paid_cents(self) -> int:
        return self.paid_cents - self.refunded_cents


def revenue_by_month(*, months: int = 12, today: date | None = None) -> list[RevenueMonth]:
    """Invoiced (by issue date), paid (by payment date, reversals left out), refunded and still
    outstanding, per month for the last `months` months, oldest first, empty months as zero."""
    today = today or center_today()
    first = _months_back(today.replace(day=1), months - 1)
    invoiced = _monthly(
        Invoice.objects.exclude(status=InvoiceStatus.VOID).filter(issued_on__gte=first),
        "issued_on",
        "total_cents",
    )
    outstanding = _monthly(
        Invoice.objects.filter(status=InvoiceStatus.OPEN, issued_on__gte=first),
        "issued_on",
        "total_cents",
        minus=("paid_cents", "credited_cents"),
        plus="refunded_cents",
    )
    paid = _monthly(
        Payment.objects.filter(received_on__gte=first, reversed_at__isnull=True),
        "received_on",
        "amount_cents",
    )
    refunded = _monthly(
        Refund.objects.filter(created_at__date__gte=first), "created_at", "amount_cents"
    )
    return [
        RevenueMonth(
            month,
            invoiced.get(month, 0),
            paid.get(month, 0),
            refunded.get(month, 0),
            max(outstanding.get(month, 0), 0),
        )
        for month in (_months_back(first, -i) for i in range(months))
    ]


def revenue_by_kind(*, months: int = 12, today: date | None = None) -> list[dict]:
    """Invoiced amounts per sellable kind and month (by issue date), void invoices left out."""
    today = today or center_today()
    first = _months_back(today.replace(day=1), months - 1)
    rows = (
        InvoiceLine.objects.filter(invoice__issued_on__gte=first)
        .exclude(invoice__status=InvoiceStatus.VOID)
        .annotate(month=TruncMonth("invoice__issued_on"))
        .values("kind", "month")
        .annotate(total=Sum("amount_cents"))
        .order_by("kind", "month")
    )
    return [
        {
            "kind": row["kind"],
            "label": label_of(row["kind"]),
            "month": _as_date(row["month"]),
            "cents": row["total"],
        }
        for row in rows
    ]


def _monthly(queryset, date_field: str, amount_field: str, *, minus=(), plus=None) -> dict:
    rows = queryset.annotate(month=TruncMonth(date_field)).values("month")
    aggregates = {"total": Sum(amount_field)}
    for name in minus:
        aggregates[f"minus_{name}"] = Sum(name)
    if plus:
        aggregates["plus"] = Sum(plus)
    totals = {}
    for row in rows.annotate(**aggregates):
        value = row["total"] or 0
        value -= sum(row[f"minus_{name}"] or 0 for name in minus)
        value += (row.get("plus") or 0) if plus else 0
        totals[_as_date(row["month"])] = totals.get(_as_date(row["month"]), 0) + value
    return totals


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _months_back(month: date, count: int) -> date:
    index = month.year * 12 + (month.month - 1) - count
    return date(index // 12, index % 12 + 1, 1)


def upcoming_sales(*, days: int = 90) -> list:
    """What the selling apps expect to invoice soon (renewals due…), from their `upcoming`."""
    expected = []
    for sellable in all_kinds().values():
        upcoming = sellable.extra.get("upcoming")
        if upcoming is not None:
            expected.extend(upcoming(days))
    return sorted(expected, key=lambda sale: (sale.due_on, sale.buyer_name))
