"""Dates of the demo's story. The services date what they write now; the demo then moves each
row to the day the story has it happen, so the pages show weeks of activity."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from socialrx.billing.models import Invoice, Payment
from socialrx.billing.services.invoices import PAYMENT_TERMS_DAYS
from socialrx.core.calendar import center_today


def days_ago(days: int, hour: int = 10, minute: int = 0) -> datetime:
    """`hour`:`minute` at the center, `days` days before today."""
    day = center_today() - timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def date_invoice(invoice_id: int | None, issued_on: date, paid_on: date | None = None) -> None:
    """An invoice issued (due net 30) and, when paid, paid on the story's days."""
    if invoice_id is None:
        return
    Invoice.objects.filter(pk=invoice_id).update(
        issued_on=issued_on, due_on=issued_on + timedelta(days=PAYMENT_TERMS_DAYS)
    )
    if paid_on is not None:
        paid_at = timezone.make_aware(datetime.combine(paid_on, time(14)))
        Invoice.objects.filter(pk=invoice_id, paid_at__isnull=False).update(paid_at=paid_at)
        Invoice.objects.filter(pk=invoice_id, fulfilled_at__isnull=False).update(
            fulfilled_at=paid_at
        )
        Payment.objects.filter(invoice_id=invoice_id).update(received_on=paid_on)
