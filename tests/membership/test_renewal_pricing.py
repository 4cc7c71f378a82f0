"""What a renewal costs on frozen clocks: plan prices changed mid-year, and organizations
that moved to another size band. Amounts are the published plans', in cents, by hand:
Regional Hospital (100–299 beds) $12,000 and 20 seats, Medical Center (300–499) $18,000 and
35 seats, Academic Medical Center (500+) $25,000."""

from datetime import date

import pytest

from socialrx.core.models import AuditEvent
from socialrx.membership import selectors
from socialrx.membership.services import applications
from socialrx.membership.services import plans as plan_services
from tests.membership.factories import charge_of, invoice_of_kind, invoices_of_kind  # noqa: F401

from .test_renewal_calendar import at, join, pay, run_on
from .test_rules import apply

pytestmark = pytest.mark.integration


def change_price(staff, plan, cents: int, *, on: date):
    with at(on):
        plan_services.save_plan(actor=staff, plan=plan, data={"annual_price_cents": cents})


def grow_to(organization, beds: int):
    organization.licensed_beds = beds
    organization.save(update_fields=["licensed_beds"])


def year_prices(membership) -> list[tuple[date, str, int]]:
    return list(
        membership.periods.order_by("starts_on").values_list(
            "starts_on", "plan__name", "price_cents"
        )
    )


# --- a plan price changed mid-period -----------------------------------------------------------


def test_a_price_change_mid_year_leaves_the_paid_invoice_and_its_year_at_18_000_dollars(
    plans, org_a, staff
):
    membership = join(org_a, staff, paid_on=date(2027, 6, 1))

    change_price(staff, plans["Medical Center"], 1_950_000, on=date(2027, 11, 15))

    first = invoice_of_kind("initial")
    assert (first.total_cents, first.paid_cents) == (1_800_000, 1_800_000)
    assert year_prices(membership) == [(date(2027, 6, 1), "Medical Center", 1_800_000)]


def test_the_renewal_after_a_mid_year_price_change_is_invoiced_at_the_new_price(
    plans, org_a, staff
):
    membership = join(org_a, staff, paid_on=date(2027, 6, 1))
    change_price(staff, plans["Medical Center"], 1_950_000, on=date(2027, 11, 15))

    run_on(date(2028, 4, 1))
    renewal = invoice_of_kind("renewal")
    with at(date(2028, 4, 20)):
        pay(renewal, staff, received_on=date(2028, 4, 20))

    assert renewal.total_cents == 1_950_000
    assert list(renewal.lines.values_list("description", "amount_cents")) == [
        (
            "SocialRx membership renewal, Medical Center (300–499 licensed beds), "
            "Jun 1, 2028 to May 31, 2029",
            1_950_000,
        )
    ]
    assert year_prices(membership) == [
        (date(2027, 6, 1), "Medical Center", 1_800_000),
        (date(2028, 6, 1), "Medical Center", 1_950_000),
    ]


def test_a_price_change_after_the_renewal_is_invoiced_leaves_that_invoice_as_issued(
    plans, org_a, staff
):
    membership = join(org_a, staff, paid_on=date(2027, 6, 1))
    run_on(date(2028, 4, 1))

    change_price(staff, plans["Medical Center"], 2_100_000, on=date(2028, 4, 15))
    renewal = invoice_of_kind("renewal")
    with at(date(2028, 4, 20)):
        pay(renewal, staff, received_on=date(2028, 4, 20))

    assert (renewal.total_cents, renewal.lines.get().amount_cents) == (1_800_000, 1_800_000)
    assert year_prices(membership)[1] == (date(2028, 6, 1), "Medical Center", 1_800_000)


