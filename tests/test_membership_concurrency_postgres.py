"""Money under real concurrency: invoice numbers and webhook idempotency on PostgreSQL."""

import pytest
from django.test import Client

from socialrx.billing import payment_providers
from socialrx.billing.models import Invoice, Payment, ProviderEvent
from socialrx.billing.payment_providers import StripeCheckout
from socialrx.membership.models import ChargeKind as InvoiceKind
from socialrx.membership.models import Membership
from tests.billing.webhook_signing import checkout_completed, stripe_signature
from tests.concurrency import require_postgres, run_at_once
from tests.factories import OrganizationFactory
from tests.membership.factories import issue_invoice, standard_plans

pytestmark = [pytest.mark.integration, pytest.mark.postgres]
WEBHOOK_SECRET = "whsec_concurrency"


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()
    yield
    payment_providers.use_provider_for_tests(None)


def a_membership() -> Membership:
    plan = standard_plans()["Medical Center"]
    organization = OrganizationFactory(licensed_beds=350)
    return Membership.objects.create(
        organization=organization, plan=plan, billing_email="ap@example-health.org"
    )


def test_fifty_invoices_issued_at_once_get_unique_gapless_numbers():
    membership = a_membership()

    results = run_at_once(
        50,
        lambda i: issue_invoice(
            membership=membership, kind=InvoiceKind.ADJUSTMENT, lines=[(f"Line {i}", 100 + i)]
        ),
    )

    assert [r for r in results if not isinstance(r, Invoice)] == []
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    year = results[0].issued_on.year
    assert numbers == [f"INV-{year}-{n:05d}" for n in range(1, 51)]


def test_the_same_webhook_event_delivered_twenty_times_at_once_records_one_payment():
    payment_providers.use_provider_for_tests(
        StripeCheckout(secret_key="sk_test_concurrency", webhook_secret=WEBHOOK_SECRET)
    )
    membership = a_membership()
    invoice = issue_invoice(
        membership=membership, kind=InvoiceKind.INITIAL, lines=[("Membership", 1_800_000)]
    )
    payload = checkout_completed(event_id="evt_concurrent_1", invoice=invoice)
    signature = stripe_signature(payload, WEBHOOK_SECRET)

    responses = run_at_once(
        20,
        lambda _: Client().post(
            "/webhooks/stripe/",
            payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature,
        ),
    )

    assert sorted({r.status_code for r in responses}) == [200]
    assert sorted(r.json()["outcome"] for r in responses) == ["duplicate"] * 19 + ["recorded"]
    assert Payment.objects.filter(invoice=invoice).count() == 1
    assert ProviderEvent.objects.filter(event_id="evt_concurrent_1").count() == 1
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_cents) == ("paid", 1_800_000)
    assert membership.periods.count() == 1
