"""Boot camp seats under real concurrency on PostgreSQL: people racing for the last seats never
exceed capacity, one person registering twice at once gets one registration, and checkouts
racing with the expiry sweep and cancellations keep the count right."""

import pytest
from django.db import close_old_connections

from socialrx.core.errors import DomainError
from socialrx.training.models import Booking, Registration, WaitlistEntry
from socialrx.training.selectors.boot_camps import seats_left
from socialrx.training.services.boot_camp_registration import book, cancel_registration
from socialrx.training.services.waitlist import join_waitlist
from tests.concurrency import require_postgres, run_at_once
from tests.factories import SeatFactory, UserFactory
from tests.training.boot_camp_support import check_out
from tests.training.factories import make_boot_camp, member_org

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


def _book(person, camp):
    close_old_connections()
    return book(person, camp, [person])


def test_twenty_people_racing_for_the_last_five_seats_take_exactly_five():
    camp = make_boot_camp(capacity=8)
    for _ in range(3):
        early = UserFactory()
        book(early, camp, [early])
    people = [UserFactory() for _ in range(20)]

    results = run_at_once(20, lambda i: _book(people[i], camp))

    booked = [r for r in results if isinstance(r, Booking)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert [r for r in results if not isinstance(r, Booking | DomainError)] == []
    assert (len(booked), len(refused)) == (5, 15)
    assert {error.code for error in refused} == {"full"}
    assert Registration.objects.filter(boot_camp=camp, status="pending").count() == 8
    assert seats_left(camp) == 0


def test_org_admins_racing_with_several_people_each_never_oversell():
    camp = make_boot_camp(capacity=7)
    teams = []
    for number in range(4):
        organization, admin, member = member_org(name=f"Hospital {number}")
        people = [member, SeatFactory(organization=organization).user]
        people.append(SeatFactory(organization=organization).user)
        teams.append((organization, admin, people))

    def work(index):
        close_old_connections()
        organization, admin, people = teams[index]
        return book(admin, camp, people, organization=organization)

    results = run_at_once(4, work)

    booked = [r for r in results if isinstance(r, Booking)]
    assert [r for r in results if not isinstance(r, Booking | DomainError)] == []
    assert len(booked) == 2  # 3 + 3 seats; a third team of 3 would make 9 > 7
    assert Registration.objects.filter(boot_camp=camp).count() == 6
    assert seats_left(camp) == 1


def test_one_person_registering_ten_times_at_once_gets_one_registration():
    camp = make_boot_camp(capacity=10)
    person = UserFactory(full_name="Quick Clicker")

    results = run_at_once(10, lambda _: _book(person, camp))

    booked = [r for r in results if isinstance(r, Booking)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert (len(booked), len(refused)) == (1, 9)
    assert {error.message for error in refused} == {"Quick Clicker is already registered."}
    assert Registration.objects.filter(person=person).count() == 1


def test_a_freed_seat_is_offered_once_while_newcomers_race_for_it():
    camp = make_boot_camp(capacity=2)
    holders = [UserFactory() for _ in range(2)]
    bookings = [book(person, camp, [person]) for person in holders]
    waiting = UserFactory()
    join_waitlist(waiting, camp)
    newcomers = [UserFactory() for _ in range(6)]

    def work(index):
        close_old_connections()
        if index == 0:
            return cancel_registration(holders[0], bookings[0].registrations.get())
        return book(newcomers[index - 1], camp, [newcomers[index - 1]])

    results = run_at_once(7, work)

    assert [r for r in results if not isinstance(r, str | Booking | DomainError)] == []
    taken = Registration.objects.filter(boot_camp=camp, status__in=["pending", "confirmed"])
    offered = WaitlistEntry.objects.filter(boot_camp=camp, status="offered").count()
    # Either a newcomer took the seat before it was offered, or the waiting person holds it:
    # never both, never more than capacity.
    assert taken.count() + offered == 2


def test_two_checkouts_of_one_booking_at_once_make_one_invoice():
    camp = make_boot_camp(capacity=3)
    person = UserFactory()
    booking = book(person, camp, [person])

    def work(_):
        close_old_connections()
        return check_out(person, booking)

    results = run_at_once(4, work)

    from socialrx.billing.models import Invoice  # noqa: PLC0415 - only this test counts invoices

    invoices = [r for r in results if isinstance(r, Invoice)]
    assert [r for r in results if not isinstance(r, Invoice | DomainError)] == []
    assert len(invoices) == 1
    assert Invoice.objects.count() == 1
