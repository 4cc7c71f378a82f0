from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


@shared_task
def email_invoice(*, invoice_id: int) -> None:
    """Email an issued invoice with its PDF to the billing contact."""
    from .models import Invoice  # noqa: PLC0415 - the services queue these tasks: a top-level import would be a cycle
    from .pdf import invoice_pdf  # noqa: PLC0415 - the services queue these tasks: a top-level import would be a cycle

    invoice = Invoice.objects.select_related("organization").filter(pk=invoice_id).first()
    if invoice is None or not invoice.billing_email:
        return
    context = {"invoice": invoice, "site_url": settings.SITE_URL}
    message = EmailMultiAlternatives(
        subject=render_to_string("membership/email/invoice_subject.txt", context).strip(),
        body=render_to_string("membership/email/invoice.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invoice.billing_email],
    )
    message.attach_alternative(
        render_to_string("membership/email/invoice.html", context), "text/html"
    )
    message.attach(f"{invoice.number}.pdf", invoice_pdf(invoice), "application/pdf")
    message.send()


@shared_task
def run_daily_renewals() -> dict:
    """Celery beat runs this daily; running it twice in a day changes nothing more."""
    from .services.lifecycle import run_renewals  # noqa: PLC0415 - the services queue these tasks: a top-level import would be a cycle

    return run_renewals()
