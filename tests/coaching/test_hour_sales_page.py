"""The "buy more hours" page of an organization's admin: the price for this organization, the
total, what happens next, bad quantities refused beside the field, and the hand-over to
billing's checkout (followed through to the invoice)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from socialrx.billing.models import Invoice
from socialrx.coaching.models import EngagementStatus, HourPackage
from socialrx.membership.models import plans as plan_models
from tests.coaching.factories import make_coach, make_engagement, member_org
from tests.factories import give_mfa, org_with_admin

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

TITLE = "Launching the physician video series"


@pytest.fixture
def riverside():
    return member_org("Riverside Medical Center")


@pytest.fixture
def engagement(riverside):
    return make_engagement(riverside[0], [make_coach()], plan_hours=2, title=TITLE)


def _url(engagement) -> str:
    return reverse("coaching:buy_hours", args=[engagement.public_id])


def test_the_page_shows_the_price_the_total_and_what_happens_next(client, riverside, engagement):
    client.force_login(riverside[1])

    response = client.get(_url(engagement))

    html = response.content.decode()
    assert response.status_code == 200
    assert "$250.00 an hour" in html
    assert "plan gives no member discount on coaching hours" in html
    # 5 hours (the starting value) x $250.00 = $1,250.00.
    assert "5 h × $250.00 = <strong>$1,250.00</strong>" in html
    assert "<strong>Paid by card:</strong> the hours are added to this engagement at once." in html
    assert "the hours are added when the invoice is paid" in html


def test_a_member_price_is_shown_with_its_reason(client, riverside, engagement, monkeypatch):
    monkeypatch.setitem(
        plan_models.DISCOUNTED_KINDS, "coaching.hours", "boot_camp_discount_percent"
    )
    client.force_login(riverside[1])

    html = client.get(_url(engagement)).content.decode()

    # Medical Center: 20 % off $250.00 = $200.00 an hour; 5 h = $1,000.00.
    assert "$200.00 an hour" in html
    assert "Member price, Medical Center plan (20% off): $50.00 off each hour." in html
    assert "5 h × $200.00 = <strong>$1,000.00</strong>" in html


def test_continuing_goes_to_the_checkout_with_the_order(client, riverside, engagement):
    organization, admin, _member = riverside
    client.force_login(admin)

    response = client.post(_url(engagement), {"hours": "3"})

    assert response.status_code == 302
    location = urlsplit(response.url)
    assert location.path == reverse("billing:checkout")
    assert parse_qs(location.query) == {
        "kind": ["coaching.hours"],
        "item": [str(engagement.public_id)],
        "quantity": ["3"],
        "buyer": [str(organization.public_id)],
    }


def test_the_checkout_page_prices_the_hours_and_invoices_them(client, riverside, engagement):
    organization, admin, _member = riverside
    client.force_login(admin)
    checkout_url = client.post(_url(engagement), {"hours": "3"}).url

    page = client.get(checkout_url)
    assert page.status_code == 200
    assert f"Coaching hours: {TITLE} (3 h)" in page.content.decode()

    query = parse_qs(urlsplit(checkout_url).query)
    done = client.post(
        reverse("billing:checkout"),
        {
            "kind": "coaching.hours",
            "item": query["item"][0],
            "quantity": "3",
            "buyer": str(organization.public_id),
            "pay_by": "invoice",
            "billing_name": "Accounts payable",
            "billing_email": "ap@example-health.org",
            "reviewed_total": "75000",
        },
    )

    assert done.status_code == 302, done.content.decode()[:2000]
    invoice = Invoice.objects.get()
    assert (invoice.organization, invoice.total_cents) == (organization, 75_000)
    assert not HourPackage.objects.exists()  # counted when the invoice is paid


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "Buy at least 1 hour (from 1 to 40)."),
        ("41", "Buy at most 40 hours at a time (from 1 to 40)."),
        ("abc", "Enter a whole number of hours from 1 to 40."),
        ("2.5", "Enter a whole number of hours from 1 to 40."),
        ("", "Enter a number of hours from 1 to 40."),
    ],
)
def test_a_bad_quantity_is_refused_beside_the_field(client, riverside, engagement, typed, message):
    client.force_login(riverside[1])

    response = client.post(_url(engagement), {"hours": typed})

    assert response.status_code == 400
    assert f'<span class="field-error" id="id_hours_error">{message}</span>' in (
        response.content.decode()
    )


def test_a_completed_engagement_sells_no_more_hours(client, riverside):
    engagement = make_engagement(riverside[0], [make_coach()], status=EngagementStatus.COMPLETED)
    client.force_login(riverside[1])

    page = client.get(_url(engagement))
    posted = client.post(_url(engagement), {"hours": "2"})

    assert "hours can no longer be bought for it" in page.content.decode()
    assert posted.status_code == 400


def test_a_member_who_is_not_an_admin_may_not_buy(client, riverside, engagement):
    client.force_login(riverside[2])

    assert client.get(_url(engagement)).status_code == 403


def test_the_engagements_coach_and_staff_may_not_buy(client, engagement, staff):
    coach = engagement.coaches.get()
    give_mfa(coach)
    for person in (coach, staff):
        client.force_login(person)
        assert client.get(_url(engagement)).status_code == 403


def test_another_organizations_admin_gets_not_found(client, engagement):
    _other, outsider = org_with_admin(name="Lakeside Family Physicians")
    client.force_login(outsider)

    assert client.get(_url(engagement)).status_code == 404
