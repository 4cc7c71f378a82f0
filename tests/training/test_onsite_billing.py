"""Accepting a proposal invoices the organization through billing; paying it and voiding it
come back to the request's timeline; delivery is recorded with attendance, notes and
certificates of attendance."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.billing.models import Invoice
from socialrx.billing.sellables import kind
from socialrx.billing.services.checkout import Item, checkout
from socialrx.billing.services.invoices import void_invoice
from socialrx.billing.services.payments import record_manual_payment
from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.models import AuditEvent
from socialrx.schedules.models import Commitment
from socialrx.training.models import Certificate, OnsiteRequest, OnsiteStep
from socialrx.training.services import onsite as services
from socialrx.training.services.onsite_sales import ONSITE_KIND
from tests.factories import UserFactory
from tests.training import onsite_factories as make
from tests.training.factories import make_member

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _february_2031():
    with make.frozen():
        yield


def events(onsite) -> list[str]:
    return list(OnsiteStep.objects.filter(request=onsite).values_list("event", flat=True))


def test_accepting_issues_the_invoice_to_the_organization_and_tells_staff(
    org_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    organization, admin, _ = org_a
    onsite = make.proposed(organization, admin, staff)

    with django_capture_on_commit_callbacks(execute=True):
        services.accept_onsite(actor=admin, onsite=onsite)

    onsite.refresh_from_db()
    invoice = onsite.invoice
    assert (onsite.status, invoice.number, invoice.total_cents) == (
        "accepted",
        "INV-2031-00001",
        450_000,
    )
    assert (invoice.organization, invoice.route, invoice.status) == (
        organization,
        "invoice",
        "open",
    )
    assert (invoice.billing_name, invoice.billing_email) == (admin.full_name, admin.email)
    [line] = invoice.lines.all()
    assert (line.kind, line.sold_public_id, line.description, line.amount_cents) == (
        "training.onsite",
        onsite.public_id,
        "On-site training at Riverside Regional Medical Center, Mar 4, 2031",
        450_000,
    )
    assert events(onsite) == ["requested", "proposed", "accepted"]
    assert OnsiteStep.objects.last().note == "Invoice INV-2031-00001 for $4,500.00 issued."
    assert AuditEvent.objects.filter(action="training.onsite.accepted").count() == 1
    assert sorted((m.to[0], m.subject) for m in mailoutbox if "On-site" in m.subject) == [
        (
            staff.email,
            "On-site training at Riverside Regional Medical Center: "
            "proposal accepted, invoice issued",
        )
    ]
    # Billing emailed the invoice itself to the billing contact.
    assert any(m.to == [admin.email] and "INV-2031-00001" in m.subject for m in mailoutbox)


def test_a_member_organization_is_invoiced_to_its_billing_contact(org_a, staff):
    organization, admin, _ = org_a
    make_member(organization)
    onsite = make.accepted(organization, admin, staff)

    assert (onsite.invoice.billing_name, onsite.invoice.billing_email) == (
        "Accounts payable",
        "ap@example-health.org",
    )


def test_a_proposal_is_accepted_once(org_a, staff):
    organization, admin, _ = org_a
    onsite = make.accepted(organization, admin, staff)

    with pytest.raises(Conflict, match="is accepted, invoiced: it cannot be accepted now"):
        services.accept_onsite(actor=admin, onsite=onsite)

    assert Invoice.objects.count() == 1


def test_a_proposal_whose_date_has_passed_cannot_be_accepted(org_a, staff):
    organization, admin, _ = org_a
    onsite = make.proposed(organization, admin, staff)

    with make.frozen(make.AFTER_SESSION), pytest.raises(Conflict, match="date has passed"):
        services.accept_onsite(actor=admin, onsite=onsite)

    assert (Invoice.objects.count(), OnsiteRequest.objects.get().status) == (0, "proposed")


def test_an_accepted_request_cannot_be_proposed_again_or_withdrawn(org_a, staff):
    organization, admin, _ = org_a
    onsite = make.accepted(organization, admin, staff)

    with pytest.raises(Conflict):
        services.propose_onsite(
            actor=staff,
            onsite=onsite,
            starts_at=make.STARTS,
            ends_at=make.ENDS,
            trainers=[make.trainer("Sam Ortiz")],
            quote_cents=1,
        )
    with pytest.raises(Conflict):
        services.withdraw_onsite(actor=admin, onsite=onsite)


def test_the_kind_quotes_the_proposal_and_is_not_sold_at_the_checkout(org_a, staff):
    organization, admin, _ = org_a
    onsite = make.proposed(organization, admin, staff)

    assert kind("training.onsite") is ONSITE_KIND
    quote = ONSITE_KIND.quote(organization, onsite.public_id, 1)
    assert (quote.description, quote.unit_price_cents, quote.amount_cents) == (
        "On-site training at Riverside Regional Medical Center, Mar 4, 2031",
        450_000,
        450_000,
    )
    with pytest.raises(NotFound):
        ONSITE_KIND.quote(organization, staff.public_id, 1)  # not a request's id
    with pytest.raises(DomainError):
        checkout(
            actor=admin,
            buyer=organization,
            items=[Item("training.onsite", onsite.public_id, 1)],
            pay_by="invoice",
            billing_name="AP",
            billing_email="ap@example-health.org",
        )
    assert Invoice.objects.count() == 0


def test_paying_the_invoice_adds_a_step_and_tells_staff(
    org_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    organization, admin, _ = org_a
    onsite = make.accepted(organization, admin, staff)

    with django_capture_on_commit_callbacks(execute=True):
        record_manual_payment(
            actor=staff,
            invoice=onsite.invoice,
            amount_cents=450_000,
            method="check",
            reference="Check 20417",
            received_on=date(2031, 2, 3),
        )

    onsite.refresh_from_db()
    assert onsite.status == "accepted"
    assert events(onsite)[-1] == "invoice_paid"
    step = OnsiteStep.objects.last()
    assert (step.actor, step.status, step.note) == (
        None,
        "accepted",
        "Invoice INV-2031-00001 paid.",
    )
    assert AuditEvent.objects.filter(action="training.onsite.invoice_paid").count() == 1
    assert [m.to for m in mailoutbox if m.subject.endswith(": invoice paid")] == [[staff.email]]


def test_a_voided_invoice_returns_the_request_to_its_standing_proposal(
    org_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    organization, admin, _ = org_a
    onsite = make.accepted(organization, admin, staff)

    with django_capture_on_commit_callbacks(execute=True):
        void_invoice(actor=staff, invoice=onsite.invoice, reason="Wrong billing address")

    onsite.refresh_from_db()
    assert (onsite.status, onsite.invoice, onsite.quote_cents) == ("proposed", None, 450_000)
    assert Commitment.objects.count() == 1  # the trainer stays booked
    assert events(onsite)[-1] == "invoice_voided"
    assert OnsiteStep.objects.last().note == (
        "Invoice INV-2031-00001 voided by the center (Wrong billing address). The proposal "
        "stands: accept it again for a new invoice, or the center will send a revised one."
    )
    assert [m.to for m in mailoutbox if m.subject.endswith(": invoice voided")] == [[admin.email]]

    services.accept_onsite(actor=admin, onsite=onsite)

    onsite.refresh_from_db()
    assert (onsite.status, onsite.invoice.number) == ("accepted", "INV-2031-00002")


# --- delivery ---------------------------------------------------------------------------------


def test_a_session_is_marked_delivered_only_after_it_took_place(org_a, staff):
    organization, admin, _ = org_a
    onsite = make.accepted(organization, admin, staff)

    with pytest.raises(Conflict, match="The session is on Mar 4, 2031: mark it delivered once"):
        services.mark_delivered(actor=staff, onsite=onsite, attendees_count=20)

    assert OnsiteRequest.objects.get().status == "accepted"


def test_delivery_records_attendance_notes_and_certificates_and_tells_the_admins(
    org_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    organization, admin, member = org_a
    onsite = make.accepted(organization, admin, staff)

    with make.frozen(make.AFTER_SESSION), django_capture_on_commit_callbacks(execute=True):
        services.mark_delivered(
            actor=staff,
            onsite=onsite,
            attendees_count=22,
            trainer_notes="Great questions on consent forms.",
            certify=[member, admin],
        )

    onsite.refresh_from_db()
    assert (onsite.status, onsite.attendees_count, onsite.trainer_notes) == (
        "delivered",
        22,
        "Great questions on consent forms.",
    )
    assert sorted(
        Certificate.objects.values_list(
            "person_id", "kind", "hours", "completed_on", "source_public_id", "title"
        )
    ) == sorted(
        (
            person.pk,
            "onsite",
            Decimal("6.0"),
            date(2031, 3, 4),
            onsite.public_id,
            "On-site training at Riverside Regional Medical Center: HIPAA and privacy, "
            "Crisis response",
        )
        for person in (member, admin)
    )
    assert OnsiteStep.objects.last().note == "22 attended. 2 certificates issued."
    assert [m.to for m in mailoutbox if m.subject.endswith(": training delivered")] == [
        [admin.email]
    ]
    with pytest.raises(Conflict, match="is delivered: it cannot be proposed now"):
        services.propose_onsite(
            actor=staff,
            onsite=onsite,
            starts_at=make.STARTS,
            ends_at=make.ENDS,
            trainers=[make.trainer("Sam Ortiz")],
            quote_cents=1,
        )


@pytest.mark.parametrize(
    ("attendees", "outsider", "message"),
    [
        (0, False, "Enter between 1 and 10,000 attendees."),
        (-3, False, "Enter between 1 and 10,000 attendees."),
        (12, True, "Certificates go to people of Riverside Regional Medical Center only."),
    ],
)
def test_bad_delivery_records_are_refused_and_nothing_is_written(
    org_a, staff, attendees, outsider, message
):
    organization, admin, member = org_a
    onsite = make.accepted(organization, admin, staff)
    people = [member, UserFactory()] if outsider else [member]

    with make.frozen(make.AFTER_SESSION), pytest.raises(DomainError, match=message):
        services.mark_delivered(
            actor=staff, onsite=onsite, attendees_count=attendees, certify=people
        )

    assert OnsiteRequest.objects.get().status == "accepted"
    assert Certificate.objects.count() == 0


def test_only_staff_mark_delivered(org_a, staff, coach):
    organization, admin, _ = org_a
    onsite = make.accepted(organization, admin, staff)
    for person in (admin, coach):
        with make.frozen(make.AFTER_SESSION), pytest.raises(PermissionDenied):
            services.mark_delivered(actor=person, onsite=onsite, attendees_count=5)
