"""Cancelling a seat before the cancellation deadline: the seat frees (and goes to the
waitlist), and the money follows through billing: an unpaid invoice voided or credited, a paid
one refunded (at once when staff cancel, or when the attendee paid by card; recorded as due to
staff when the attendee paid by check)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied  # noqa: F401
from django.utils import timezone

from socialrx.billing.models import CreditNote, Refund
from socialrx.billing.services import refunds
from socialrx.core.errors import DomainError, NotFound
from socialrx.core.models import AuditEvent
from socialrx.training.models import WaitlistEntry
from socialrx.training.selectors.boot_camps import seats_left
from socialrx.training.services.boot_camp_registration import book, cancel_registration
from socialrx.training.services.waitlist import join_waitlist
from tests.factories import SeatFactory, UserFactory
from tests.training.boot_camp_support import card, check_out, pay_by_card, pay_by_check  # noqa: F401
from tests.training.factories import make_boot_camp, member_org

pytestmark = pytest.mark.integration


@pytest.fixture
def camp(db):
    return make_boot_camp(capacity=2)


def test_cancelling_the_only_seat_of_an_unpaid_invoice_voids_it(camp, user):
    booking = book(user, camp, [user])
    invoice = check_out(user, booking)
    registration = booking.registrations.get()

    money = cancel_registration(user, registration)

    invoice.refresh_from_db()
    booking.refresh_from_db()
    registration.refresh_from_db()
    assert money == f"Invoice {invoice.number} was voided: nothing is owed."
    assert invoice.status == "void"
    assert (booking.status, registration.status) == ("cancelled", "cancelled")
    assert seats_left(camp) == 2
    assert AuditEvent.objects.filter(action="training.registration.cancelled").count() == 1


def test_cancelling_one_of_two_unpaid_seats_credits_its_share(db):
    camp = make_boot_camp(capacity=5)
    organization, admin, member = member_org()
    colleague = SeatFactory(organization=organization).user
    booking = book(admin, camp, [member, colleague], organization=organization)
    invoice = check_out(admin, booking, buyer=organization)  # 2 × $960.00 (member price)

    money = cancel_registration(admin, booking.registrations.get(person=member))

    invoice.refresh_from_db()
    assert money == f"Invoice {invoice.number} now bills $960.00 less."
    assert (invoice.status, invoice.balance_cents) == ("open", 96_000)
    assert CreditNote.objects.get().amount_cents == 96_000
    booking.refresh_from_db()
    assert booking.status == "pending"
    assert seats_left(camp) == 4


def test_staff_cancelling_a_paid_seat_refund_it_through_billing(camp, user, staff):
    booking = book(user, camp, [user])
    invoice = check_out(user, booking)
    pay_by_check(staff, invoice)

    money = cancel_registration(staff, booking.registrations.get())

    refund = Refund.objects.get()
    assert (refund.amount_cents, refund.method, refund.line.sold_public_id) == (
        120_000,
        "check",
        booking.public_id,
    )
    assert money == f"$1,200.00 is refunded by check (invoice {invoice.number})."
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_an_attendee_cancelling_a_card_paid_seat_is_refunded_to_the_card_at_once(
    camp,
    user,
    card,  # noqa: F811
):
    booking = book(user, camp, [user])
    invoice = check_out(user, booking, pay_by="card")
    pay_by_card(invoice)
    registration = booking.registrations.get()

    money = cancel_registration(user, registration)

    registration.refresh_from_db()
    assert money == (
        f"$1,200.00 is refunded to the card it was paid with (invoice {invoice.number})."
    )
    refund = Refund.objects.get()
    assert (refund.method, refund.amount_cents, refund.created_by) == ("card", 120_000, user)
    assert refund.provider_refund_id.startswith("re_test_")
    assert registration.refund_due_cents == 0
    assert seats_left(camp) == 2


def test_an_attendee_cancelling_a_seat_paid_by_check_leaves_a_refund_due_to_staff(
    camp, user, staff
):
    booking = book(user, camp, [user])
    invoice = check_out(user, booking)
    pay_by_check(staff, invoice)
    registration = booking.registrations.get()

    money = cancel_registration(user, registration)

    registration.refresh_from_db()
    assert (
        money == f"The center will refund $1,200.00 (invoice {invoice.number}) within a few days."
    )
    assert registration.refund_due_cents == 120_000
    assert not Refund.objects.exists()
    assert seats_left(camp) == 2
    # Staff send the check and record it on billing's page: the refund due is settled.
    invoice.refresh_from_db()
    refunds.refund(
        actor=staff,
        invoice=invoice,
        amount_cents=120_000,
        reason="Cancelled before the deadline",
        method="check",
        line_id=invoice.lines.get().pk,
    )
    registration.refresh_from_db()
    assert registration.refund_due_cents == 0


def test_one_of_three_paid_seats_refunds_a_third(db, staff):
    camp = make_boot_camp(capacity=5)
    organization, admin, member = member_org()
    others = [SeatFactory(organization=organization).user for _ in range(2)]
    booking = book(admin, camp, [member, *others], organization=organization)
    invoice = check_out(admin, booking, buyer=organization)
    pay_by_check(staff, invoice)

    cancel_registration(staff, booking.registrations.get(person=member))

    assert Refund.objects.get().amount_cents == 96_000
    booking.refresh_from_db()
    assert booking.status == "confirmed"
    assert booking.registrations.filter(status="confirmed").count() == 2


def test_after_the_cancellation_deadline_it_is_refused_with_the_rule(camp, user):
    booking = book(user, camp, [user])
    registration = booking.registrations.get()
    too_late = time_machine.travel(camp.cancellation_deadline + timedelta(minutes=1))
    refused = pytest.raises(DomainError, match="Cancellations closed on .*neither cancelled nor")
    with too_late, refused:
        cancel_registration(user, registration)
    registration.refresh_from_db()
    assert registration.status == "pending"


def test_a_stranger_cannot_cancel_and_a_second_cancel_is_refused(camp, user):
    booking = book(user, camp, [user])
    registration = booking.registrations.get()
    with pytest.raises(NotFound):
        cancel_registration(UserFactory(), registration)
    cancel_registration(user, registration)
    with pytest.raises(DomainError, match="already cancelled"):
        cancel_registration(user, registration)


def test_a_freed_seat_is_offered_to_the_first_person_waiting(
    camp, user, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = UserFactory(), UserFactory()
    book(first, camp, [first])
    booking = book(user, camp, [user])
    waiting = UserFactory(full_name="Wanda Waiting")
    join_waitlist(waiting, camp)
    join_waitlist(UserFactory(), camp)

    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(user, booking.registrations.get())

    entry = WaitlistEntry.objects.get(person=waiting)
    assert entry.status == "offered"
    hours = (entry.offer_expires_at - timezone.now()).total_seconds() / 3600
    assert 47.9 < hours <= 48
    assert seats_left(camp) == 0  # the offered seat is kept for Wanda
    offer = next(m for m in mailoutbox if waiting.email in m.to)
    assert (
        offer.subject == "A seat is free for you: Social media boot camp for hospital communicators"
    )
    assert f"/training/waitlist/{entry.public_id}/claim/{entry.claim_token}/" in offer.body
    with pytest.raises(DomainError, match="This boot camp is full"):
        book(second, camp, [second])


def test_staff_cancelling_a_card_paid_seat_refund_it_to_the_card(
    camp,
    user,
    staff,
    card,  # noqa: F811
):
    booking = book(user, camp, [user])
    invoice = check_out(user, booking, pay_by="card")
    pay_by_card(invoice)

    money = cancel_registration(staff, booking.registrations.get())

    assert money == f"$1,200.00 is refunded to the card (invoice {invoice.number})."
    refund = Refund.objects.get()
    assert (refund.method, refund.amount_cents) == ("card", 120_000)
    assert refund.provider_refund_id.startswith("re_test_")
