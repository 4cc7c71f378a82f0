"""Places freed by stale orders (a hold that ran out before checkout) go to the waitlist, and a
newcomer registering without an offer never takes a place people waiting are owed: refused with
"People are waiting for this ticket", unless there are more places than people waiting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from socialrx.core.errors import DomainError
from socialrx.events.models import Order, WaitlistEntry
from socialrx.events.selectors.places import places_left, type_places_left
from socialrx.events.services.registration import register, release_expired_orders
from socialrx.events.services.waitlist import join_waitlist
from tests.events.factories import make_event, make_ticket_type
from tests.events.registration_support import details
from tests.factories import UserFactory

pytestmark = pytest.mark.integration

WAITING_FIRST = "People are waiting for this ticket: join the waitlist."


def _expire_holds() -> None:
    Order.objects.update(hold_expires_at=timezone.now() - timedelta(minutes=1))


def _held(ticket_type, *emails):
    register(UserFactory(), ticket_type.event, ticket_type, details(*emails))


def test_stale_orders_released_by_register_reach_the_waitlist(
    db, django_capture_on_commit_callbacks
):
    event = make_event(title="Stale Summit", capacity=10)
    full = make_ticket_type(event, name="Full pass", price_cents=10_000, quota=2)
    _held(full, "h1@r.example", "h2@r.example")
    entry = join_waitlist(UserFactory(), full)
    _expire_holds()

    with django_capture_on_commit_callbacks(execute=True):
        order = register(UserFactory(), event, full, details("n@r.example"))

    assert order.status == "pending"
    entry.refresh_from_db()
    assert entry.status == "offered"
    assert type_places_left(full) == 0  # the newcomer's place and the offer


def test_a_newcomer_is_refused_the_places_owed_to_people_waiting(
    db, django_capture_on_commit_callbacks
):
    event = make_event(title="Queue Summit", capacity=10)
    full = make_ticket_type(event, name="Full pass", price_cents=10_000, quota=2)
    _held(full, "h1@r.example", "h2@r.example")
    first = join_waitlist(UserFactory(), full)
    second = join_waitlist(UserFactory(), full)
    _expire_holds()
    newcomer = UserFactory()

    with pytest.raises(DomainError, match=WAITING_FIRST) as refused:
        register(newcomer, event, full, details("n@r.example"))

    assert refused.value.code == "sold_out"
    assert Order.objects.filter(made_by=newcomer).count() == 0
    # The newcomer may join the queue behind them (the places are spoken for).
    join_waitlist(newcomer, full)
    with django_capture_on_commit_callbacks(execute=True):
        assert release_expired_orders() == 1  # the one stale order
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("offered", "offered")
    assert WaitlistEntry.objects.get(person=newcomer).status == "waiting"


def test_a_newcomer_takes_only_the_places_beyond_the_people_waiting(db):
    event = make_event(title="Room Summit", capacity=10)
    full = make_ticket_type(event, name="Full pass", price_cents=10_000, quota=3)
    _held(full, "h1@r.example", "h2@r.example", "h3@r.example")
    join_waitlist(UserFactory(), full)
    _expire_holds()

    with pytest.raises(DomainError, match=WAITING_FIRST):
        register(UserFactory(), event, full, details("a@r.example", "b@r.example", "c@r.example"))
    order = register(UserFactory(), event, full, details("a@r.example", "b@r.example"))

    assert order.quantity == 2
    assert type_places_left(full) == 1  # the place kept for the person waiting


def test_people_waiting_for_the_events_capacity_come_before_any_type(db):
    event = make_event(title="Capacity Summit", capacity=2)
    general = make_ticket_type(event, name="General", price_cents=10_000)
    student = make_ticket_type(event, name="Student", price_cents=5_000)
    _held(general, "h1@r.example", "h2@r.example")
    join_waitlist(UserFactory(), student)  # the event is full
    _expire_holds()
    assert places_left(event) == 2

    with pytest.raises(DomainError, match=WAITING_FIRST):
        register(UserFactory(), event, general, details("a@r.example", "b@r.example"))
    order = register(UserFactory(), event, general, details("a@r.example"))

    assert order.quantity == 1


def test_a_person_waiting_may_register_themselves_without_their_offer(db):
    event = make_event(title="Self Summit", capacity=10)
    full = make_ticket_type(event, name="Full pass", price_cents=10_000, quota=1)
    _held(full, "h1@r.example")
    waiter = UserFactory(email="wanda@r.example")
    entry = join_waitlist(waiter, full)
    _expire_holds()

    order = register(waiter, event, full, details("wanda@r.example"))

    assert order.status == "pending"
    entry.refresh_from_db()
    assert entry.status == "withdrawn"
