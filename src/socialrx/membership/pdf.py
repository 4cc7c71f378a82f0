"""Invoice PDFs, rendered with WeasyPrint from an HTML template."""

from django.template.loader import render_to_string

from socialrx.core.pdf import html_to_pdf


def invoice_pdf(invoice) -> bytes:
    html = render_to_string(
        "membership/invoice_pdf.html",
        {
            "invoice": invoice,
            "lines": list(invoice.lines.all()),
            "payments": list(invoice.payments.all()),
        },
    )
    return html_to_pdf(html)