def test_an_unpaid_first_invoice_keeps_its_price_when_the_plan_price_changes(plans, org_a, staff):
    organization, admin, _ = org_a
    with at(date(2027, 5, 25)):
        membership, invoice = applications.approve_application(
            actor=staff, application=apply(organization, admin)
        )
    change_price(staff, plans["Medical Center"], 1_950_000, on=date(2027, 5, 28))

    with at(date(2027, 6, 1)):
        pay(invoice, staff, received_on=date(2027, 6, 1))

    invoice.refresh_from_db()
    assert (invoice.status, invoice.total_cents) == ("paid", 1_800_000)
    assert year_prices(membership) == [(date(2027, 6, 1), "Medical Center", 1_800_000)]


# --- a band changed by the organization's size at renewal --------------------------------------


def test_a_hospital_grown_to_520_beds_renews_on_academic_medical_center_at_25_000_dollars(
    plans, org_a, staff
):
    join(org_a, staff, paid_on=date(2027, 6, 1))
    with at(date(2027, 12, 1)):
        grow_to(org_a[0], 520)

    run_on(date(2028, 4, 1))

    renewal = invoice_of_kind("renewal")
    assert (charge_of(renewal).plan.name, renewal.total_cents) == (
        "Academic Medical Center",
        2_500_000,
    )
    assert renewal.lines.get().description == (
        "SocialRx membership renewal, Academic Medical Center (500+ licensed beds), "
        "Jun 1, 2028 to May 31, 2029"
    )
    event = AuditEvent.objects.get(action="membership.membership.renewal_band_changed")
    assert (event.actor, event.before, event.after) == (
        None,
        {"plan": "Medical Center (300–499 licensed beds)"},
        {"plan": "Academic Medical Center (500+ licensed beds)", "size": 520,
         "invoice": "INV-2028-00001"},
    )  # fmt: skip


def test_a_hospital_that_grew_within_its_band_renews_on_the_same_plan_with_no_band_event(
    plans, org_a, staff
):
    join(org_a, staff, paid_on=date(2027, 6, 1))
    grow_to(org_a[0], 499)

    run_on(date(2028, 4, 1))

    renewal = invoice_of_kind("renewal")
    assert (charge_of(renewal).plan.name, renewal.total_cents) == ("Medical Center", 1_800_000)
    assert (
        AuditEvent.objects.filter(action="membership.membership.renewal_band_changed").count() == 0
    )


def test_a_hospital_with_no_bed_count_renews_on_its_current_plan(plans, org_a, staff):
    join(org_a, staff, paid_on=date(2027, 6, 1))
    org_a[0].licensed_beds = None
    org_a[0].save(update_fields=["licensed_beds"])

    run_on(date(2028, 4, 1))

    renewal = invoice_of_kind("renewal")
    assert (charge_of(renewal).plan.name, renewal.total_cents) == ("Medical Center", 1_800_000)


def test_a_hospital_shrunk_to_250_beds_keeps_its_35_seats_until_the_renewed_year_begins(
    plans, org_a, staff
):
    membership = join(org_a, staff, paid_on=date(2027, 6, 1))
    organization = org_a[0]
    grow_to(organization, 250)
    run_on(date(2028, 4, 1))
    renewal = invoice_of_kind("renewal")

    with at(date(2028, 4, 2)):
        seats_once_invoiced = selectors.seat_limit(organization)
    with at(date(2028, 4, 20)):
        pay(renewal, staff, received_on=date(2028, 4, 20))
        seats_once_paid = selectors.seat_limit(organization)
    run_on(date(2028, 6, 1))
    with at(date(2028, 6, 1)):
        seats_in_the_new_year = selectors.seat_limit(organization)

    assert renewal.total_cents == 1_200_000
    assert (seats_once_invoiced, seats_once_paid, seats_in_the_new_year) == (35, 35, 20)
    assert year_prices(membership) == [
        (date(2027, 6, 1), "Medical Center", 1_800_000),
        (date(2028, 6, 1), "Regional Hospital", 1_200_000),
    ]
    event = AuditEvent.objects.get(action="membership.membership.plan_changed")
    assert (event.before, event.after) == (
        {"plan": "Medical Center (300–499 licensed beds)"},
        {"plan": "Regional Hospital (100–299 licensed beds)"},
    )
