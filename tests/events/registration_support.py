"""Helpers of the registration tests: attendee details, checking an order out through billing
(as billing's page runs it), and paying by check or by card (boot camps' helpers)."""

from __future__ import annotations

from socialrx.billing.services.checkout import Item, checkout
from socialrx.events.services.registration import AttendeeDetails
from tests.training.boot_camp_support import card, pay_by_card, pay_by_check  # noqa: F401


def details(*emails: str, **fields) -> list[AttendeeDetails]:
    """One attendee per email, named after it ("ana@x.org" -> "Ana")."""
    return [
        AttendeeDetails(full_name=email.split("@")[0].title(), email=email, **fields)
        for email in emails
    ]


def check_out(actor, order, *, buyer=None, pay_by: str = "invoice", quantity=None):
    return checkout(
        actor=actor,
        buyer=buyer or actor,
        items=[Item("events.ticket", order.public_id, quantity or order.quantity)],
        pay_by=pay_by,
        billing_name="Riverside Regional Medical Center",
        billing_email="ap@riverside.example",
        po_number="PO-7741" if pay_by == "invoice" else "",
    )
