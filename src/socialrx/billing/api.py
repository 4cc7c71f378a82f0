"""Invoices and receipts over the API: a person's and their organizations' own, and the staff's
invoice list."""

from datetime import date
from uuid import UUID

from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field

from socialrx.core.api_errors import documented
from socialrx.core.permissions import require
from socialrx.organizations.selectors import organization_for

from . import selectors
from .models import Invoice

router = Router()


class LineOut(Schema):
    kind: str
    sold_public_id: UUID | None
    description: str
    quantity: int
    unit_price_cents: int
    discount_cents: int
    discount_reason: str
    amount_cents: int


class ReceiptOut(Schema):
    public_id: UUID
    received_on: date
    method: str
    amount_cents: int
    receipt_url: str

    @staticmethod
    def resolve_receipt_url(payment) -> str:
        return reverse("billing:receipt_pdf", args=[payment.public_id])


class InvoiceOut(Schema):
    public_id: UUID
    number: str
    buyer: str
    status: str
    issued_on: date
    due_on: date
    currency: str
    total_cents: int
    paid_cents: int
    refunded_cents: int
    credited_cents: int
    balance_cents: int
    po_number: str
    pdf_url: str
    lines: list[LineOut]
    receipts: list[ReceiptOut]

    @staticmethod
    def resolve_buyer(invoice: Invoice) -> str:
        return invoice.billing_name

    @staticmethod
    def resolve_pdf_url(invoice: Invoice) -> str:
        return reverse("billing:invoice_pdf", args=[invoice.public_id])

    @staticmethod
    def resolve_lines(invoice: Invoice) -> list:
        return list(invoice.lines.all())

    @staticmethod
    def resolve_receipts(invoice: Invoice) -> list:
        return [p for p in invoice.payments.all() if not p.is_reversed]


class StaffFilters(Schema):
    state: str = Field("", pattern="^(|open|overdue|paid|void|attention)$")
    q: str = Field("", max_length=100, pattern=r"^[^\x00]*$", description="No NUL character.")
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


@router.get(
    "/invoices/mine",
    **documented(list[InvoiceOut], 401, 403),
    summary="My invoices and receipts (bought in my own name)",
)
def my_invoices(request):
    return list(selectors.invoices_of(request.user))


@router.get(
    "/organizations/{public_id}/invoices",
    **documented(list[InvoiceOut], 401, 403, 404, 422),
    summary="An organization's invoices and receipts (its admins and center staff)",
)
def organization_invoices(request, public_id: UUID):
    organization = organization_for(request.user, public_id, "billing.view_org_billing")
    return list(selectors.invoices_of(organization))


@router.get(
    "/invoices",
    **documented(list[InvoiceOut], 401, 403, 422),
    summary="Every invoice, filtered (center staff)",
)
def staff_invoices(request, filters: Query[StaffFilters]):
    require(request.user, "billing.record_payments")
    found = selectors.invoices_list(state=filters.state, query=filters.q).prefetch_related(
        "lines", "payments"
    )
    return list(found[filters.offset : filters.offset + filters.limit])
