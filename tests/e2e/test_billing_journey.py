"""Browser journey: a person with no organization buys two seats of a workshop (the test-only
kind "tests.workshop_seat", which billing knows only through its registry) on the one
checkout page, pays by card on the provider's test-mode hosted page, comes back to a paid
invoice and downloads the receipt. The selling kind is told of the payment exactly once."""

import re
import urllib.request

import pytest
from playwright.sync_api import expect

from socialrx.billing import payment_providers
from socialrx.billing.models import Invoice, Payment
from socialrx.billing.payment_providers import StripeCheckout
from tests.billing.sample_kind import CODE, SampleKind
from tests.billing.stripe_stub import CHECKOUT_URL, StubStripeHTTP
from tests.billing.webhook_signing import checkout_completed, stripe_signature
from tests.factories import UserFactory

from .browser import assert_accessible, login

pytestmark = pytest.mark.e2e
WEBHOOK_SECRET = "whsec_billing_journey"


@pytest.fixture
def sample_kind():
    """The test-only sellable kind, registered for one test (the live server runs in this
    process, so it sells it too)."""
    kind = SampleKind().install()
    yield kind
    SampleKind.uninstall()


@pytest.fixture
def stripe_http():
    """Stripe with its HTTP stubbed, as the card provider for this test only."""
    http = StubStripeHTTP()
    payment_providers.use_provider_for_tests(
        StripeCheckout(
            secret_key="sk_test_billing_journey", webhook_secret=WEBHOOK_SECRET, http_client=http
        )
    )
    yield http
    payment_providers.use_provider_for_tests(None)


def deliver_webhook(base_url: str, invoice: Invoice) -> None:
    """What Stripe does once the card is charged: a signed POST to the webhook."""
    payload = checkout_completed(event_id="evt_billing_journey_1", invoice=invoice)
    request = urllib.request.Request(
        f"{base_url}/webhooks/stripe/",
        data=payload,
        headers={
            "Content-Type": "application/json",
            "Stripe-Signature": stripe_signature(payload, WEBHOOK_SECRET),
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - live server
        assert response.status == 200


def test_a_person_buys_two_workshop_seats_by_card_and_downloads_the_receipt(
    page, live_server, sample_kind, stripe_http
):
    base = live_server.url
    person = UserFactory(full_name="Maria Alvarez", email="maria.alvarez@example.org")
    workshop = sample_kind.add(title="Crisis communication workshop", places=5)
    login(page, live_server, person)

    # The checkout page prices the two seats on the server.
    page.goto(f"/billing/checkout/?kind={CODE}&item={workshop.public_id}&quantity=2")
    expect(page.get_by_role("heading", level=1)).to_have_text("Review and pay")
    order = page.get_by_role("table")
    line = order.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Crisis communication workshop: 2 seat(s)")
    )
    expect(line.get_by_role("cell")).to_have_text(["2", "$450.00", "None", "$900.00"])
    total = order.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Total"))
    expect(total.get_by_role("cell")).to_have_text(["$900.00"])
    assert_accessible(page, context="checkout")

    page.get_by_label("By card, now").check()
    page.get_by_label("Name on the invoice").fill("Maria Alvarez")
    page.get_by_label("Send the invoice and receipt to").fill("billing@alvarez.example")

    def hosted_checkout(route):
        # Playwright cannot intercept the redirect's target, so the checkout is sent here and
        # the provider's hosted page is drawn in place of the redirect to it.
        if route.request.method != "POST":
            route.fallback()
            return
        sent = route.fetch(max_redirects=0)
        assert sent.status == 302
        assert sent.headers["location"] == CHECKOUT_URL
        invoice = Invoice.objects.get(person=person)
        deliver_webhook(base, invoice)  # the provider confirms the charge to SocialRx
        success_url = stripe_http.last_params["success_url"]
        route.fulfill(
            content_type="text/html",
            body=f'<html lang="en"><title>Test checkout</title><main><h1>Payment complete</h1>'
            f'<a href="{success_url}">Return to SocialRx</a></main></html>',
        )

    page.route("**/billing/checkout/", hosted_checkout)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Return to SocialRx").click()

    # Back on the invoice: paid, with the receipt to download.
    invoice = Invoice.objects.get(person=person)
    expect(page).to_have_url(f"{base}/billing/invoices/{invoice.public_id}/?paid={invoice.number}")
    expect(page.get_by_text("your card payment was received")).to_be_visible()
    expect(page.locator(".page-header .badge")).to_have_text("Paid")
    assert_accessible(page, context="invoice, paid")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Receipt \(PDF\)")).click()
    download = download_info.value
    assert download.suggested_filename.startswith("Receipt-INV-")
    assert download.suggested_filename == f"Receipt-{invoice.number}.pdf"
    with open(download.path(), "rb") as receipt:
        assert receipt.read(4) == b"%PDF"

    assert stripe_http.last_params["line_items[0][price_data][unit_amount]"] == "90000"
    assert (invoice.status, invoice.total_cents, invoice.billing_email) == (
        "paid",
        90_000,
        "billing@alvarez.example",
    )
    assert Payment.objects.filter(invoice=invoice).count() == 1
    assert sample_kind.paid == [invoice.lines.get().pk]
