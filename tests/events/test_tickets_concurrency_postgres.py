"""Tickets under real concurrency on PostgreSQL: the same order confirmed by several workers at
once sends each ticket once, and a ticket cancelled twice at once is cancelled and refunded
once."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import close_old_connections

from socialrx.billing.models import Refund
from socialrx.core.errors import DomainError
from socialrx.events.models import Attendee
from socialrx.events.selectors.places import places_left
from socialrx.events.services.cancellation import cancel_attendee
from socialrx.events.services.confirmations import send_tickets
from socialrx.events.services.registration import register
from tests.concurrency import require_postgres, run_at_once
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.events.registration_support import card, check_out, details, pay_by_card  # noqa: F401 - card: a fixture
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


def test_one_order_confirmed_by_five_workers_at_once_sends_each_ticket_once():
    event = make_event(title="Health Social Summit")
    free = make_ticket_type(event, name="Community pass", price_cents=0)
    first = make_attendee(event, free, email="ana@riverside.example")
    Attendee.objects.create(
        event=event,
        order=first.order,
        ticket_type=free,
        full_name="Raj",
        email="raj@riverside.example",
        email_key="raj@riverside.example",
        status="confirmed",
        ticket_secret="second-secret",
    )

    def work(index):
        close_old_connections()
        return len(send_tickets(first.order_id))

    results = run_at_once(5, work)

    assert sorted(results) == [0, 0, 0, 0, 2]
    tickets = [m for m in mail.outbox if m.subject == "Your ticket: Health Social Summit"]
    assert sorted(m.to[0] for m in tickets) == ["ana@riverside.example", "raj@riverside.example"]


@pytest.mark.usefixtures("card")
def test_a_ticket_cancelled_twice_at_once_is_refunded_once():
    event = make_event(title="Health Social Summit", capacity=5, refund_percent=100)
    general = make_ticket_type(event, name="Full pass", price_cents=45_000)
    buyer = UserFactory()
    order = register(buyer, event, general, details(buyer.email))
    invoice = check_out(buyer, order, pay_by="card")
    pay_by_card(invoice, event_id="evt_tix_race")
    attendee = order.attendees.get()

    def work(index):
        close_old_connections()
        return cancel_attendee(buyer, Attendee.objects.get(pk=attendee.pk))

    results = run_at_once(2, work)

    cancelled = [r for r in results if isinstance(r, Attendee)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert (len(cancelled), len(refused)) == (1, 1), results
    assert refused[0].message == "This ticket is already cancelled."
    assert list(Refund.objects.values_list("amount_cents", flat=True)) == [45_000]
    assert places_left(event) == 5
