"""The center's calendar day."""

from datetime import date

from django.utils import timezone


def center_today() -> date:
    """Today at the center (settings.TIME_ZONE). Periods, invoices, due dates, grace and
    benefits all go by this date, whatever zone the person at the screen has activated: the
    same payment must be dated the same day and start the same year whoever records it, and a
    member's benefits must end when the daily run lapses the membership, not hours earlier in
    Tokyo."""
    return timezone.localdate(timezone=timezone.get_default_timezone())
