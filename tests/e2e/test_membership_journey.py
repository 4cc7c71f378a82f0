"""Browser journey: an org admin applies, staff approve, the admin pays by card in the
provider's test mode, and a member of that organization can then open a member-only page
that was refused before."""

import urllib.request

import pytest
from playwright.sync_api import expect

from socialrx.billing import payment_providers
from socialrx.billing.models import Invoice, Payment
from socialrx.billing.payment_providers import StripeCheckout
from tests.billing.stripe_stub import CHECKOUT_URL, StubStripeHTTP
from tests.billing.webhook_signing import checkout_completed, stripe_signature
from tests.factories import SeatFactory, org_with_admin
from tests.membership.factories import standard_plans

from .browser import assert_accessible, login

pytestmark = pytest.mark.e2e
WEBHOOK_SECRET = "whsec_journey"


def deliver_webhook(base_url: str, invoice: Invoice) -> None:
    """What Stripe does once the card is charged: a signed POST to the webhook."""
    payload = checkout_completed(event_id="evt_journey_1", invoice=invoice)
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


def test_apply_approve_pay_by_card_then_member_content_opens(live_server, new_page, staff):
    standard_plans()
    stripe_http = StubStripeHTTP()
    payment_providers.use_provider_for_tests(
        StripeCheckout(
            secret_key="sk_test_journey", webhook_secret=WEBHOOK_SECRET, http_client=stripe_http
        )
    )
    base = live_server.url
    organization, admin = org_with_admin(name="Riverside Regional Medical Center")
    member = SeatFactory(organization=organization).user

    # A member tries the member-only page before the organization is a member.
    member_page = new_page()
    login(member_page, live_server, member)
    response = member_page.goto(f"{base}/members/benefits/")
    assert response.status == 403
    expect(member_page.get_by_role("heading", level=1)).to_have_text(
        "You do not have access to this page"
    )

    # The org admin applies from the Membership tab; the plan comes from the bed count.
    admin_page = new_page()
    login(admin_page, live_server, admin)
    admin_page.get_by_role("link", name="Riverside Regional Medical Center").click()
    admin_page.goto(f"{base}/organizations/{organization.public_id}/membership/")
    expect(admin_page.get_by_text("Medical Center", exact=False).first).to_be_visible()
    assert_accessible(admin_page)
    admin_page.get_by_role("link", name="Apply for membership").click()
    admin_page.get_by_label("Billing contact").fill("Karen Lindqvist")
    admin_page.get_by_label("Billing email").fill("ap@riverside-rmc.example")
    admin_page.get_by_label("I agree to the membership terms").check()
    assert_accessible(admin_page)
    admin_page.get_by_role("button", name="Send application").click()
    expect(admin_page.get_by_text("waiting for review").first).to_be_visible()

    # Staff sign in with their second factor and approve.
    staff_page = new_page()
    login(staff_page, live_server, staff)
    staff_page.get_by_text("Center staff").click()
    staff_page.get_by_role("link", name="Membership back office").click()
    assert_accessible(staff_page)
    staff_page.get_by_role(
        "button", name="Approve and invoice Riverside Regional Medical Center"
    ).click()
    expect(staff_page.get_by_text("approved; invoice INV-")).to_be_visible()

    # The admin pays the first invoice by card on the provider's (test-mode) hosted page.
    invoice = Invoice.objects.get(organization=organization)

    def hosted_checkout(route):
        # Playwright cannot intercept the redirect's target, so the pay request is sent here
        # and the provider's hosted page is drawn in place of the redirect to it.
        sent = route.fetch(max_redirects=0)
        assert sent.status == 302
        assert sent.headers["location"] == CHECKOUT_URL
        deliver_webhook(base, invoice)  # the provider confirms the charge to SocialRx
        success_url = stripe_http.last_params["success_url"]
        route.fulfill(
            content_type="text/html",
            body=f'<html lang="en"><title>Test checkout</title><main><h1>Payment complete</h1>'
            f'<a href="{success_url}">Return to SocialRx</a></main></html>',
        )

    admin_page.route("**/invoices/*/pay/", hosted_checkout)
    admin_page.reload()
    admin_page.get_by_role("button", name=f"Pay $18,000.00 by card for {invoice.number}").click()
    admin_page.get_by_role("link", name="Return to SocialRx").click()
    expect(admin_page.get_by_text("your card payment was received")).to_be_visible()
    admin_page.goto(f"{base}/organizations/{organization.public_id}/membership/")
    expect(admin_page.get_by_text("Active", exact=True)).to_be_visible()
    assert stripe_http.last_params["line_items[0][price_data][unit_amount]"] == "1800000"
    assert Payment.objects.filter(invoice=invoice).count() == 1

    # The member page that was refused now opens.
    response = member_page.goto(f"{base}/members/benefits/")
    assert response.status == 200
    expect(
        member_page.get_by_role("heading", name="Riverside Regional Medical Center")
    ).to_be_visible()
    assert_accessible(member_page)
