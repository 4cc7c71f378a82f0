"""Billing under real concurrency on PostgreSQL, with the test-only kind "tests.workshop_seat":
places never oversold, a webhook recorded once, two refunds never exceeding what was paid.

The kind's registry is process-global, so the threads (each with its own connection) see it."""

import pytest
from django.test import Client
from django.urls import reverse

from socialrx.billing import payment_providers
from socialrx.billing.models import Hold, Invoice, Payment, ProviderEvent, Refund
from socialrx.billing.payment_providers import StripeCheckout
from socialrx.billing.services import refunds
from socialrx.billing.services.checkout import Item, checkout
from socialrx.core.errors import DomainError
from tests.billing.sample_kind import CODE, SampleKind
from tests.billing.stripe_stub import StubStripeHTTP
from tests.billing.webhook_signing import checkout_completed, stripe_signature
from tests.concurrency import require_postgres, run_at_once
from tests.factories import StaffFactory, UserFactory, give_mfa

pytestmark = [pytest.mark.integration, pytest.mark.postgres]
WEBHOOK_SECRET = "whsec_billing_concurrency"


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()
    yield
    payment_providers.use_provider_for_tests(None)


@pytest.fixture
def sample_kind():
    kind = SampleKind().install()
    yield kind
    SampleKind.uninstall()


@pytest.fixture
def card():
    http = StubStripeHTTP()
    payment_providers.use_provider_for_tests(
        StripeCheckout(
            secret_key="sk_test_concurrency", webhook_secret=WEBHOOK_SECRET, http_client=http
        )
    )
    return http


def buy(buyer, workshop, quantity: int, pay_by: str = "card") -> Invoice:
    return checkout(
        actor=buyer,
        buyer=buyer,
        items=[Item(CODE, workshop.public_id, quantity)],
        pay_by=pay_by,
        billing_name="Concurrent Buyer",
        billing_email="buyer@example-health.org",
    )


def post_webhook(payload: bytes, signature: str):
    return Client().post(
        reverse("billing:stripe_webhook"),
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )


def test_twenty_card_checkouts_at_once_for_five_places_sell_exactly_five(sample_kind, card):
    workshop = sample_kind.add(places=5)
    buyers = [UserFactory() for _ in range(20)]

    results = run_at_once(20, lambda i: buy(buyers[i], workshop, 1))

    sold = [r for r in results if isinstance(r, Invoice)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert [r for r in results if not isinstance(r, Invoice | DomainError)] == []
    assert (len(sold), len(refused)) == (5, 15)
    assert {error.message for error in refused} == {"Workshop seat: sold out."}
    assert {error.code for error in refused} == {"sold_out"}
    assert Invoice.objects.count() == 5
    assert sorted(Hold.objects.values_list("status", "quantity")) == [("held", 1)] * 5
    assert set(Hold.objects.values_list("invoice_id", flat=True)) == {i.pk for i in sold}
    # The numbers were taken without gaps by the five that sold, none by the refused.
    year = sold[0].issued_on.year
    assert sorted(Invoice.objects.values_list("number", flat=True)) == [
        f"INV-{year}-{n:05d}" for n in range(1, 6)
    ]
    # Never a sixth.
    with pytest.raises(DomainError, match="sold out"):
        buy(UserFactory(), workshop, 1)


def test_the_same_webhook_delivered_twenty_times_at_once_records_one_payment(sample_kind, card):
    workshop = sample_kind.add(places=5)
    invoice = buy(UserFactory(), workshop, 2)
    line = invoice.lines.get()
    payload = checkout_completed(event_id="evt_concurrent_seat", invoice=invoice)
    signature = stripe_signature(payload, WEBHOOK_SECRET)

    responses = run_at_once(20, lambda _: post_webhook(payload, signature))

    assert [r for r in responses if isinstance(r, Exception)] == []
    assert sorted({r.status_code for r in responses}) == [200]
    assert sorted(r.json()["outcome"] for r in responses) == ["duplicate"] * 19 + ["recorded"]
    assert Payment.objects.filter(invoice=invoice).count() == 1
    assert ProviderEvent.objects.filter(event_id="evt_concurrent_seat").count() == 1
    assert sample_kind.paid == [line.pk]
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_cents) == ("paid", 90_000)
    assert Hold.objects.get(invoice=invoice).status == "sold"


def test_two_refunds_racing_for_the_whole_payment_refund_it_once(sample_kind, card):
    staff = StaffFactory()
    give_mfa(staff)
    workshop = sample_kind.add(places=5)
    invoice = buy(UserFactory(), workshop, 2)
    payload = checkout_completed(event_id="evt_refund_race", invoice=invoice)
    assert post_webhook(payload, stripe_signature(payload, WEBHOOK_SECRET)).status_code == 200
    line = invoice.lines.get()

    results = run_at_once(
        2,
        lambda i: refunds.refund(
            actor=staff,
            invoice=invoice,
            amount_cents=90_000,
            reason=f"Cancelled (clerk {i})",
            method="card",
        ),
    )

    refunded = [r for r in results if isinstance(r, Refund)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert (len(refunded), len(refused)) == (1, 1)
    assert refused[0].message == "At most $0.00 of this line can still be refunded."
    assert Refund.objects.count() == 1
    refund_calls = [r for r in card.requests if r["url"].endswith("/v1/refunds")]
    assert len(refund_calls) == 1
    assert sample_kind.refunded == [(line.pk, 90_000)]
    invoice.refresh_from_db()
    assert (invoice.refunded_cents, invoice.net_paid_cents) == (90_000, 0)
