"""Membership pages and the webhook, with bad input; query counts on the list pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from socialrx.billing import payment_providers
from socialrx.billing.models import Payment, ProviderEvent
from socialrx.billing.payment_providers import StripeCheckout
from socialrx.membership.models import MembershipApplication
from socialrx.membership.services import applications
from tests.billing.stripe_stub import CHECKOUT_URL, StubStripeHTTP
from tests.billing.webhook_signing import checkout_completed, stripe_signature
from tests.factories import org_with_admin
from tests.membership.factories import issue_invoice
from tests.membership.test_rules import apply, paid_member

pytestmark = pytest.mark.integration
SECRET = "whsec_pages"


@pytest.fixture
def card(plans):
    http = StubStripeHTTP()
    payment_providers.use_provider_for_tests(
        StripeCheckout(secret_key="sk_test_pages", webhook_secret=SECRET, http_client=http)
    )
    return http


@pytest.fixture
def open_invoice(plans, org_a, staff):
    organization, admin, _ = org_a
    _, invoice = applications.approve_application(
        actor=staff, application=apply(organization, admin)
    )
    return invoice


def post_webhook(client, payload: bytes, signature: str):
    return client.post(
        "/webhooks/stripe/", payload, content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )  # fmt: skip


# --- webhook ----------------------------------------------------------------------------------


def test_a_signed_event_records_one_card_payment_and_a_replay_records_nothing(
    client, card, open_invoice
):
    payload = checkout_completed(event_id="evt_1", invoice=open_invoice)

    first = post_webhook(client, payload, stripe_signature(payload, SECRET))
    replay = post_webhook(client, payload, stripe_signature(payload, SECRET))

    assert (first.status_code, first.json()["outcome"]) == (200, "recorded")
    assert (replay.status_code, replay.json()["outcome"]) == (200, "duplicate")
    assert Payment.objects.get().method == "card"
    open_invoice.refresh_from_db()
    assert open_invoice.status == "paid"


def test_a_bad_signature_is_refused_with_400_and_nothing_recorded(client, card, open_invoice):
    payload = checkout_completed(event_id="evt_2", invoice=open_invoice)

    response = post_webhook(client, payload, stripe_signature(payload, "whsec_someone_else"))

    assert response.status_code == 400
    assert response.json() == {"detail": "Invalid signature."}
    assert (Payment.objects.count(), ProviderEvent.objects.count()) == (0, 0)


def test_an_event_for_an_unknown_invoice_is_refused_with_404_and_nothing_recorded(
    client, card, open_invoice
):
    open_invoice.public_id = "00000000-0000-0000-0000-000000000000"
    payload = checkout_completed(event_id="evt_3", invoice=open_invoice)

    response = post_webhook(client, payload, stripe_signature(payload, SECRET))

    assert response.status_code == 404
    assert "no invoice" in response.json()["detail"]
    assert (Payment.objects.count(), ProviderEvent.objects.count()) == (0, 0)


def test_without_a_card_provider_the_webhook_is_not_there(client, open_invoice):
    payload = checkout_completed(event_id="evt_4", invoice=open_invoice)

    assert post_webhook(client, payload, "t=1,v1=x").status_code == 404


# --- paying by card ---------------------------------------------------------------------------


def test_the_admin_is_sent_to_the_hosted_checkout_for_the_balance(
    client, card, org_a, open_invoice
):
    client.force_login(org_a[1])

    response = client.post(reverse("billing:pay_by_card", args=[open_invoice.public_id]))

    assert (response.status_code, response["Location"]) == (302, CHECKOUT_URL)
    assert card.last_params["line_items[0][price_data][unit_amount]"] == "1800000"
    assert card.last_params["metadata[invoice]"] == str(open_invoice.public_id)


def test_without_a_card_provider_the_pay_button_is_absent(client, org_a, open_invoice):
    client.force_login(org_a[1])

    page = client.get(reverse("membership:overview", args=[org_a[0].public_id]))
    refused = client.post(reverse("billing:pay_by_card", args=[open_invoice.public_id]))

    assert b"by card" not in page.content
    assert refused.status_code == 302
    assert Payment.objects.count() == 0


# --- pages and bad input ----------------------------------------------------------------------


def test_a_member_who_is_not_admin_cannot_open_billing(client, plans, org_a):
    client.force_login(org_a[2])

    assert client.get(reverse("membership:overview", args=[org_a[0].public_id])).status_code == 404


def test_the_application_form_explains_missing_terms_and_writes_nothing(client, plans, org_a):
    client.force_login(org_a[1])

    response = client.post(
        reverse("membership:apply", args=[org_a[0].public_id]),
        {"billing_contact_name": "", "billing_email": "not-an-email"},
    )

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {
        "billing_contact_name",
        "billing_email",
        "agree_to_terms",
    }
    assert MembershipApplication.objects.count() == 0


def test_staff_record_a_payment_with_bad_amounts_and_see_why(client, staff, open_invoice):
    client.force_login(staff)
    url = reverse("billing:staff_invoice", args=[open_invoice.public_id])
    today = timezone.localdate().isoformat()

    for amount, message in [
        ("-5", "no negative amounts"),
        ("abc", "Enter an amount in dollars"),
        ("99999999999", "too large"),
    ]:
        response = client.post(
            url, {"amount": amount, "method": "check", "reference": "", "received_on": today}
        )
        assert response.status_code == 400
        assert message in response.context["form"].errors["amount"][0]
    assert Payment.objects.count() == 0


def test_the_invoice_pdf_is_for_the_organizations_admins_and_staff(
    client, staff, org_a, org_b, open_invoice
):
    url = reverse("billing:invoice_pdf", args=[open_invoice.public_id])
    statuses = []
    for person in [org_a[1], staff, org_a[2], org_b[1]]:
        client.force_login(person)
        response = client.get(url)
        statuses.append(response.status_code)
        if response.status_code == 200:
            assert response["Content-Type"] == "application/pdf"
            assert response.content[:4] == b"%PDF"
    assert statuses == [200, 200, 404, 404]


def test_csv_exports_neutralise_formulas(client, staff, plans):
    organization, admin = org_with_admin(name='=HYPERLINK("http://evil.example","x")')
    applications.approve_application(actor=staff, application=apply(organization, admin))
    client.force_login(staff)

    exported = client.get(reverse("billing:staff_invoices") + "?format=csv").content.decode()

    assert "'=HYPERLINK" in exported
    assert "\n=HYPERLINK" not in exported and ",=HYPERLINK" not in exported


# --- query counts -----------------------------------------------------------------------------


def count_queries(client, url) -> int:
    client.get(url)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def many_invoices(membership, count):
    for index in range(count):
        issue_invoice(membership=membership, kind="adjustment", lines=[(f"L{index}", 100)])


@pytest.mark.parametrize(
    "url_name",
    ["billing:staff_invoices", "billing:staff_payments", "membership:staff_memberships",
     "membership:staff_applications"],
)  # fmt: skip
def test_staff_list_pages_make_the_same_number_of_queries_as_data_grows(
    client, staff, plans, url_name
):
    client.force_login(staff)
    url = reverse(url_name)

    def add_member(index):
        organization, admin = org_with_admin(name=f"Hospital {index}", licensed_beds=120)
        apply(organization, admin)
        if url_name != "membership:staff_applications":
            membership, invoice = applications.approve_application(
                actor=staff,
                application=MembershipApplication.objects.get(organization=organization),
            )
            many_invoices(membership, 2)

    add_member(0)
    few = count_queries(client, url)
    for index in range(1, 5):
        add_member(index)
    assert count_queries(client, url) == few


def test_the_billing_page_makes_the_same_number_of_queries_as_invoices_grow(
    client, staff, org_a, plans
):
    membership, _ = paid_member(org_a, staff)
    client.force_login(org_a[1])
    url = reverse("membership:overview", args=[org_a[0].public_id])

    few = count_queries(client, url)
    many_invoices(membership, 5)
    assert count_queries(client, url) == few


class FailingStripeHTTP(StubStripeHTTP):
    def request(self, method, url, headers, post_data=None, *, _usage=None):
        return '{"error": {"message": "Service unavailable", "type": "api_error"}}', 503, {}


def test_when_the_provider_fails_the_admin_is_told_and_nothing_is_recorded(
    client, plans, org_a, open_invoice
):
    payment_providers.use_provider_for_tests(
        StripeCheckout(
            secret_key="sk_test_x", webhook_secret=SECRET, http_client=FailingStripeHTTP()
        )
    )
    client.force_login(org_a[1])

    response = client.post(
        reverse("billing:pay_by_card", args=[open_invoice.public_id]), follow=True
    )

    assert response.status_code == 200
    assert "card payment service is not answering" in response.content.decode()
    assert Payment.objects.count() == 0
