from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from socialrx.core.tasks import MAX_RETRIES, deliver


def _send_with_pdf(task, invoice, *, template: str, filename: str, pdf: bytes) -> None:
    context = {"invoice": invoice, "site_url": settings.SITE_URL}
    message = EmailMultiAlternatives(
        subject=render_to_string(f"{template}_subject.txt", context).strip(),
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invoice.billing_email],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.attach(filename, pdf, "application/pdf")
    # Retried, and recorded for the staff's failed-email page when it cannot go.
    deliver(task, message, template=template, triggered_by_id=invoice.created_by_id)


def _invoice(invoice_id: int):
    from .models import Invoice  # noqa: PLC0415 - the services queue these tasks: a top-level import would be a cycle

    invoice = Invoice.objects.select_related("organization", "person").filter(pk=invoice_id)
    invoice = invoice.first()
    return invoice if invoice is not None and invoice.billing_email else None


@shared_task(bind=True, max_retries=MAX_RETRIES)
def email_invoice(self, *, invoice_id: int) -> None:
    """Email an issued invoice with its PDF to the billing contact."""
    from .pdf import invoice_pdf  # noqa: PLC0415 - the services queue these tasks: a top-level import would be a cycle

    invoice = _invoice(invoice_id)
    if invoice is not None:
        _send_with_pdf(
            self,
            invoice,
            template="billing/email/invoice",
            filename=f"{invoice.number}.pdf",
            pdf=invoice_pdf(invoice),
        )


@shared_task(bind=True, max_retries=MAX_RETRIES)
def email_receipt(self, *, invoice_id: int) -> None:
    """Email the receipt of a paid invoice (card, or nothing to pay) to the billing contact."""
    from .pdf import receipt_pdf  # noqa: PLC0415 - the services queue these tasks: a top-level import would be a cycle

    invoice = _invoice(invoice_id)
    if invoice is not None:
        _send_with_pdf(
            self,
            invoice,
            template="billing/email/receipt",
            filename=f"Receipt-{invoice.number}.pdf",
            pdf=receipt_pdf(invoice),
        )


@shared_task
def release_expired_holds() -> int:
    """Celery beat runs this every few minutes: abandoned card checkouts give their places back."""
    from .services.holds import release_expired_holds as release  # noqa: PLC0415 - the services queue these tasks: a top-level import would be a cycle

    return release()
