"""The membership rules of the issue, one test each, through the services."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from socialrx.billing.models import Invoice, InvoiceStatus, Payment
from socialrx.billing.pdf import remittance
from socialrx.billing.services import invoices as billing_invoices
from socialrx.billing.services import payments
from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.core.permissions import forget
from socialrx.membership import selectors
from socialrx.membership.models import (
    Membership,
    MembershipApplication,
    MembershipStatus,
    RenewalReminder,
)
from socialrx.membership.services import applications, lifecycle
from socialrx.membership.services import plans as plan_services
from socialrx.organizations.models import Invitation
from socialrx.organizations.services import invite_person
from tests.factories import OrganizationFactory, SeatFactory
from tests.membership.factories import (  # noqa: F401
    MembershipFactory,
    invoice_of_kind,
    invoices_of_kind,
    issue_invoice,
)

pytestmark = pytest.mark.integration
# Tests about dates run on 15 March 2027 (in the center's zone): the year paid that day runs to
# 14 March 2028 (across 29 February), and every expected date below is written out by hand.
on_15_march_2027 = time_machine.travel(
    datetime(2027, 3, 15, 10, tzinfo=ZoneInfo("America/Chicago")), tick=False
)


def apply(organization, admin, **overrides):
    data = {
        "billing_contact_name": "Karen Lindqvist",
        "billing_email": "ap@riverside-rmc.example",
        "agreed_to_terms": True,
        **overrides,
    }
    return applications.apply_for_membership(actor=admin, organization=organization, **data)


def paid_member(org_a, staff):
    """Org A applied, was approved and paid by check today (its year starts today)."""
    organization, admin, _ = org_a
    _, invoice = applications.approve_application(
        actor=staff, application=apply(organization, admin)
    )
    payments.record_manual_payment(
        actor=staff,
        invoice=invoice,
        amount_cents=invoice.total_cents,
        method="check",
        reference="Check 1001",
        received_on=timezone.localdate(),
    )
    return Membership.objects.get(organization=organization), invoice


# --- plans and quotes -------------------------------------------------------------------------


def test_the_quote_comes_from_the_organizations_size(plans, org_a):
    organization, _, _ = org_a  # 350 licensed beds

    assert plan_services.plan_for(organization) == plans["Medical Center"]


def test_a_quote_needs_the_size_figure(plans, org_a):
    organization, _, _ = org_a
    organization.licensed_beds = None

    with pytest.raises(DomainError, match="licensed beds"):
        plan_services.plan_for(organization)


def new_band(staff, **fields):
    data = {
        "audience": "hospital",
        "name": "Overlap",
        "size_min": 250,
        "size_max": 320,
        "annual_price_cents": 100_000,
        "seat_limit": 5,
        **fields,
    }
    return plan_services.save_plan(actor=staff, plan=None, data=data)


def test_an_overlapping_band_is_refused_and_nothing_is_saved(plans, staff):
    with pytest.raises(DomainError, match="overlaps"):
        new_band(staff)
    assert not selectors.Plan.objects.filter(name="Overlap").exists()


def test_a_gap_between_bands_is_refused(plans, staff):
    medical_center = plans["Medical Center"]

    with pytest.raises(DomainError, match="fall between"):
        plan_services.save_plan(actor=staff, plan=medical_center, data={"size_min": 310})

    medical_center.refresh_from_db()
    assert medical_center.size_min == 300


def test_the_top_band_must_be_open_ended(plans, staff):
    with pytest.raises(DomainError, match="open-ended"):
        plan_services.save_plan(
            actor=staff, plan=plans["Academic Medical Center"], data={"size_max": 900}
        )


def test_a_negative_price_is_refused(plans, staff):
    with pytest.raises(DomainError):
        plan_services.save_plan(
            actor=staff, plan=plans["Individual Physician"], data={"annual_price_cents": -100}
        )
    plans["Individual Physician"].refresh_from_db()
    assert plans["Individual Physician"].annual_price_cents == 49_500


def test_only_staff_edit_plans(plans, org_a):
    with pytest.raises(PermissionDenied):
        plan_services.save_plan(
            actor=org_a[1], plan=plans["Medical Center"], data={"annual_price_cents": 1}
        )


def test_a_price_change_applies_to_later_periods_only(plans, org_a, staff):
    membership, _ = paid_member(org_a, staff)

    plan_services.save_plan(
        actor=staff, plan=plans["Medical Center"], data={"annual_price_cents": 2_000_000}
    )

    assert membership.periods.get().price_cents == 1_800_000
    assert AuditEvent.objects.filter(action="membership.plan.updated").count() == 1


# --- applications -----------------------------------------------------------------------------


def test_applying_twice_is_refused(plans, org_a):
    organization, admin, _ = org_a
    apply(organization, admin)

    with pytest.raises(DomainError, match="already waiting for review"):
        apply(organization, admin)
    assert MembershipApplication.objects.count() == 1


def test_a_member_cannot_apply_for_the_organization(plans, org_a):
    organization, _, member = org_a
    with pytest.raises(PermissionDenied):
        apply(organization, member)
    assert MembershipApplication.objects.count() == 0


def test_terms_must_be_agreed(plans, org_a):
    organization, admin, _ = org_a
    with pytest.raises(DomainError, match="agree"):
        apply(organization, admin, agreed_to_terms=False)


@on_15_march_2027
def test_approval_issues_the_first_invoice_and_emails_the_applicant(
    plans, org_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    organization, admin, _ = org_a
    application = apply(organization, admin)

    with django_capture_on_commit_callbacks(execute=True):
        membership, invoice = applications.approve_application(actor=staff, application=application)

    assert membership.status == MembershipStatus.AWAITING_PAYMENT
    assert (invoice.number, invoice.issued_on, invoice.due_on, invoice.total_cents) == (
        "INV-2027-00001",
        date(2027, 3, 15),
        date(2027, 4, 14),
        1_800_000,
    )
    subjects = sorted(m.subject for m in mailoutbox)
    assert subjects[0].startswith("SocialRx invoice INV-")
    assert "approved" in subjects[1]
    invoice_mail = next(m for m in mailoutbox if m.subject.startswith("SocialRx invoice"))
    assert invoice_mail.attachments[0][1][:4] == b"%PDF"
    assert not selectors.is_member(organization)


def test_declining_needs_a_reason_and_emails_it(
    plans, org_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    organization, admin, _ = org_a
    application = apply(organization, admin)
    with pytest.raises(DomainError, match="why"):
        applications.decline_application(actor=staff, application=application, reason=" ")

    with django_capture_on_commit_callbacks(execute=True):
        applications.decline_application(
            actor=staff, application=application, reason="Please add your CCN."
        )

    [message] = mailoutbox
    assert "Please add your CCN." in message.body


# --- invoices and payments --------------------------------------------------------------------


@on_15_march_2027
def test_invoice_numbers_follow_each_other_and_restart_each_year(plans, org_a, staff):
    membership, first = paid_member(org_a, staff)
    second = issue_invoice(membership=membership, kind="adjustment", lines=[("A", 100)])
    next_year = issue_invoice(
        membership=membership, kind="adjustment", lines=[("B", 100)], issued_on=date(2028, 1, 2)
    )

    assert [first.number, second.number, next_year.number] == [
        "INV-2027-00001",
        "INV-2027-00002",
        "INV-2028-00001",
    ]


def test_a_partial_payment_leaves_the_invoice_open_and_benefits_off(plans, org_a, staff):
    organization, admin, _ = org_a
    _, invoice = applications.approve_application(
        actor=staff, application=apply(organization, admin)
    )

    payments.record_manual_payment(
        actor=staff, invoice=invoice, amount_cents=800_000, method="ach", reference="ACH 1",
        received_on=timezone.localdate(),
    )  # fmt: skip

    invoice.refresh_from_db()
    assert (invoice.status, invoice.balance_cents) == (InvoiceStatus.OPEN, 1_000_000)
    assert not selectors.is_member(organization)


@on_15_march_2027
def test_payment_in_full_activates_a_one_year_period_at_the_invoiced_price(plans, org_a, staff):
    membership, invoice = paid_member(org_a, staff)

    invoice.refresh_from_db()
    period = membership.periods.get()
    assert invoice.status == InvoiceStatus.PAID
    assert membership.status == MembershipStatus.ACTIVE
    assert (period.starts_on, period.ends_on) == (date(2027, 3, 15), date(2028, 3, 14))
    assert period.price_cents == 1_800_000
    assert selectors.is_member(org_a[0])


def test_an_overpayment_is_refused_until_staff_confirm_then_shown_as_credit(plans, org_a, staff):
    organization, admin, _ = org_a
    _, invoice = applications.approve_application(
        actor=staff, application=apply(organization, admin)
    )
    record = {
        "actor": staff, "invoice": invoice, "amount_cents": 1_900_000, "method": "check",
        "reference": "", "received_on": timezone.localdate(),
    }  # fmt: skip

    with pytest.raises(payments.NeedsConfirmation) as warning:
        payments.record_manual_payment(**record)
    assert warning.value.message == (
        "$19,000.00 is more than the $18,000.00 still owed on "
        f"{invoice.number}; the difference would be kept as a credit."
    )
    assert Payment.objects.count() == 0
    payments.record_manual_payment(**record, confirmed=True)

    invoice.refresh_from_db()
    assert (invoice.status, invoice.overpaid_cents) == (InvoiceStatus.PAID, 100_000)


def test_paying_a_paid_or_void_invoice_is_refused(plans, org_a, staff):
    membership, invoice = paid_member(org_a, staff)
    with pytest.raises(DomainError, match="already paid"):
        payments.record_manual_payment(
            actor=staff, invoice=invoice, amount_cents=100, method="check", reference="",
            received_on=timezone.localdate(),
        )  # fmt: skip
    extra = issue_invoice(membership=membership, kind="adjustment", lines=[("X", 500)])
    billing_invoices.void_invoice(actor=staff, invoice=extra, reason="Issued in error")
    with pytest.raises(DomainError, match="void"):
        payments.record_manual_payment(
            actor=staff, invoice=extra, amount_cents=500, method="check", reference="",
            received_on=timezone.localdate(),
        )  # fmt: skip
    assert Payment.objects.count() == 1


def test_only_staff_record_payments(plans, org_a, staff):
    organization, admin, _ = org_a
    _, invoice = applications.approve_application(
        actor=staff, application=apply(organization, admin)
    )
    with pytest.raises(PermissionDenied):
        payments.record_manual_payment(
            actor=admin, invoice=invoice, amount_cents=100, method="check", reference="",
            received_on=timezone.localdate(),
        )  # fmt: skip
    assert Payment.objects.count() == 0


# --- seats ------------------------------------------------------------------------------------


def test_an_invitation_past_the_seat_limit_is_refused_with_an_upgrade_hint(org_a, settings):
    settings.GUEST_SEAT_LIMIT = 3  # org A (no membership) holds 2 people
    organization, admin, _ = org_a
    invite_person(actor=admin, organization=organization, email="third@example-health.org")

    with pytest.raises(DomainError, match="larger membership plan"):
        invite_person(actor=admin, organization=organization, email="fourth@example-health.org")
    assert Invitation.objects.count() == 1


def test_a_member_organization_gets_its_plans_seats(plans, org_a, staff):
    paid_member(org_a, staff)
    assert selectors.seat_summary(org_a[0]) == (2, 35)


# --- renewals ---------------------------------------------------------------------------------


@on_15_march_2027
def test_renewal_reminders_and_invoice_are_sent_once_even_when_run_twice(
    plans, org_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    paid_member(org_a, staff)  # the year ends on 14 March 2028

    with django_capture_on_commit_callbacks(execute=True):
        first = lifecycle.run_renewals(today=date(2028, 1, 14))  # 60 days before
        again = lifecycle.run_renewals(today=date(2028, 1, 14))
        at_30 = lifecycle.run_renewals(today=date(2028, 2, 13))
        at_7 = lifecycle.run_renewals(today=date(2028, 3, 7))

    assert (first["invoices"], first["reminders"]) == (1, 1)
    assert (again["invoices"], again["reminders"]) == (0, 0)
    assert (at_30["reminders"], at_7["reminders"]) == (1, 1)
    assert sorted(RenewalReminder.objects.values_list("days_before", flat=True)) == [7, 30, 60]
    assert invoices_of_kind("renewal").count() == 1


@on_15_march_2027
def test_a_larger_organization_renews_in_its_new_band(plans, org_a, staff):
    membership, _ = paid_member(org_a, staff)
    organization = org_a[0]
    organization.licensed_beds = 620
    organization.save()

    lifecycle.run_renewals(today=date(2028, 1, 15))

    renewal = invoice_of_kind("renewal")
    assert renewal.total_cents == 2_500_000  # Academic Medical Center, 500+ beds
    assert membership.periods.get().price_cents == 1_800_000


@on_15_march_2027
def test_grace_keeps_benefits_then_the_membership_lapses_and_keeps_its_records(plans, org_a, staff):
    membership, _ = paid_member(org_a, staff)  # the year ends on 14 March 2028
    organization = org_a[0]

    lifecycle.run_renewals(today=date(2028, 3, 24))
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.GRACE
    assert selectors.is_member(organization, today=date(2028, 3, 24))

    lifecycle.run_renewals(today=date(2028, 4, 14))  # grace ended on 13 April
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LAPSED
    assert not selectors.is_member(organization, today=date(2028, 4, 14))
    assert membership.periods.count() == 1
    assert Invoice.objects.filter(organization=organization).count() == 2  # first + renewal


@on_15_march_2027
def test_paying_the_renewal_continues_the_year_from_the_old_end(plans, org_a, staff):
    membership, _ = paid_member(org_a, staff)  # the year ends on 14 March 2028
    lifecycle.run_renewals(today=date(2028, 1, 14))
    renewal = invoice_of_kind("renewal")

    with time_machine.travel(
        datetime(2028, 1, 20, 10, tzinfo=ZoneInfo("America/Chicago")), tick=False
    ):
        payments.record_manual_payment(
            actor=staff, invoice=renewal, amount_cents=renewal.total_cents, method="ach",
            reference="ACH 2", received_on=date(2028, 1, 20),
        )  # fmt: skip

    membership.refresh_from_db()
    assert list(membership.periods.order_by("starts_on").values_list("starts_on", "ends_on")) == [
        (date(2027, 3, 15), date(2028, 3, 14)),
        (date(2028, 3, 15), date(2029, 3, 14)),
    ]
    assert membership.covered_until == date(2029, 3, 14)


# --- staff actions ----------------------------------------------------------------------------


def test_staff_activate_on_a_purchase_order_before_payment_and_it_is_audited(plans, org_a, staff):
    organization, admin, _ = org_a
    membership, _ = applications.approve_application(
        actor=staff, application=apply(organization, admin)
    )

    lifecycle.activate_on_purchase_order(actor=staff, membership=membership, po_number="PO-7781")

    assert selectors.is_member(organization)
    event = AuditEvent.objects.get(action="membership.membership.activated_on_po")
    assert event.after["po_number"] == "PO-7781"
    assert event.actor == staff


def test_cancel_with_a_credit_note_voids_open_invoices_and_is_audited(plans, org_a, staff):
    membership, paid = paid_member(org_a, staff)
    open_invoice = issue_invoice(membership=membership, kind="adjustment", lines=[("X", 900)])

    _, credit = lifecycle.cancel_membership(
        actor=staff, membership=membership, reason="Hospital closed", credit_cents=50_000
    )

    open_invoice.refresh_from_db()
    assert open_invoice.status == InvoiceStatus.VOID
    assert (credit.invoice, credit.amount_cents) == (paid, 50_000)
    assert not selectors.is_member(org_a[0])
    assert AuditEvent.objects.filter(action="membership.membership.cancelled").count() == 1


def test_a_complimentary_membership_gives_benefits_without_an_invoice(plans, org_a, staff):
    organization = org_a[0]
    lifecycle.grant_complimentary(
        actor=staff, organization=organization, plan=plans["Medical Center"], reason="Speaker"
    )

    assert selectors.is_member(organization)
    assert Invoice.objects.count() == 0
    assert (
        AuditEvent.objects.filter(action="membership.membership.complimentary_granted").count() == 1
    )


def test_member_prices_and_coaching_hours_come_from_the_plan(plans, org_a, staff):
    paid_member(org_a, staff)
    organization = org_a[0]

    # Medical Center: 20 % off boot camp seats and conference tickets, nothing off other kinds.
    assert selectors.member_price(organization, 100_000, kind="training.seat") == (
        selectors.MemberPrice(80_000, 20_000, "Member price, Medical Center plan (20% off)")
    )
    assert selectors.member_price(organization, 100_000, kind="events.ticket").cents == 80_000
    assert selectors.member_price(organization, 100_000, kind="coaching.package") == (
        selectors.MemberPrice(100_000)
    )
    assert selectors.member_price(None, 100_000, kind="training.seat").cents == 100_000
    # A person pays what their member organization's plan gives; a stranger the list price.
    assert selectors.member_price(org_a[1], 100_000, kind="training.seat").cents == 80_000
    assert selectors.member_price(staff, 100_000, kind="training.seat").cents == 100_000
    assert selectors.coaching_hours_remaining(organization) == 12


def test_a_persons_member_price_takes_the_same_queries_however_many_organizations(
    plans, org_a, staff
):
    paid_member(org_a, staff)
    person = org_a[1]

    def queries() -> int:
        forget(person)
        with CaptureQueriesContext(connection) as captured:
            assert selectors.member_price(person, 100_000, kind="training.seat").cents == 80_000
        return len(captured)

    with_one = queries()
    for _ in range(3):
        other = OrganizationFactory()
        SeatFactory(organization=other, user=person, role="admin")
        today = timezone.localdate()
        MembershipFactory(
            organization=other, plan=plans["Community Hospital"], status="active",
            covered_from=today, covered_until=today + timedelta(days=300),
        )  # fmt: skip

    # The best price of four member organizations: Medical Center's 20 % beats 10 %.
    assert queries() == with_one


def test_a_tax_exemption_given_when_applying_is_printed_on_every_membership_invoice(
    plans, org_a, staff
):
    organization, admin, _ = org_a
    note = "501(c)(3) non-profit, exemption certificate 12-3456789"

    _, invoice = applications.approve_application(
        actor=staff, application=apply(organization, admin, tax_exempt_note=f"  {note} ")
    )
    adjustment = issue_invoice(
        membership=Membership.objects.get(organization=organization),
        kind="adjustment",
        lines=[("Band change", 100_000)],
    )

    assert (invoice.tax_exempt_note, adjustment.tax_exempt_note) == (note, note)
    assert f"Tax exemption: {note}" in invoice_html(invoice)


def invoice_html(invoice) -> str:
    return render_to_string(
        "billing/invoice_pdf.html",
        {"invoice": invoice, "lines": list(invoice.lines.all()), "remittance": remittance()},
    )
