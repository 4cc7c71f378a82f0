"""Registering for a boot camp and paying through billing: the seats, the holds, the member
price, the checkout's three routes (invoice, card, nothing to pay) and every refusal."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from socialrx.billing.models import Invoice, InvoiceLine
from socialrx.billing.services.holds import release_expired_holds
from socialrx.billing.services.invoices import void_invoice
from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.training.models import Booking, Registration
from socialrx.training.selectors.boot_camps import seats_left, seats_left_for
from socialrx.training.services.boot_camp_registration import book, release_expired_bookings
from socialrx.training.services.boot_camp_sales import quote_seats
from tests.factories import SeatFactory, UserFactory
from tests.training.boot_camp_support import card, check_out, pay_by_card, pay_by_check  # noqa: F401
from tests.training.factories import make_boot_camp, member_org

pytestmark = pytest.mark.integration


@pytest.fixture
def camp(db):
    return make_boot_camp(capacity=3)


def test_a_person_registers_checks_out_by_invoice_and_is_confirmed_when_paid(
    camp, user, staff, mailoutbox, django_capture_on_commit_callbacks
):
    booking = book(user, camp, [user])

    assert booking.status == "pending"
    assert booking.made_by == user and booking.organization is None
    held_for = booking.hold_expires_at - timezone.now()
    assert timedelta(minutes=29) < held_for <= timedelta(minutes=30)
    assert list(booking.registrations.values_list("person__email", "status")) == [
        (user.email, "pending")
    ]
    assert seats_left(camp) == 2
    assert AuditEvent.objects.filter(action="training.booking.created").count() == 1

    invoice = check_out(user, booking)
    line = invoice.lines.get()
    assert (line.kind, line.sold_public_id, line.quantity) == (
        "training.seat",
        booking.public_id,
        1,
    )
    assert (line.unit_price_cents, line.discount_cents, line.amount_cents) == (120_000, 0, 120_000)
    assert line.description.startswith("Boot camp: Social media boot camp for hospital")
    # Still held while the invoice is open, long after the booking's own hold.
    with time_machine.travel(timezone.now() + timedelta(hours=5)):
        assert seats_left(camp) == 2
        assert release_expired_bookings() == 0

    with django_capture_on_commit_callbacks(execute=True):
        pay_by_check(staff, invoice)

    booking.refresh_from_db()
    registration = booking.registrations.get()
    assert (booking.status, booking.invoice_id) == ("confirmed", invoice.pk)
    assert registration.status == "confirmed" and registration.confirmed_at is not None
    assert seats_left(camp) == 2
    subjects = [m.subject for m in mailoutbox if user.email in m.to]
    assert "You're registered: Social media boot camp for hospital communicators" in subjects
    confirmation = next(m for m in mailoutbox if m.subject.startswith("You're registered"))
    assert (
        "/training/boot-camps/social-media-boot-camp-for-hospital-communicators/calendar.ics"
        in (confirmation.body)
    )
    assert confirmation.alternatives[0][1] == "text/html"
    assert AuditEvent.objects.filter(action="training.booking.confirmed").count() == 1


def test_an_org_admin_registers_two_colleagues_at_the_member_price_paid_by_the_org(db):
    camp = make_boot_camp(capacity=5)
    organization, admin, member = member_org()  # Medical Center plan: 20 % off boot camps
    colleague = SeatFactory(organization=organization).user

    booking = book(admin, camp, [member, colleague], organization=organization)
    quote = quote_seats(organization, booking.public_id, 2)

    assert (quote.unit_price_cents, quote.quantity, quote.discount_cents) == (120_000, 2, 48_000)
    assert quote.discount_reason == "Member price, Medical Center plan (20% off)"
    assert quote.amount_cents == 192_000
    invoice = check_out(admin, booking, buyer=organization)
    assert (invoice.organization, invoice.total_cents) == (organization, 192_000)
    # The admin may also pay in their own name (the booking is theirs); then at their price.
    other = book(admin, camp, [admin], organization=organization)
    assert quote_seats(admin, other.public_id, 1).amount_cents == 96_000
    assert seats_left(camp) == 2


def test_quote_refuses_another_buyer_a_wrong_quantity_and_a_second_invoice(camp, user, org_b):
    booking = book(user, camp, [user])

    with pytest.raises(DomainError, match="belongs to another buyer"):
        quote_seats(org_b[0], booking.public_id, 1)
    with pytest.raises(DomainError, match="belongs to another buyer"):
        quote_seats(UserFactory(), booking.public_id, 1)
    with pytest.raises(DomainError, match="This booking is for 1 seat"):
        quote_seats(user, booking.public_id, 3)
    invoice = check_out(user, booking)
    with pytest.raises(DomainError, match=f"already on invoice {invoice.number}"):
        check_out(user, booking)
    with pytest.raises(DomainError, match="booking was not found"):
        quote_seats(user, uuid.uuid4(), 1)
    assert Invoice.objects.count() == 1


def test_registering_twice_full_late_unpublished_and_for_outsiders_is_refused(camp, user):
    book(user, camp, [user])
    with pytest.raises(DomainError, match=f"{user.full_name} is already registered"):
        book(user, camp, [user])

    organization, admin, member = member_org()
    outsider = UserFactory(full_name="Dana Outsider")
    with pytest.raises(DomainError, match="Dana Outsider does not hold a seat in"):
        book(admin, camp, [member, outsider], organization=organization)
    with pytest.raises(DomainError, match="You can register yourself"):
        book(member, camp, [admin])
    with pytest.raises(PermissionDenied):
        book(member, camp, [member], organization=organization)  # not the org's admin
    colleagues = [SeatFactory(organization=organization).user for _ in range(3)]
    with pytest.raises(DomainError, match="Only 2 seats left: choose 2 people or fewer"):
        book(admin, camp, colleagues, organization=organization)
    book(admin, camp, colleagues[:2], organization=organization)
    with pytest.raises(DomainError, match="This boot camp is full. Join the waitlist"):
        book(member, camp, [member])

    later = make_boot_camp(title="Later camp")
    too_late = time_machine.travel(later.registration_deadline + timedelta(minutes=1))
    with too_late, pytest.raises(DomainError, match="Registration for Later camp closed on"):
        book(user, later, [user])
    draft = make_boot_camp(title="Draft camp", status="draft")
    with pytest.raises(DomainError, match="not open for registration yet"):
        book(user, draft, [user])
    assert Registration.objects.filter(boot_camp=camp).count() == 3


def test_more_than_twenty_at_once_is_refused(db):
    camp = make_boot_camp(capacity=40)
    organization, admin, _ = member_org()
    people = [SeatFactory(organization=organization).user for _ in range(21)]
    with pytest.raises(DomainError, match="at most 20 people"):
        book(admin, camp, people, organization=organization)
    assert Booking.objects.count() == 0


def test_an_expired_hold_without_invoice_frees_its_seats(camp, user):
    booking = book(user, camp, [user])
    with time_machine.travel(booking.hold_expires_at + timedelta(seconds=1)):
        assert seats_left(camp) == 3
        assert release_expired_bookings() == 1
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert booking.registrations.get().cancel_reason == "Not paid in time: the seats were released."
    assert AuditEvent.objects.filter(action="training.booking.expired").count() == 1
    # The person may register again.
    assert book(user, camp, [user]).status == "pending"


def test_checkout_after_the_hold_ran_out_holds_again_when_seats_remain(camp, user):
    booking = book(user, camp, [user])
    with time_machine.travel(booking.hold_expires_at + timedelta(minutes=5)):
        invoice = check_out(user, booking)
        booking.refresh_from_db()
        assert booking.hold_expires_at > timezone.now()
    assert invoice.total_cents == 120_000


def test_checkout_after_the_hold_ran_out_and_the_seats_went_is_refused(db, user):
    camp = make_boot_camp(capacity=1)
    booking = book(user, camp, [user])
    with time_machine.travel(booking.hold_expires_at + timedelta(minutes=5)):
        rival = UserFactory()
        book(rival, camp, [rival])  # takes the released seat
        with pytest.raises(DomainError, match="This booking was cancelled; register again"):
            check_out(user, booking, quantity=1)
    assert Invoice.objects.count() == 0


def test_an_abandoned_card_checkout_is_voided_by_billing_and_frees_the_seats(
    camp,
    user,
    card,  # noqa: F811
):
    booking = book(user, camp, [user])
    invoice = check_out(user, booking, pay_by="card")
    assert seats_left(camp) == 2

    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert release_expired_holds() == 1

    invoice.refresh_from_db()
    booking.refresh_from_db()
    assert invoice.status == "void"
    assert (booking.status, booking.invoice_id) == ("cancelled", invoice.pk)
    assert booking.registrations.get().cancel_reason == "The invoice was voided."
    assert seats_left(camp) == 3


def test_a_card_payment_after_the_void_takes_the_seats_again_when_free(
    camp,
    user,
    card,  # noqa: F811
):
    booking = book(user, camp, [user])
    invoice = check_out(user, booking, pay_by="card")
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        release_expired_holds()
        invoice.refresh_from_db()
        assert pay_by_card(invoice, amount_cents=120_000) == "recorded late: places taken again"

    booking.refresh_from_db()
    assert booking.status == "confirmed"
    assert booking.registrations.get().status == "confirmed"


def test_paying_by_card_confirms(camp, user, card):  # noqa: F811
    booking = book(user, camp, [user])
    invoice = check_out(user, booking, pay_by="card")
    assert pay_by_card(invoice) == "recorded"
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_a_plan_with_free_boot_camps_confirms_at_once(db):
    camp = make_boot_camp()
    organization, admin, member = member_org()
    plan = organization.membership.plan
    plan.boot_camp_discount_percent = 100
    plan.save()

    booking = book(admin, camp, [member], organization=organization)
    invoice = check_out(admin, booking, buyer=organization, pay_by="card")

    booking.refresh_from_db()
    assert (invoice.route, invoice.status, invoice.total_cents) == ("free", "paid", 0)
    assert booking.status == "confirmed"
    assert booking.registrations.get().status == "confirmed"


def test_seats_left_for_many_boot_camps_is_one_query(db, django_assert_num_queries, user):
    camps = [make_boot_camp(title=f"Camp {n}", capacity=4) for n in range(3)]
    book(user, camps[0], [user])
    with django_assert_num_queries(1):
        left = seats_left_for(camps)
    assert left == {camps[0].pk: 3, camps[1].pk: 4, camps[2].pk: 4}


def test_staff_void_releases_the_seats(camp, user, staff):
    booking = book(user, camp, [user])
    invoice = check_out(user, booking)
    void_invoice(actor=staff, invoice=invoice, reason="Duplicate order")
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert seats_left(camp) == 3
    assert InvoiceLine.objects.get().sold_public_id == booking.public_id


def test_a_late_card_payment_when_the_seat_went_waits_for_staff(db, user, card):  # noqa: F811
    camp = make_boot_camp(capacity=1)
    booking = book(user, camp, [user])
    invoice = check_out(user, booking, pay_by="card")
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        release_expired_holds()
        rival = UserFactory()
        book(rival, camp, [rival])
        invoice.refresh_from_db()
        assert pay_by_card(invoice, amount_cents=120_000) == "recorded late: waiting for staff"

    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert Registration.objects.filter(boot_camp=camp, status="pending").count() == 1
