"""Billing's pages through the Django client: the checkout (prices only from the server), a
buyer's invoices and receipts, and the staff till (duplicate check numbers, reversals, the
revenue report and its CSV). The clock stands at 2031-03-10 15:00 UTC."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from socialrx.billing import payment_providers
from socialrx.billing.models import Hold, Invoice, Payment
from socialrx.billing.payment_providers import StripeCheckout
from socialrx.billing.services.checkout import Item, checkout
from socialrx.core.models import AuditEvent
from socialrx.membership.services import applications
from tests.factories import UserFactory
from tests.membership.test_rules import apply

from .sample_kind import CODE
from .stripe_stub import CHECKOUT_URL, StubStripeHTTP
from .webhook_signing import checkout_completed, stripe_signature

pytestmark = pytest.mark.integration

SECRET = "whsec_billing_pages"
NOW = datetime(2031, 3, 10, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def card():
    http = StubStripeHTTP()
    payment_providers.use_provider_for_tests(
        StripeCheckout(secret_key="sk_test_pages", webhook_secret=SECRET, http_client=http)
    )
    return http


@pytest.fixture
def workshop(sample_kind):
    return sample_kind.add(title="Crisis communication workshop", places=5)


def checkout_url(kind: str, item, quantity: int) -> str:
    return f"{reverse('billing:checkout')}?kind={kind}&item={item}&quantity={quantity}"


def buy(buyer, workshop, quantity: int = 2, pay_by: str = "invoice") -> Invoice:
    return checkout(
        actor=buyer,
        buyer=buyer,
        items=[Item(CODE, workshop.public_id, quantity)],
        pay_by=pay_by,
        billing_name="Dana Whitfield",
        billing_email="dana.whitfield@example-health.org",
    )


def paid_by_card(client, buyer, workshop) -> Invoice:
    invoice = buy(buyer, workshop, 2, "card")
    payload = checkout_completed(event_id="evt_pages_1", invoice=invoice, amount_cents=90_000)
    response = client.post(
        reverse("billing:stripe_webhook"),
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=stripe_signature(payload, SECRET),
    )
    assert response.json()["outcome"] == "recorded"
    invoice.refresh_from_db()
    return invoice


# --- checkout ---------------------------------------------------------------------------------


def test_the_checkout_shows_the_lines_and_the_servers_total(client, user, workshop):
    client.force_login(user)

    response = client.get(checkout_url(CODE, workshop.public_id, 2))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Crisis communication workshop: 2 seat(s)" in page
    assert "$450.00" in page
    assert "$900.00" in page
    assert response.context["total_cents"] == 90_000
    assert Invoice.objects.count() == 0


def test_a_forged_price_in_the_post_is_ignored(client, user, workshop):
    client.force_login(user)

    response = client.post(
        reverse("billing:checkout"),
        {
            "kind": CODE,
            "item": str(workshop.public_id),
            "quantity": "2",
            "buyer": "me",
            "reviewed_total": "90000",
            "pay_by": "invoice",
            "billing_name": "Dana Whitfield",
            "billing_email": "dana.whitfield@example-health.org",
            "price": "1",
            "amount": "0.01",
            "unit_price_cents": "1",
            "total_cents": "1",
        },
    )

    invoice = Invoice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("billing:invoice", args=[invoice.public_id])
    assert (invoice.total_cents, invoice.person, invoice.route) == (90_000, user, "invoice")
    line = invoice.lines.get()
    assert (line.unit_price_cents, line.quantity, line.amount_cents) == (45_000, 2, 90_000)
    assert Hold.objects.get().status == "reserved"


def test_paying_by_card_from_the_checkout_goes_to_the_hosted_page_for_the_total(
    client, user, workshop, card
):
    client.force_login(user)

    response = client.post(
        reverse("billing:checkout"),
        {
            "kind": CODE,
            "item": str(workshop.public_id),
            "quantity": "2",
            "buyer": "me",
            "reviewed_total": "90000",
            "pay_by": "card",
            "billing_name": "Dana Whitfield",
            "billing_email": "dana.whitfield@example-health.org",
            "amount": "1",
        },
    )

    invoice = Invoice.objects.get()
    assert (response.status_code, response["Location"]) == (302, CHECKOUT_URL)
    assert card.last_params["line_items[0][price_data][unit_amount]"] == "90000"
    assert card.last_params["metadata[invoice]"] == str(invoice.public_id)
    assert Hold.objects.get().status == "held"


def test_a_kind_nobody_sells_is_refused_with_400_and_the_reason(client, user, sample_kind):
    client.force_login(user)

    response = client.post(
        reverse("billing:checkout"),
        {
            "kind": "tests.no_such_kind",
            "item": str(uuid.uuid4()),
            "quantity": "1",
            "buyer": "me",
            "pay_by": "invoice",
            "billing_name": "Dana Whitfield",
            "billing_email": "dana.whitfield@example-health.org",
        },
    )

    assert response.status_code == 400
    assert "Nothing called “tests.no_such_kind” is sold here." in response.content.decode()
    assert Invoice.objects.count() == 0


def test_a_broken_item_link_is_refused_with_400(client, user, sample_kind):
    client.force_login(user)

    response = client.get(checkout_url(CODE, "not-a-uuid", 1))

    assert response.status_code == 400
    assert "That item link is not valid." in response.content.decode()


def test_a_sold_out_workshop_is_explained_on_the_form(client, user, workshop):
    buy(UserFactory(), workshop, 5)
    client.force_login(user)

    response = client.post(
        reverse("billing:checkout"),
        {
            "kind": CODE,
            "item": str(workshop.public_id),
            "quantity": "1",
            "buyer": "me",
            "reviewed_total": "45000",
            "pay_by": "invoice",
            "billing_name": "Dana Whitfield",
            "billing_email": "dana.whitfield@example-health.org",
        },
    )

    assert response.status_code == 400
    assert "Workshop seat: sold out." in response.content.decode()
    assert Invoice.objects.count() == 1


def test_the_checkout_asks_anonymous_visitors_to_sign_in(client, db, workshop):
    url = checkout_url(CODE, workshop.public_id, 2)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert Invoice.objects.count() == 0


# --- a buyer's pages --------------------------------------------------------------------------


def test_my_billing_lists_my_invoices_and_not_anyone_elses(client, user, workshop):
    mine = buy(user, workshop)
    someone_elses = buy(UserFactory(), workshop, 1)
    client.force_login(user)

    response = client.get(reverse("billing:mine"))

    assert response.status_code == 200
    assert [invoice.pk for invoice in response.context["invoices"]] == [mine.pk]
    page = response.content.decode()
    assert mine.number in page
    assert someone_elses.number not in page


def test_an_invoice_is_shown_to_its_buyer_and_is_404_to_anyone_else(client, user, workshop):
    invoice = buy(user, workshop)
    url = reverse("billing:invoice", args=[invoice.public_id])

    client.force_login(user)
    own = client.get(url)
    client.force_login(UserFactory())
    other = client.get(url)

    assert own.status_code == 200
    assert invoice.number in own.content.decode()
    assert other.status_code == 404


def test_a_receipt_pdf_is_for_the_buyer_only(client, user, workshop, card):
    invoice = paid_by_card(client, user, workshop)
    payment = Payment.objects.get(invoice=invoice)
    url = reverse("billing:receipt_pdf", args=[payment.public_id])

    client.force_login(user)
    own = client.get(url)
    client.force_login(UserFactory())
    other = client.get(url)

    assert own.status_code == 200
    assert own["Content-Type"] == "application/pdf"
    assert own["Content-Disposition"] == 'attachment; filename="Receipt-INV-2031-00001.pdf"'
    assert own.content[:4] == b"%PDF"
    assert other.status_code == 404


def test_past_the_pdf_limit_a_buyer_is_asked_to_wait_and_pages_still_open(
    client, user, workshop, settings
):
    settings.PDF_DOWNLOADS_PER_10_MINUTES = 2
    invoice = buy(user, workshop)
    pdf = reverse("billing:invoice_pdf", args=[invoice.public_id])
    statement = reverse("billing:my_statement")
    client.force_login(user)

    first, second, third = client.get(pdf), client.get(pdf), client.get(pdf)
    statement_page = client.get(statement)
    statement_pdf = client.get(f"{statement}?format=pdf")

    assert [first.status_code, second.status_code] == [200, 200]
    assert first.content[:4] == b"%PDF"
    assert third.status_code == 429
    assert third["Retry-After"] == "600"
    assert "You asked for more than 2 PDF documents in 10 minutes" in third.content.decode()
    assert statement_page.status_code == 200  # the page itself is not a PDF
    assert statement_pdf.status_code == 429


# --- staff ------------------------------------------------------------------------------------


@pytest.fixture
def twelve_thousand_dollar_invoice(org_a, sample_kind) -> Invoice:
    organization, admin, _ = org_a
    workshop = sample_kind.add(title="Leadership retreat", places=10, price_cents=1_200_000)
    return checkout(
        actor=admin,
        buyer=organization,
        items=[Item(CODE, workshop.public_id, 1)],
        pay_by="invoice",
        billing_name="Riverside Regional Medical Center",
        billing_email="ap@riverside.example.org",
    )


def record(client, invoice, amount: str, reference: str, **extra):
    return client.post(
        reverse("billing:staff_invoice", args=[invoice.public_id]),
        {
            "amount": amount,
            "method": "check",
            "reference": reference,
            "received_on": "2031-03-10",
            **extra,
        },
    )


def test_staff_are_warned_of_a_check_number_used_before_and_may_confirm_it(
    client, staff, twelve_thousand_dollar_invoice
):
    invoice = twelve_thousand_dollar_invoice
    assert invoice.total_cents == 1_200_000
    client.force_login(staff)

    first = record(client, invoice, "6000.00", "1042")
    assert first.status_code == 302
    assert Payment.objects.count() == 1

    second = record(client, invoice, "12,000.00", "1042")

    assert second.status_code == 400
    assert second.context["needs_confirmation"] == (
        "Reference 1042 was already recorded for this buyer: $6,000.00 on INV-2031-00001 "
        "(Mar 10, 2031). Record it again only if it is a different payment."
    )
    assert "Reference 1042 was already recorded for this buyer" in second.content.decode()
    assert Payment.objects.count() == 1
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_cents) == ("open", 600_000)

    confirmed = record(client, invoice, "12,000.00", "1042", confirmed="on")

    assert confirmed.status_code == 302
    assert sorted(Payment.objects.values_list("amount_cents", "reference")) == [
        (600_000, "1042"),
        (1_200_000, "1042"),
    ]
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_cents, invoice.overpaid_cents) == (
        "paid",
        1_800_000,
        600_000,
    )


def test_staff_reverse_a_payment_with_a_reason_and_the_invoice_is_open_again(
    client, staff, twelve_thousand_dollar_invoice
):
    invoice = twelve_thousand_dollar_invoice
    client.force_login(staff)
    assert record(client, invoice, "12000", "2077").status_code == 302
    payment = Payment.objects.get()
    invoice.refresh_from_db()
    assert invoice.status == "paid"
    url = reverse("billing:staff_reverse_payment", args=[payment.public_id])

    without_reason = client.post(url, {"reason": "  "})
    payment.refresh_from_db()
    assert without_reason.status_code == 302
    assert payment.reversed_at is None

    response = client.post(url, {"reason": "Check 2077 bounced"})

    assert response.status_code == 302
    assert response["Location"] == reverse("billing:staff_invoice", args=[invoice.public_id])
    payment.refresh_from_db()
    invoice.refresh_from_db()
    assert (payment.reversed_at, payment.reversed_by, payment.reversal_reason) == (
        NOW,
        staff,
        "Check 2077 bounced",
    )
    assert (invoice.status, invoice.paid_cents, invoice.balance_cents) == ("open", 0, 1_200_000)
    event = AuditEvent.objects.get(action="billing.payment.reversed")
    assert event.actor == staff
    assert event.before == {"status": "paid", "paid_cents": 1_200_000}
    assert event.after["status"] == "open"
    assert event.after["reason"] == "Check 2077 bounced"


def test_people_who_are_not_staff_cannot_open_the_till(
    client, org_a, twelve_thousand_dollar_invoice
):
    client.force_login(org_a[1])

    detail = client.get(
        reverse("billing:staff_invoice", args=[twelve_thousand_dollar_invoice.public_id])
    )
    revenue = client.get(reverse("billing:staff_revenue"))

    assert (detail.status_code, revenue.status_code) == (403, 403)


def test_the_revenue_page_and_its_csv(client, staff, user, workshop, card):
    paid_by_card(client, user, workshop)
    client.force_login(staff)

    page = client.get(reverse("billing:staff_revenue"))
    exported = client.get(reverse("billing:staff_revenue") + "?format=csv")

    assert page.status_code == 200
    assert exported.status_code == 200
    assert exported["Content-Type"] == "text/csv; charset=utf-8"
    rows = exported.content.decode().splitlines()
    assert rows[0] == "Month,Invoiced (USD),Paid (USD),Refunded (USD),Outstanding (USD)"
    assert len(rows) == 13
    assert rows[1] == "2030-04,0.00,0.00,0.00,0.00"
    assert rows[-1] == "2031-03,900.00,900.00,0.00,0.00"


def test_a_total_that_changed_since_it_was_reviewed_is_shown_again_and_nothing_is_bought(
    client, user, workshop
):
    client.force_login(user)
    order = {
        "kind": CODE, "item": str(workshop.public_id), "quantity": "2", "buyer": "me",
        "pay_by": "invoice", "billing_name": "Dana Whitfield",
        "billing_email": "dana.whitfield@example-health.org",
    }  # fmt: skip

    changed = client.post(reverse("billing:checkout"), {**order, "reviewed_total": "80000"})
    stale = client.post(reverse("billing:checkout"), order)
    stranger = client.post(
        reverse("billing:checkout"),
        {**order, "reviewed_total": "90000", "buyer": "00000000-0000-0000-0000-000000000000"},
    )

    assert changed.status_code == 400
    assert "The total is now $900.00. Check the order below" in changed.content.decode()
    assert stale.status_code == 400
    assert "This order form is out of date" in stale.content.decode()
    assert stranger.status_code == 400
    assert "an organization you run" in stranger.content.decode()
    assert Invoice.objects.count() == 0


def test_the_staff_invoice_api_refuses_a_nul_in_the_search_with_422(client, staff):
    client.force_login(staff)

    response = client.get("/api/v1/billing/invoices", {"q": "INV\x00"})
    too_many = client.get("/api/v1/billing/invoices", {"limit": "1000"})

    assert response.status_code == 422
    assert too_many.status_code == 422


def test_staff_filter_invoices_by_what_was_sold(
    client, staff, plans, org_a, twelve_thousand_dollar_invoice
):
    organization, admin, _ = org_a
    workshop_invoice = twelve_thousand_dollar_invoice
    applications.approve_application(actor=staff, application=apply(organization, admin))
    client.force_login(staff)

    seats = client.get(reverse("billing:staff_invoices"), {"kind": CODE})
    dues = client.get(reverse("billing:staff_invoices"), {"kind": "membership.period"})

    assert [i.number for i in seats.context["page"].object_list] == [workshop_invoice.number]
    assert [i.number for i in dues.context["page"].object_list] == ["INV-2031-00002"]
    assert '<option value="tests.workshop_seat" selected>Workshop seat</option>' in (
        seats.content.decode()
    )
