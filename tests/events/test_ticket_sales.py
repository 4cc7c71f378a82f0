"""Tickets sold through billing (kind "events.ticket"): the quote priced on the server, card
checkout, abandoned checkout, invoices for organizations (net 30 with a PO), late payments,
refunds."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from socialrx.billing.models import Invoice
from socialrx.billing.services import refunds
from socialrx.billing.services.holds import release_expired_holds
from socialrx.billing.services.invoices import void_invoice
from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.events.models import TicketKind, WaitlistEntry
from socialrx.events.selectors.places import places_left, type_places_left
from socialrx.events.services.registration import register, release_expired_orders
from socialrx.events.services.ticket_sales import quote_tickets
from socialrx.events.signals import order_confirmed
from tests.events.factories import make_event, make_ticket_type
from tests.events.registration_support import card, check_out, details, pay_by_card, pay_by_check  # noqa: F401
from tests.factories import UserFactory
from tests.training.factories import member_org

pytestmark = pytest.mark.integration


@pytest.fixture
def event(db):
    return make_event(title="Social Media in Health Care Summit", capacity=10)


@pytest.fixture
def general(event):
    return make_ticket_type(event, name="Non-member", price_cents=45_000, quota=3)


@pytest.fixture
def freed(monkeypatch):
    told = []
    monkeypatch.setattr(
        "socialrx.events.services.waitlist.offer_freed_places",
        lambda event, ticket_type=None: told.append((event.pk, getattr(ticket_type, "pk", None))),
    )
    return told


@pytest.fixture
def confirmed_orders():
    sent = []
    order_confirmed.connect(
        lambda sender, order, **kw: sent.append(order.pk), weak=False, dispatch_uid="test-sales"
    )
    yield sent
    order_confirmed.disconnect(dispatch_uid="test-sales")


def test_paying_by_card_confirms_the_order_and_its_attendees(
    event,
    general,
    user,
    card,  # noqa: F811
    confirmed_orders,
    django_capture_on_commit_callbacks,
):
    order = register(user, event, general, details("ana@x.example", "ben@x.example"))
    invoice = check_out(user, order, pay_by="card")

    line = invoice.lines.get()
    assert (line.kind, line.sold_public_id, line.quantity) == ("events.ticket", order.public_id, 2)
    assert (line.unit_price_cents, line.discount_cents, line.amount_cents) == (45_000, 0, 90_000)
    assert line.description.startswith("Ticket: Social Media in Health Care Summit (")
    assert line.description.endswith("), 2 × Non-member")
    assert type_places_left(general) == 1

    with django_capture_on_commit_callbacks(execute=True):
        assert pay_by_card(invoice) == "recorded"

    order.refresh_from_db()
    assert (order.status, order.invoice_id) == ("confirmed", invoice.pk)
    assert order.confirmed_at is not None
    assert set(order.attendees.values_list("status", flat=True)) == {"confirmed"}
    assert confirmed_orders == [order.pk]
    assert type_places_left(general) == 1
    assert AuditEvent.objects.filter(action="events.order.confirmed").count() == 1


def test_an_abandoned_card_checkout_is_voided_and_frees_the_places(
    event,
    general,
    user,
    card,  # noqa: F811
    freed,
    django_capture_on_commit_callbacks,
):
    order = register(user, event, general, details("ana@x.example"))
    invoice = check_out(user, order, pay_by="card")
    assert type_places_left(general) == 2

    with (
        time_machine.travel(timezone.now() + timedelta(minutes=31)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert release_expired_holds() == 1

    invoice.refresh_from_db()
    order.refresh_from_db()
    assert invoice.status == "void"
    assert (order.status, order.invoice_id) == ("cancelled", invoice.pk)
    assert order.attendees.get().cancel_reason == "The invoice was voided."
    assert type_places_left(general) == 3 and places_left(event) == 10
    assert freed == [(event.pk, general.pk)]


def test_a_late_card_payment_takes_the_places_again_when_free(
    event,
    general,
    user,
    card,  # noqa: F811
):
    order = register(user, event, general, details("ana@x.example"))
    invoice = check_out(user, order, pay_by="card")
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        release_expired_holds()
        invoice.refresh_from_db()
        assert pay_by_card(invoice, amount_cents=45_000) == "recorded late: places taken again"

    order.refresh_from_db()
    assert order.status == "confirmed"
    assert order.attendees.get().status == "confirmed"


def test_an_org_pays_a_team_by_invoice_net_30_at_the_member_price(db, event, staff):
    organization, admin, member = member_org()  # Medical Center plan: 20 % off conferences
    member_type = make_ticket_type(
        event, name="Member", kind=TicketKind.MEMBER, price_cents=65_000, quota=4
    )
    order = register(
        admin, event, member_type, details(member.email, "ben@x.example"), organization=organization
    )

    invoice = check_out(admin, order, buyer=organization, pay_by="invoice")

    assert (invoice.organization, invoice.total_cents, invoice.po_number) == (
        organization,
        104_000,
        "PO-7741",
    )
    assert (invoice.due_on - invoice.issued_on).days == 30
    line = invoice.lines.get()
    assert (line.unit_price_cents, line.quantity, line.discount_cents) == (65_000, 2, 26_000)
    assert line.discount_reason == "Member price, Medical Center plan (20% off)"
    # Held while the invoice is open, long after the order's own hold.
    with time_machine.travel(timezone.now() + timedelta(days=5)):
        assert type_places_left(member_type) == 2
    pay_by_check(staff, invoice)
    order.refresh_from_db()
    assert order.status == "confirmed"
    assert type_places_left(member_type) == 2


def test_the_quote_refuses_another_buyer_a_wrong_quantity_and_a_second_invoice(
    event, general, user, org_b
):
    order = register(user, event, general, details("ana@x.example"))

    with pytest.raises(DomainError, match="belongs to another buyer"):
        quote_tickets(org_b[0], order.public_id, 1)
    with pytest.raises(DomainError, match="belongs to another buyer"):
        quote_tickets(UserFactory(), order.public_id, 1)
    with pytest.raises(DomainError, match="This order is for 1 ticket"):
        quote_tickets(user, order.public_id, 2)
    with pytest.raises(DomainError, match="order was not found"):
        quote_tickets(user, uuid.uuid4(), 1)
    invoice = check_out(user, order)
    with pytest.raises(DomainError, match=f"already on invoice {invoice.number}"):
        check_out(user, order)
    assert Invoice.objects.count() == 1


def test_a_team_order_is_the_organizations_to_pay(db, event, general):
    organization, admin, member = member_org()
    order = register(admin, event, general, details("ana@x.example"), organization=organization)
    with pytest.raises(DomainError, match="belongs to another buyer"):
        quote_tickets(admin, order.public_id, 1)
    assert quote_tickets(organization, order.public_id, 1).amount_cents == 45_000


def test_an_expired_hold_is_taken_again_at_checkout_while_places_are_free(event, general, user):
    order = register(user, event, general, details("ana@x.example"))
    later = timezone.now() + timedelta(minutes=45)
    with time_machine.travel(later):
        invoice = check_out(user, order)
        order.refresh_from_db()
        assert order.hold_expires_at > later + timedelta(minutes=29)
    assert invoice.total_cents == 45_000
    assert AuditEvent.objects.filter(action="events.order.hold_extended").count() == 1


def test_an_expired_hold_whose_places_went_is_refused_at_checkout(db, user):
    event = make_event(capacity=1)
    ticket = make_ticket_type(event, name="General")
    order = register(user, event, ticket, details("ana@x.example"))
    later = timezone.now() + timedelta(minutes=45)
    with time_machine.travel(later):
        # The freed place was offered to someone waiting: it is theirs now.
        WaitlistEntry.objects.create(
            event=event,
            ticket_type=ticket,
            person=UserFactory(),
            status="offered",
            offer_expires_at=later + timedelta(hours=48),
        )
        with pytest.raises(DomainError, match="The places you held were released; register"):
            check_out(user, order)
        assert release_expired_orders() == 1
        with pytest.raises(DomainError, match="This order was cancelled; register again"):
            check_out(user, order)
    assert Invoice.objects.count() == 0


def test_confirmed_and_cancelled_orders_cannot_be_checked_out(event, user, staff):
    free = make_ticket_type(event, name="Press", price_cents=0)
    order = register(user, event, free, details("ana@x.example"))
    with pytest.raises(DomainError, match="already confirmed"):
        quote_tickets(user, order.public_id, 1)
    priced = make_ticket_type(event, name="General")
    other = register(user, event, priced, details("ben@x.example"))
    invoice = check_out(user, other)
    void_invoice(actor=staff, invoice=invoice, reason="Duplicate order")
    with pytest.raises(DomainError, match="was cancelled; register again"):
        quote_tickets(user, other.public_id, 1)


def test_a_full_refund_cancels_the_order_and_frees_its_places(
    event, general, user, staff, freed, django_capture_on_commit_callbacks
):
    order = register(user, event, general, details("ana@x.example", "ben@x.example"))
    invoice = check_out(user, order)
    pay_by_check(staff, invoice)
    line = invoice.lines.get()

    with django_capture_on_commit_callbacks(execute=True):
        refunds.refund(
            actor=staff, invoice=invoice, amount_cents=45_000, reason="One", method="check"
        )
    order.refresh_from_db()
    assert order.status == "confirmed" and freed == []

    with django_capture_on_commit_callbacks(execute=True):
        refunds.refund(
            actor=staff,
            invoice=invoice,
            amount_cents=45_000,
            reason="Both",
            method="check",
            line_id=line.pk,
        )
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert set(order.attendees.values_list("cancel_reason", flat=True)) == {"Refunded in full."}
    assert type_places_left(general) == 3 and freed == [(event.pk, general.pk)]


def test_a_refund_settles_what_staff_owed_the_attendee_first(event, general, user, staff):
    order = register(user, event, general, details("ana@x.example"))
    invoice = check_out(user, order)
    pay_by_check(staff, invoice)
    order.attendees.update(refund_due_cents=20_000)
    refunds.refund(actor=staff, invoice=invoice, amount_cents=20_000, reason="Owed", method="check")
    assert order.attendees.get().refund_due_cents == 0
