"""Extra hours sold through billing (kind "coaching.hours"): the quote (list and member prices
worked out by hand, who may buy), a purchase through billing's real checkout paid by check, the
package counted exactly once, and what voids and refunds take back."""

from __future__ import annotations

import pytest

from socialrx.billing.models import InvoiceStatus
from socialrx.billing.sellables import kind
from socialrx.billing.services import refunds
from socialrx.billing.services.checkout import Item, price
from socialrx.billing.services.invoices import void_invoice
from socialrx.coaching.models import HourPackage, PackageStatus
from socialrx.coaching.selectors.hours import allowance_of
from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.membership.models import plans as plan_models
from tests.coaching.engagement_support import buy_hours, order_hours, pay
from tests.coaching.factories import make_coach, make_engagement, member_org
from tests.factories import org_with_admin

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

CODE = "coaching.hours"
TITLE = "Launching the physician video series"


@pytest.fixture
def riverside():
    return member_org("Riverside Medical Center")


@pytest.fixture
def engagement(riverside):
    return make_engagement(riverside[0], [make_coach()], plan_hours=2, title=TITLE)


def _quote(buyer, engagement, quantity):
    return kind(CODE).quote(buyer, engagement.public_id, quantity)


def test_a_member_without_a_discount_on_hours_pays_the_list_price(riverside, engagement):
    quote = _quote(riverside[0], engagement, 3)

    assert quote.description == f"Coaching hours: {TITLE} (3 h)"
    # $250.00 an hour (settings.COACHING_HOUR_PRICE_CENTS) x 3 = $750.00, no discount.
    assert (quote.unit_price_cents, quote.quantity, quote.discount_cents) == (25_000, 3, 0)
    assert quote.discount_reason == ""
    assert quote.amount_cents == 75_000


def test_a_plan_discount_on_hours_gives_the_member_price(riverside, engagement, monkeypatch):
    # A plan that discounts coaching hours as it does boot camp seats: Medical Center, 20 %.
    monkeypatch.setitem(plan_models.DISCOUNTED_KINDS, CODE, "boot_camp_discount_percent")

    quote = _quote(riverside[0], engagement, 3)

    # 20 % of $250.00 = $50.00 off each hour; 3 h: $150.00 off $750.00 = $600.00.
    assert (quote.unit_price_cents, quote.discount_cents) == (25_000, 15_000)
    assert quote.discount_reason == "Member price, Medical Center plan (20% off)"
    assert quote.amount_cents == 60_000


def test_the_hour_price_comes_from_the_settings(riverside, engagement, settings):
    settings.COACHING_HOUR_PRICE_CENTS = 19_900

    quote = _quote(riverside[0], engagement, 2)

    assert quote.amount_cents == 39_800  # 2 x $199.00


def test_an_organization_without_membership_pays_the_list_price(settings):
    organization, _admin = org_with_admin(name="Lakeside Family Physicians")
    engagement = make_engagement(organization, [make_coach()], plan_hours=0, title=TITLE)

    quote = _quote(organization, engagement, 1)

    assert (quote.amount_cents, quote.discount_reason) == (25_000, "")


def test_only_the_engagements_organization_buys_its_hours(riverside, engagement):
    other, other_admin = org_with_admin(name="Lakeside Family Physicians")
    for buyer in (other, riverside[1], other_admin):
        with pytest.raises(DomainError) as refused:
            _quote(buyer, engagement, 1)
        assert refused.value.message == "Hours are bought by the engagement's organization."
        assert refused.value.field == "buyer"


def test_a_completed_engagement_sells_no_hours(riverside):
    engagement = make_engagement(riverside[0], [make_coach()], status="completed")

    with pytest.raises(DomainError, match="completed: hours can no longer be bought"):
        _quote(riverside[0], engagement, 1)


def test_a_proposed_engagement_sells_hours(riverside):
    engagement = make_engagement(riverside[0], [make_coach()], status="proposed", title=TITLE)

    assert _quote(riverside[0], engagement, 1).amount_cents == 25_000


def test_an_unknown_engagement_is_refused(riverside):
    import uuid  # noqa: PLC0415

    with pytest.raises(DomainError, match="engagement was not found"):
        kind(CODE).quote(riverside[0], uuid.uuid4(), 1)


@pytest.mark.parametrize("quantity", [0, 41])
def test_the_checkout_refuses_a_quantity_outside_1_to_40(riverside, engagement, quantity):
    with pytest.raises(DomainError) as refused:
        price(riverside[0], [Item(CODE, engagement.public_id, quantity)])

    assert refused.value.message == "Choose a quantity from 1 to 40."


def test_hours_ordered_by_invoice_count_once_the_invoice_is_paid(riverside, engagement, staff):
    organization, admin, _member = riverside
    invoice = order_hours(engagement, admin, 3)

    # Invoiced, not paid: no hours yet (plan 2 h = 120 min only).
    assert invoice.status == InvoiceStatus.OPEN
    assert invoice.total_cents == 75_000
    assert not HourPackage.objects.exists()
    assert allowance_of(engagement).total_minutes == 120

    pay(invoice, staff)

    package = HourPackage.objects.get()
    line = invoice.lines.get()
    assert (package.engagement, package.hours, package.status) == (engagement, 3, "paid")
    assert (package.invoice, package.invoice_line_id) == (invoice, line.pk)
    assert package.amount_cents == 75_000
    assert package.bought_by == admin
    assert package.paid_at is not None
    # 120 + 3 h (180) = 300 min.
    assert allowance_of(engagement).total_minutes == 300
    event = AuditEvent.objects.get(action="coaching.hour_package.bought")
    assert event.after["hours"] == 3
    assert event.after["invoice"] == invoice.number


def test_billing_saying_paid_twice_makes_one_package(riverside, engagement, staff):
    invoice = buy_hours(engagement, riverside[1], staff, 2)
    line = invoice.lines.get()

    kind(CODE).on_paid(line)
    kind(CODE).on_paid(line)

    assert HourPackage.objects.count() == 1
    assert AuditEvent.objects.filter(action="coaching.hour_package.bought").count() == 1
    assert allowance_of(engagement).package_minutes == 120


def test_voiding_an_unpaid_invoice_takes_nothing(riverside, engagement, staff):
    invoice = order_hours(engagement, riverside[1], 2)

    void_invoice(actor=staff, invoice=invoice, reason="Ordered by mistake")

    assert not HourPackage.objects.exists()
    assert not AuditEvent.objects.filter(action="coaching.hour_package.voided").exists()


def test_a_partial_refund_keeps_the_hours_and_a_full_refund_voids_them(
    riverside, engagement, staff
):
    invoice = buy_hours(engagement, riverside[1], staff, 2)  # $500.00

    refunds.refund(
        actor=staff, invoice=invoice, amount_cents=10_000, reason="Goodwill", method="check"
    )
    package = HourPackage.objects.get()
    assert package.status == PackageStatus.PAID
    assert allowance_of(engagement).package_minutes == 120  # the rule: partial refunds keep hours

    refunds.refund(
        actor=staff, invoice=invoice, amount_cents=40_000, reason="Cancelled", method="check"
    )

    package.refresh_from_db()
    assert package.status == PackageStatus.VOIDED
    assert package.voided_at is not None
    assert allowance_of(engagement).package_minutes == 0
    event = AuditEvent.objects.get(action="coaching.hour_package.voided")
    assert event.after["why"] == "refunded"
