"""A refund due to a cancelled ticket (paid by check) is settled only by the refund staff
record in billing for it: never by the refund events makes itself when another ticket of the
same order is cancelled."""

from __future__ import annotations

import pytest

from socialrx.billing.models import Refund
from socialrx.billing.services import refunds
from socialrx.events.services.cancellation import cancel_attendee
from socialrx.events.services.registration import register
from tests.events.factories import make_event, make_ticket_type
from tests.events.registration_support import check_out, details, pay_by_check
from tests.factories import UserFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def paid_order(db, staff):
    event = make_event(title="Refund Summit", capacity=10, refund_percent=100)
    general = make_ticket_type(event, name="Full pass", price_cents=10_000)
    buyer = UserFactory(email="lead@r.example")
    order = register(buyer, event, general, details("a@r.example", "b@r.example", "c@r.example"))
    invoice = check_out(buyer, order)
    pay_by_check(staff, invoice)
    invoice.refresh_from_db()
    return buyer, order, invoice


def test_staff_cancelling_another_ticket_leaves_the_refund_due_alone(paid_order, staff):
    buyer, order, invoice = paid_order
    a = order.attendees.get(email="a@r.example")
    b = order.attendees.get(email="b@r.example")
    cancel_attendee(buyer, a)  # paid by check: the center owes A $100.00
    a.refresh_from_db()
    assert a.refund_due_cents == 10_000

    note = cancel_attendee(staff, b).refund_note  # staff refund B by check at once

    assert note == f"$100.00 is refunded by check (invoice {invoice.number})."
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.refund_due_cents, b.refund_due_cents) == (10_000, 0)
    assert list(Refund.objects.values_list("amount_cents", "method")) == [(10_000, "check")]

    # Staff then send A's check and record it in billing: A's refund due is settled.
    refunds.refund(
        actor=staff,
        invoice=invoice,
        amount_cents=10_000,
        reason="Check sent to A",
        method="check",
        line_id=invoice.lines.get().pk,
    )
    a.refresh_from_db()
    assert a.refund_due_cents == 0


def test_a_refund_recorded_in_billing_settles_the_ticket_it_was_for(paid_order, staff):
    _buyer, order, invoice = paid_order
    a = order.attendees.get(email="a@r.example")
    b = order.attendees.get(email="b@r.example")
    order.attendees.filter(pk=a.pk).update(status="cancelled", refund_due_cents=7_000)
    order.attendees.filter(pk=b.pk).update(status="cancelled", refund_due_cents=3_000)

    refunds.refund(
        actor=staff,
        invoice=invoice,
        amount_cents=3_000,
        reason="Check sent to B",
        method="check",
        line_id=invoice.lines.get().pk,
    )

    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.refund_due_cents, b.refund_due_cents) == (7_000, 0)
