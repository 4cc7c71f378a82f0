"""Helpers of the boot camp tests: checking out a booking through billing, paying it by check or
by card (a provider event, as Stripe's webhook delivers it), and a stubbed card provider."""

from __future__ import annotations

import pytest

from socialrx.billing import payment_providers
from socialrx.billing.payment_providers import PaymentEvent, StripeCheckout
from socialrx.billing.services.checkout import Item, checkout
from socialrx.billing.services.payments import handle_provider_event, record_manual_payment
from socialrx.core.calendar import center_today
from tests.billing.stripe_stub import StubStripeHTTP


@pytest.fixture
def card():
    """Card payments through Stripe, its HTTP stubbed."""
    http = StubStripeHTTP()
    payment_providers.use_provider_for_tests(
        StripeCheckout(secret_key="sk_test_boot_camp", webhook_secret="whsec_bc", http_client=http)
    )
    yield http
    payment_providers.use_provider_for_tests(None)


def check_out(actor, booking, *, buyer=None, pay_by: str = "invoice", quantity=None):
    """The booking's checkout, as billing's page runs it."""
    if quantity is None:
        quantity = booking.registrations.filter(status="pending").count()
    return checkout(
        actor=actor,
        buyer=buyer or actor,
        items=[Item("training.seat", booking.public_id, quantity)],
        pay_by=pay_by,
        billing_name="Riverside Regional Medical Center",
        billing_email="ap@riverside.example",
    )


def pay_by_check(staff, invoice, reference: str = "1001"):
    return record_manual_payment(
        actor=staff,
        invoice=invoice,
        amount_cents=invoice.balance_cents,
        method="check",
        reference=reference,
        received_on=center_today(),
    )


def pay_by_card(invoice, event_id: str = "evt_boot_camp_1", amount_cents=None) -> str:
    """Stripe reports the hosted checkout of `invoice` paid."""
    return handle_provider_event(
        PaymentEvent(
            event_id=event_id,
            event_type="checkout.session.completed",
            invoice_public_id=str(invoice.public_id),
            amount_cents=invoice.balance_cents if amount_cents is None else amount_cents,
            currency="USD",
            paid=True,
            payment_id=f"pi_{event_id}",
        ),
        provider_name="stripe",
    )
