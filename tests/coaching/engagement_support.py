"""Helpers of the engagements tests: hour packages bought through billing's real checkout and
paid by check, sessions held (or cancelled late) and counted by `services.hours.record_use`."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from django.utils import timezone

from socialrx.billing.services import payments
from socialrx.billing.services.checkout import Item, checkout
from socialrx.coaching.models import SessionStatus, UseReason
from socialrx.coaching.services import hours
from socialrx.core.calendar import center_today
from tests.coaching.factories import make_session

HOURS_CODE = "coaching.hours"
_starts = count(1)


def order_hours(engagement, admin, quantity: int):
    """The organization's admin checks out `quantity` hours, to be paid by invoice."""
    return checkout(
        actor=admin,
        buyer=engagement.organization,
        items=[Item(HOURS_CODE, engagement.public_id, quantity)],
        pay_by="invoice",
        billing_name="Accounts payable",
        billing_email="ap@example-health.org",
    )


def pay(invoice, staff):
    """Staff record a check for the invoice's whole total."""
    return payments.record_manual_payment(
        actor=staff,
        invoice=invoice,
        amount_cents=invoice.total_cents,
        method="check",
        reference=f"Check for {invoice.number}",
        received_on=center_today(),
    )


def buy_hours(engagement, admin, staff, quantity: int):
    """`quantity` hours ordered and paid: the package counts from now. Returns the invoice."""
    invoice = order_hours(engagement, admin, quantity)
    pay(invoice, staff)
    invoice.refresh_from_db()
    return invoice


def _past_start():
    """A distinct whole hour in the past for each session of a test run."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    return now - timedelta(days=30) + timedelta(hours=next(_starts))


def hold(engagement, minutes: int, *, actor=None, reason: str = UseReason.HELD):
    """A past session of `minutes` held (or cancelled late, missed), its minutes counted."""
    status = {
        UseReason.HELD: SessionStatus.HELD,
        UseReason.LATE_CANCEL: SessionStatus.LATE_CANCELLED,
        UseReason.NO_SHOW: SessionStatus.NO_SHOW,
    }[reason]
    session = make_session(engagement, starts_at=_past_start(), minutes=minutes, status=status)
    return hours.record_use(session, reason=reason, actor=actor)


def book_ahead(engagement, minutes: int, *, days: int = 3):
    """A session booked `days` ahead (its minutes are booked, not used)."""
    starts = (timezone.now() + timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
    return make_session(engagement, starts_at=starts, minutes=minutes)
