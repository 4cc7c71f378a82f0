"""Claiming a waitlist offer registers the offered place for its person, through registration;
a forged token, another person, a lapsed offer or a second use of the link writes nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from socialrx.core.errors import Conflict, NotFound
from socialrx.core.models import AuditEvent
from socialrx.events.models import Attendee, Order, WaitlistEntry
from socialrx.events.selectors.places import places_left, type_places_left
from socialrx.events.services.registration import AttendeeDetails
from socialrx.events.services.waitlist import expire_offers, leave_waitlist
from socialrx.events.services.waitlist_claim import check_claim, claim_offer
from tests.events.waitlist_support import offered_entry
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _details(**fields) -> AttendeeDetails:
    values = {
        "full_name": "Dana Whitfield",
        "email": "ignored@example.org",
        "job_title": "Director of Digital Communications",
        "organization_name": "Riverside Regional Medical Center",
        "dietary_needs": "Vegetarian",
    }
    values.update(fields)
    return AttendeeDetails(**values)


def _written() -> tuple[int, int, int]:
    return (
        Order.objects.count(),
        Attendee.objects.count(),
        WaitlistEntry.objects.filter(status="claimed").count(),
    )


def test_claiming_a_free_place_confirms_it_for_the_person():
    entry, ticket_type = offered_entry()
    person = entry.person

    order = claim_offer(person, entry, entry.claim_token, _details())

    assert order.status == "confirmed"
    attendee = order.attendees.get()
    assert attendee.email == person.email  # the account's, whatever was passed
    assert attendee.full_name == "Dana Whitfield"
    assert attendee.dietary_needs == "Vegetarian"
    assert attendee.person == person
    entry.refresh_from_db()
    assert entry.status == "claimed"
    # The offer's place became the ticket: still exactly one place in the quota, taken.
    assert type_places_left(ticket_type) == 0
    assert places_left(ticket_type.event) == 99  # capacity 100: the holder left, they came
    assert AuditEvent.objects.filter(action="events.waitlist.claimed").count() == 1


def test_claiming_a_priced_place_holds_it_for_checkout():
    entry, ticket_type = offered_entry(price_cents=45_000)

    order = claim_offer(entry.person, entry, entry.claim_token, _details())

    assert order.status == "pending"
    assert order.attendees.get().status == "pending"
    entry.refresh_from_db()
    assert entry.status == "claimed"
    assert type_places_left(ticket_type) == 0


def test_a_forged_token_is_not_found_and_writes_nothing():
    entry, _ = offered_entry()
    before = _written()

    with pytest.raises(NotFound):
        claim_offer(entry.person, entry, entry.claim_token[:-1] + "x", _details())
    with pytest.raises(NotFound):
        claim_offer(entry.person, entry, "", _details())

    assert _written() == before


def test_another_persons_offer_is_not_found():
    entry, _ = offered_entry()
    before = _written()

    with pytest.raises(NotFound):
        claim_offer(UserFactory(), entry, entry.claim_token, _details())

    assert _written() == before


def test_a_reused_link_is_refused_clearly():
    entry, _ = offered_entry()
    claim_offer(entry.person, entry, entry.claim_token, _details())
    before = _written()

    with pytest.raises(Conflict, match="This place was already claimed"):
        claim_offer(entry.person, entry, entry.claim_token, _details())

    assert _written() == before


def test_a_lapsed_offer_is_refused_before_and_after_the_sweep():
    entry, _ = offered_entry()
    before = _written()
    later = entry.offer_expires_at + timedelta(minutes=1)

    with time_machine.travel(later, tick=False):
        with pytest.raises(Conflict, match="This offer expired on"):
            claim_offer(entry.person, entry, entry.claim_token, _details())
        expire_offers()
        entry.refresh_from_db()
        with pytest.raises(Conflict, match="the place went to the next person waiting"):
            check_claim(entry.person, entry, entry.claim_token)

    assert _written() == before


def test_an_offer_declined_cannot_be_claimed():
    entry, _ = offered_entry()
    leave_waitlist(entry.person, entry)
    entry.refresh_from_db()

    with pytest.raises(Conflict, match="You left the waitlist, so this offer is closed."):
        claim_offer(entry.person, entry, entry.claim_token, _details())


def test_a_refusal_by_registration_writes_nothing():
    entry, _ = offered_entry()
    before = _written()

    with pytest.raises(Exception, match="Attendee 1: enter their name."):
        claim_offer(entry.person, entry, entry.claim_token, _details(full_name="  "))

    assert _written() == before
    entry.refresh_from_db()
    assert entry.status == "offered"
    assert entry.offer_expires_at > timezone.now()
