"""The waitlist: joined once, only when full; seats freed are offered in order for 48 hours
with a claim link; a wrong or expired link writes nothing; expired offers pass on."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.training.models import Booking, WaitlistEntry
from socialrx.training.selectors.boot_camps import seats_left
from socialrx.training.services.boot_camp_registration import (
    book,
    cancel_registration,
    release_expired_bookings,
)
from socialrx.training.services.boot_camps import update_boot_camp
from socialrx.training.services.waitlist import (
    claim_offer,
    expire_offers,
    join_waitlist,
    offer_next_seats,
)
from socialrx.training.tasks import expire_waitlist_offers
from tests.factories import UserFactory
from tests.training.factories import make_boot_camp

pytestmark = pytest.mark.integration


@pytest.fixture
def full_camp(db):
    camp = make_boot_camp(capacity=1)
    holder = UserFactory()
    camp.holder_booking = book(holder, camp, [holder])
    camp.holder = holder
    return camp


def _free_the_seat(camp):
    cancel_registration(camp.holder, camp.holder_booking.registrations.get())


def test_joining_once_and_only_when_full(db, user):
    camp = make_boot_camp(capacity=1)
    with pytest.raises(DomainError, match="Seats are still available: register instead"):
        join_waitlist(user, camp)
    other = UserFactory()
    book(other, camp, [other])
    entry = join_waitlist(user, camp)
    assert entry.status == "waiting"
    with pytest.raises(DomainError, match="already on the waitlist"):
        join_waitlist(user, camp)
    with pytest.raises(DomainError, match="already registered"):
        join_waitlist(other, camp)
    assert AuditEvent.objects.filter(action="training.waitlist.joined").count() == 1


def test_claiming_the_offer_books_the_seat(full_camp, user):
    join_waitlist(user, full_camp)
    _free_the_seat(full_camp)
    entry = WaitlistEntry.objects.get(person=user)

    booking = claim_offer(user, entry, entry.claim_token)

    entry.refresh_from_db()
    assert entry.status == "claimed"
    assert booking.registrations.get().person == user
    assert seats_left(full_camp) == 0
    assert AuditEvent.objects.filter(action="training.waitlist.claimed").count() == 1


def test_a_wrong_token_another_person_and_a_second_claim_write_nothing(full_camp, user):
    join_waitlist(user, full_camp)
    _free_the_seat(full_camp)
    entry = WaitlistEntry.objects.get(person=user)
    bookings = Booking.objects.count()

    with pytest.raises(DomainError, match="This claim link is not valid"):
        claim_offer(user, entry, "forged-token")
    with pytest.raises(DomainError, match="sign in as that person"):
        claim_offer(UserFactory(), entry, entry.claim_token)
    assert Booking.objects.count() == bookings
    entry.refresh_from_db()
    assert entry.status == "offered"
    claim_offer(user, entry, entry.claim_token)
    with pytest.raises(DomainError, match="already claimed"):
        claim_offer(user, entry, entry.claim_token)


def test_an_expired_offer_is_refused_and_passes_to_the_next_person(full_camp, user):
    join_waitlist(user, full_camp)
    second = UserFactory()
    join_waitlist(second, full_camp)
    _free_the_seat(full_camp)
    entry = WaitlistEntry.objects.get(person=user)

    with time_machine.travel(entry.offer_expires_at + timedelta(minutes=1)):
        with pytest.raises(DomainError, match="This offer expired on"):
            claim_offer(user, entry, entry.claim_token)
        assert expire_waitlist_offers.delay().get() == 1

    entry.refresh_from_db()
    assert entry.status == "expired"
    assert WaitlistEntry.objects.get(person=second).status == "offered"
    assert expire_offers() == 0


def test_offers_run_48_hours_by_default_and_follow_the_setting(full_camp, user, settings):
    settings.TRAINING_WAITLIST_OFFER_HOURS = 6
    join_waitlist(user, full_camp)
    _free_the_seat(full_camp)
    entry = WaitlistEntry.objects.get(person=user)
    assert entry.offer_expires_at - entry.offered_at == timedelta(hours=6)


def test_raising_capacity_offers_the_new_seats(full_camp, staff):
    people = [UserFactory() for _ in range(3)]
    for person in people:
        join_waitlist(person, full_camp)
    data = {
        name: getattr(full_camp, name)
        for name in (
            "title",
            "slug",
            "summary",
            "description",
            "level",
            "location",
            "capacity",
            "price_cents",
            "registration_deadline",
            "cancellation_deadline",
            "ce_hours",
        )
    }
    update_boot_camp(actor=staff, boot_camp=full_camp, data={**data, "capacity": 3})

    statuses = [WaitlistEntry.objects.get(person=p).status for p in people]
    assert statuses == ["offered", "offered", "waiting"]


def test_an_offer_may_be_claimed_after_the_registration_deadline_while_it_runs(full_camp, user):
    join_waitlist(user, full_camp)
    with time_machine.travel(full_camp.registration_deadline - timedelta(hours=1)):
        assert release_expired_bookings() == 1  # the holder never paid
    entry = WaitlistEntry.objects.get(person=user)
    with time_machine.travel(full_camp.registration_deadline + timedelta(hours=1)):
        booking = claim_offer(user, entry, entry.claim_token)
    assert booking.registrations.get().status == "pending"


def test_offer_next_seats_does_nothing_when_nothing_freed(full_camp, user):
    join_waitlist(user, full_camp)
    assert offer_next_seats(full_camp) == []
    assert WaitlistEntry.objects.get(person=user).status == "waiting"
    assert timezone.now() < full_camp.registration_deadline
