"""A ticket cancelled on an open invoice is credited (a credit note naming the line): the sales
by ticket type count that credit as refunded (and not outstanding), as sales over time do, so
both views reconcile."""

from __future__ import annotations

import pytest

from socialrx.events.selectors.sales import sales_by_type, sales_over_time
from socialrx.events.services.cancellation import cancel_attendee
from socialrx.events.services.registration import register
from tests.events.factories import make_event, make_ticket_type
from tests.events.registration_support import check_out, details, pay_by_check
from tests.factories import UserFactory

pytestmark = pytest.mark.integration


def test_a_credit_note_on_a_line_counts_as_refunded_in_both_views(db, staff):
    event = make_event(title="Credit Summit", capacity=10, refund_percent=100)
    general = make_ticket_type(event, name="Full pass", price_cents=10_000)
    buyer = UserFactory(email="lead@r.example")
    order = register(buyer, event, general, details("a@r.example", "b@r.example"))
    invoice = check_out(buyer, order)  # 2 × $100.00, open

    note = cancel_attendee(buyer, order.attendees.get(email="a@r.example")).refund_note

    invoice.refresh_from_db()
    assert note == f"Invoice {invoice.number} now bills $100.00 less."
    open_sales = sales_by_type(event)
    row = open_sales.rows[0]
    assert (row.paid_cents, row.refunded_cents, row.outstanding_cents) == (0, 0, 10_000)
    assert open_sales.total.outstanding_cents == 10_000

    pay_by_check(staff, invoice)  # the $100.00 still owed

    by_type = sales_by_type(event)
    row = by_type.rows[0]
    assert (row.paid_cents, row.refunded_cents, row.net_cents, row.outstanding_cents) == (
        20_000,
        10_000,
        10_000,
        0,
    )
    assert (by_type.total.paid_cents, by_type.total.refunded_cents) == (20_000, 10_000)
    over_time = sales_over_time(event)
    assert (over_time.paid_cents, over_time.refunded_cents, over_time.revenue_cents) == (
        20_000,
        10_000,
        10_000,
    )
    assert by_type.total.net_cents == over_time.revenue_cents == 10_000
