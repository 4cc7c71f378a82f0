"""A ticket cancelled while its order is being checked out (PostgreSQL, real threads): the
checkout holds the event's lock from pricing the order until its invoice exists, so the
cancellation waits, then sees the invoice and credits the ticket's share on it (taking the
invoice's lock first, as every writer does). Never an invoice billing a cancelled ticket."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import close_old_connections

from socialrx.billing.models import CreditNote, Invoice
from socialrx.billing.services import checkout as checkout_module
from socialrx.events.models import Attendee, Order
from socialrx.events.services.cancellation import cancel_attendee
from socialrx.events.services.registration import register
from tests.concurrency import require_postgres, run_at_once
from tests.events.factories import make_event, make_ticket_type
from tests.events.registration_support import check_out, details
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


def _pending_pair(n: int = 0):
    event = make_event(title="Race Summit", capacity=10, refund_percent=100)
    general = make_ticket_type(event, name="Full pass", price_cents=45_000)
    buyer = UserFactory(email=f"lead{n}@race.example")
    order = register(buyer, event, general, details("a@race.example", "b@race.example"))
    return buyer, order


def test_a_ticket_cancelled_while_its_invoice_is_being_made_is_credited_on_it(monkeypatch):
    buyer, order = _pending_pair()
    invoicing = threading.Event()
    real_issue = checkout_module.issue_invoice

    def slow_issue(**kwargs):
        invoicing.set()  # the checkout priced the order and is about to invoice it
        time.sleep(1.5)
        return real_issue(**kwargs)

    monkeypatch.setattr(checkout_module, "issue_invoice", slow_issue)

    def work(index):
        close_old_connections()
        if index == 0:
            return check_out(buyer, Order.objects.get(pk=order.pk), quantity=2)
        assert invoicing.wait(timeout=30)
        return cancel_attendee(buyer, Attendee.objects.get(email_key="a@race.example"))

    invoice, cancelled = run_at_once(2, work)

    assert isinstance(invoice, Invoice), invoice
    assert isinstance(cancelled, Attendee), cancelled
    assert cancelled.refund_note == f"Invoice {invoice.number} now bills $450.00 less."
    invoice.refresh_from_db()
    assert (invoice.total_cents, invoice.owed_cents) == (90_000, 45_000)
    assert list(CreditNote.objects.values_list("amount_cents", flat=True)) == [45_000]
    assert sorted(Attendee.objects.values_list("email_key", "status")) == [
        ("a@race.example", "cancelled"),
        ("b@race.example", "pending"),
    ]


def test_checkout_and_cancel_at_once_never_bill_a_cancelled_ticket():
    for n in range(3):
        buyer, order = _pending_pair(n)

        def work(index, buyer=buyer, order=order):
            close_old_connections()
            if index == 0:
                return check_out(buyer, Order.objects.get(pk=order.pk), quantity=2)
            return cancel_attendee(buyer, order.attendees.get(email_key="a@race.example"))

        results = run_at_once(2, work)

        assert isinstance(results[1], Attendee), results
        invoices = list(Invoice.objects.filter(lines__sold_public_id=order.public_id))
        if invoices:  # invoiced first: the cancelled ticket's share is credited
            (invoice,) = invoices
            assert (invoice.total_cents, invoice.owed_cents) == (90_000, 45_000)
        else:  # cancelled first: the checkout of two tickets was refused
            assert "This order is for 1 ticket" in str(results[0])
            assert Order.objects.get(pk=order.pk).quantity == 1
