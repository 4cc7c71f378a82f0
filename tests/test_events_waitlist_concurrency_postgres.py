"""The events waitlist under real concurrency on PostgreSQL: one claim link used twice at once
registers once; places freed by cancellations racing each other are each offered exactly once;
one person joining several times at once waits once."""

import pytest
from django.db import close_old_connections

from socialrx.core.errors import DomainError
from socialrx.events.models import Attendee, Order, WaitlistEntry
from socialrx.events.selectors.places import places_left, type_places_left
from socialrx.events.services.cancellation import cancel_attendee
from socialrx.events.services.registration import AttendeeDetails
from socialrx.events.services.waitlist import join_waitlist, offer_freed_places
from socialrx.events.services.waitlist_claim import claim_offer
from tests.concurrency import require_postgres, run_at_once
from tests.events.waitlist_support import cancel, offered_entry, sold_out_type, waiting
from tests.factories import StaffFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


def test_one_claim_link_used_twice_at_once_registers_once():
    entry, ticket_type = offered_entry()
    person = entry.person
    details = AttendeeDetails(full_name="Dana Whitfield", email=person.email)

    def work(_):
        close_old_connections()
        return claim_offer(person, entry, entry.claim_token, details)

    results = run_at_once(4, work)

    orders = [r for r in results if isinstance(r, Order)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert [r for r in results if not isinstance(r, Order | DomainError)] == []
    assert (len(orders), len(refused)) == (1, 3)
    assert {error.code for error in refused} == {"claimed"}
    assert Attendee.objects.filter(email_key=person.email.lower()).count() == 1
    entry.refresh_from_db()
    assert entry.status == "claimed"
    assert type_places_left(ticket_type) == 0


def test_two_cancellations_racing_offer_each_freed_place_exactly_once():
    ticket_type, holders = sold_out_type(quota=2)
    first, second, third = waiting(ticket_type, 3)
    staff = StaffFactory()

    def work(index):
        close_old_connections()
        return cancel_attendee(staff, holders[index], reason="Cannot travel")

    results = run_at_once(2, work)

    assert all(isinstance(r, Attendee) for r in results), results
    statuses = dict(WaitlistEntry.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "offered", second.pk: "offered", third.pk: "waiting"}
    assert type_places_left(ticket_type) == 0
    # Offering again, however often, finds nothing left to offer.
    assert offer_freed_places(ticket_type.event, ticket_type) == []


def test_one_freed_place_offered_by_several_workers_at_once_goes_to_one_person():
    ticket_type, holders = sold_out_type(quota=1)
    first, second = waiting(ticket_type, 2)
    cancel(holders[0])

    def work(_):
        close_old_connections()
        return offer_freed_places(ticket_type.event, ticket_type)

    results = run_at_once(5, work)

    assert [r for r in results if not isinstance(r, list)] == []
    offered = [entry.pk for batch in results for entry in batch]
    assert offered == [first.pk]
    second.refresh_from_db()
    assert second.status == "waiting"
    assert places_left(ticket_type.event) == 99  # capacity 100, one live offer


def test_one_person_joining_five_times_at_once_waits_once():
    ticket_type, _ = sold_out_type()
    person = UserFactory()

    def work(_):
        close_old_connections()
        return join_waitlist(person, ticket_type)

    results = run_at_once(5, work)

    joined = [r for r in results if isinstance(r, WaitlistEntry)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert (len(joined), len(refused)) == (1, 4)
    assert {error.code for error in refused} == {"already_waiting"}
    assert WaitlistEntry.objects.filter(person=person).count() == 1
