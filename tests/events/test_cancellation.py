"""Cancelling a ticket: the place frees (and the waitlist is told after commit) and the money
follows the event's rule through billing: `refund_percent` back until `refund_until`, nothing
after; an unpaid invoice voided or credited, a card refunded at once, a check or ACH payment
left as a refund due for staff. Staff calling an event off refund everyone in full."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from socialrx.billing.models import CreditNote, Refund
from socialrx.core.errors import DomainError, NotFound
from socialrx.core.models import AuditEvent
from socialrx.events.models import Attendee, Order
from socialrx.events.selectors.places import places_left
from socialrx.events.services.cancellation import cancel_attendee, cancel_event_tickets
from socialrx.events.services.registration import register
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.events.registration_support import card, check_out, details, pay_by_card, pay_by_check  # noqa: F401 - card: a fixture
from tests.factories import UserFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def event(db):
    return make_event(title="Health Social Summit", capacity=10, refund_percent=50)


@pytest.fixture
def general(event):
    return make_ticket_type(event, name="Full pass", price_cents=45_000)


@pytest.fixture
def freed(monkeypatch):
    told = []
    monkeypatch.setattr(
        "socialrx.events.services.waitlist.offer_freed_places",
        lambda event, ticket_type=None: told.append((event.pk, getattr(ticket_type, "pk", None))),
    )
    return told


@pytest.fixture
def buyer(db):
    return UserFactory(email="lead@riverside.example", full_name="Lena Ortiz")


def _paid_by_card(buyer, event, ticket_type, *emails, event_id="evt_tix_1"):
    order = register(buyer, event, ticket_type, details(*(emails or (buyer.email,))))
    invoice = check_out(buyer, order, pay_by="card")
    pay_by_card(invoice, event_id=event_id)
    invoice.refresh_from_db()
    return order, invoice


def _paid_by_check(staff, buyer, event, ticket_type, *emails):
    order = register(buyer, event, ticket_type, details(*(emails or (buyer.email,))))
    invoice = check_out(buyer, order)
    pay_by_check(staff, invoice)
    invoice.refresh_from_db()
    return order, invoice


@pytest.mark.usefixtures("card")
def test_half_back_to_the_card_before_the_cut_off(
    event, general, buyer, freed, django_capture_on_commit_callbacks
):
    order, invoice = _paid_by_card(buyer, event, general)
    attendee = order.attendees.get()
    assert places_left(event) == 9

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = cancel_attendee(buyer, attendee)

    assert cancelled.refund_note == (
        f"$225.00 is refunded to the card it was paid with (invoice {invoice.number})."
    )
    refund = Refund.objects.get()
    assert (refund.method, refund.amount_cents, refund.created_by) == ("card", 22_500, buyer)
    attendee.refresh_from_db()
    order.refresh_from_db()
    assert (attendee.status, order.status, attendee.refund_due_cents) == (
        "cancelled",
        "cancelled",
        0,
    )
    assert places_left(event) == 10
    assert freed == [(event.pk, general.pk)]
    audit = AuditEvent.objects.get(action="events.attendee.cancelled")
    assert audit.after["refund_percent"] == 50
    (notice,) = [m for m in mail.outbox if m.subject == "Ticket cancelled: Health Social Summit"]
    assert notice.to == ["lead@riverside.example"]
    assert "$225.00 is refunded to the card" in notice.body


@pytest.mark.usefixtures("card")
def test_after_the_cut_off_nothing_comes_back_but_the_place_is_freed(
    event, general, buyer, freed, django_capture_on_commit_callbacks
):
    order, invoice = _paid_by_card(buyer, event, general)
    event.refund_until = timezone.now() - timedelta(hours=1)
    event.save()

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = cancel_attendee(buyer, order.attendees.get())

    assert cancelled.refund_note.startswith("Cancellations after ")
    assert cancelled.refund_note.endswith(" are not refunded.")
    assert not Refund.objects.exists()
    assert places_left(event) == 10
    assert freed == [(event.pk, general.pk)]


def test_a_check_payment_leaves_the_refund_due_to_staff(event, general, buyer, staff):
    event.refund_percent = 100
    event.save()
    order, invoice = _paid_by_check(staff, buyer, event, general)
    attendee = order.attendees.get()

    cancelled = cancel_attendee(buyer, attendee)

    assert cancelled.refund_note == (
        f"The center will refund $450.00 (invoice {invoice.number}) within a few days."
    )
    attendee.refresh_from_db()
    assert attendee.refund_due_cents == 45_000
    assert not Refund.objects.exists()
    assert AuditEvent.objects.filter(action="events.attendee.refund_due").count() == 1


def test_staff_cancelling_refund_by_the_rule_at_once(event, general, buyer, staff):
    order, invoice = _paid_by_check(staff, buyer, event, general)

    cancelled = cancel_attendee(staff, order.attendees.get())

    assert cancelled.refund_note == f"$225.00 is refunded by check (invoice {invoice.number})."
    refund = Refund.objects.get()
    assert (refund.method, refund.amount_cents) == ("check", 22_500)


def test_one_of_three_paid_tickets_refunds_its_share(event, general, buyer, staff):
    order, invoice = _paid_by_check(
        staff,
        buyer,
        event,
        general,
        "a@riverside.example",
        "b@riverside.example",
        "c@riverside.example",
    )  # 3 × $450.00 = $1,350.00
    second = order.attendees.get(email="b@riverside.example")

    cancel_attendee(staff, second)

    assert Refund.objects.get().amount_cents == 22_500  # half of $450.00
    order.refresh_from_db()
    assert order.status == "confirmed"
    assert order.attendees.filter(status="confirmed").count() == 2
    assert places_left(event) == 8


def test_the_only_ticket_of_an_unpaid_invoice_at_full_refund_voids_it(event, general, buyer):
    event.refund_percent = 100
    event.save()
    order = register(buyer, event, general, details(buyer.email))
    invoice = check_out(buyer, order)

    cancelled = cancel_attendee(buyer, order.attendees.get())

    invoice.refresh_from_db()
    assert cancelled.refund_note == f"Invoice {invoice.number} was voided: nothing is owed."
    assert invoice.status == "void"
    assert places_left(event) == 10


def test_one_of_two_unpaid_tickets_credits_the_rules_share(event, general, buyer):
    order = register(buyer, event, general, details("a@riverside.example", "b@riverside.example"))
    invoice = check_out(buyer, order)  # 2 × $450.00

    cancelled = cancel_attendee(buyer, order.attendees.get(email="a@riverside.example"))

    invoice.refresh_from_db()
    assert cancelled.refund_note == f"Invoice {invoice.number} now bills $225.00 less."
    assert CreditNote.objects.get().amount_cents == 22_500
    assert (invoice.status, invoice.balance_cents) == ("open", 67_500)
    assert places_left(event) == 9


def test_a_ticket_not_yet_checked_out_shrinks_its_order(event, general, buyer):
    order = register(buyer, event, general, details("a@riverside.example", "b@riverside.example"))

    cancelled = cancel_attendee(buyer, order.attendees.get(email="a@riverside.example"))

    assert cancelled.refund_note == "Nothing had been invoiced for this ticket."
    order.refresh_from_db()
    assert (order.status, order.quantity) == ("pending", 1)
    invoice = check_out(buyer, order)  # the checkout bills the ticket left
    assert invoice.total_cents == 45_000


def test_a_free_ticket_cancels_without_money(
    event, buyer, freed, django_capture_on_commit_callbacks
):
    free = make_ticket_type(event, name="Community pass", price_cents=0)
    with django_capture_on_commit_callbacks(execute=True):
        order = register(buyer, event, free, details(buyer.email))
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = cancel_attendee(buyer, order.attendees.get())
    assert cancelled.refund_note == "The ticket was free: nothing to refund."
    assert freed == [(event.pk, free.pk)]


def test_the_attendee_the_buyer_and_staff_may_cancel_nobody_else(event, general, staff):
    person = UserFactory(email="priya@riverside.example")
    mine = make_attendee(event, general, person=person, made_by=UserFactory())
    by_email = make_attendee(event, general, email="PRIYA.R@riverside.example")
    UserFactory(email="priya.r@riverside.example")  # a verified email of someone else
    for attendee in (mine, by_email):
        with pytest.raises(NotFound):
            cancel_attendee(UserFactory(), attendee)
    assert Attendee.objects.filter(status="cancelled").count() == 0
    assert cancel_attendee(person, mine).status == "cancelled"
    assert cancel_attendee(staff, by_email).status == "cancelled"


def test_a_cancelled_ticket_or_a_past_event_is_refused(event, general, buyer):
    cancelled = make_attendee(event, general, made_by=buyer, status="cancelled")
    with pytest.raises(DomainError, match="This ticket is already cancelled."):
        cancel_attendee(buyer, cancelled)
    past = make_event(starts_in_days=-3)
    attendee = make_attendee(past, made_by=buyer)
    with pytest.raises(DomainError, match="has taken place"):
        cancel_attendee(buyer, attendee)
    attendee.refresh_from_db()
    assert attendee.status == "confirmed"


# --- the whole event -----------------------------------------------------------------------------


@pytest.mark.usefixtures("card")
def test_staff_calling_the_event_off_refund_everyone_in_full(
    event, general, buyer, staff, freed, django_capture_on_commit_callbacks
):
    event.refund_until = timezone.now() - timedelta(days=1)  # the rule no longer refunds: this does
    event.save()
    paid, paid_invoice = _paid_by_card(
        buyer, event, general, "a@riverside.example", "b@riverside.example"
    )
    other = UserFactory(email="solo@lakeside.example")
    unpaid = register(other, event, general, details(other.email))
    unpaid_invoice = check_out(other, unpaid)
    make_attendee(event, general, status="cancelled")  # already gone: left alone

    with django_capture_on_commit_callbacks(execute=True):
        count = cancel_event_tickets(staff, event, "The venue flooded.")

    assert count == 3
    assert Attendee.objects.filter(event=event).exclude(status="cancelled").count() == 0
    assert set(Order.objects.filter(event=event).values_list("status", flat=True)) == {"cancelled"}
    refund = Refund.objects.get()
    assert (refund.method, refund.amount_cents) == ("card", 90_000)
    unpaid_invoice.refresh_from_db()
    assert unpaid_invoice.status == "void"
    assert places_left(event) == 10
    assert sorted(freed) == [(event.pk, general.pk), (event.pk, general.pk)]
    notices = sorted(
        tuple(m.to) for m in mail.outbox if m.subject == "Cancelled: Health Social Summit"
    )
    assert notices == [
        ("a@riverside.example",),
        ("b@riverside.example",),
        ("lead@riverside.example",),
        ("solo@lakeside.example",),
    ]
    buyer_notice = next(
        m for m in mail.outbox if m.to == ["lead@riverside.example"] and "Cancelled" in m.subject
    )
    assert "The venue flooded." in buyer_notice.body
    assert f"$900.00 is refunded to the card (invoice {paid_invoice.number})." in buyer_notice.body


def test_only_staff_call_an_event_off_and_they_say_why(event, general, buyer, staff):
    attendee = make_attendee(event, general, made_by=buyer)
    with pytest.raises(PermissionDenied):
        cancel_event_tickets(buyer, event, "No reason")
    with pytest.raises(DomainError, match="Say why the event is cancelled."):
        cancel_event_tickets(staff, event, "  ")
    attendee.refresh_from_db()
    assert attendee.status == "confirmed"
