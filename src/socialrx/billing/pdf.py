"""Invoice, receipt and statement PDFs, rendered with WeasyPrint from HTML templates."""

from django.conf import settings
from django.template.loader import render_to_string

from socialrx.core.pdf import html_to_pdf


def remittance() -> dict:
    """Where and how to pay the center, and its tax id: printed on every invoice."""
    return {
        "payee": settings.BILLING_PAYEE,
        "remit_to": settings.BILLING_REMIT_TO,
        "ach": settings.BILLING_ACH_DETAILS,
        "tax_id": settings.BILLING_TAX_ID,
    }


def invoice_pdf(invoice) -> bytes:
    html = render_to_string(
        "billing/invoice_pdf.html",
        {
            "invoice": invoice,
            "lines": list(invoice.lines.all()),
            "payments": [p for p in invoice.payments.all() if not p.is_reversed],
            "credit_notes": list(invoice.credit_notes.all()),
            "refunds": list(invoice.refunds.all()),
            "remittance": remittance(),
        },
    )
    return html_to_pdf(html)


def receipt_pdf(invoice, payment=None) -> bytes:
    html = render_to_string(
        "billing/receipt_pdf.html",
        {
            "invoice": invoice,
            "payment": payment,
            "lines": list(invoice.lines.all()),
            "payments": [p for p in invoice.payments.all() if not p.is_reversed],
            "remittance": remittance(),
        },
    )
    return html_to_pdf(html)


def statement_pdf(statement) -> bytes:
    html = render_to_string(
        "billing/statement_pdf.html", {"statement": statement, "remittance": remittance()}
    )
    return html_to_pdf(html)
