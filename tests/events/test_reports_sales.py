"""The staff's sales page of one event: revenue by ticket type from billing's invoice lines,
tickets and places per type, and sales over time (a chart and its table), after tickets were
bought through the real flow (registration, billing's checkout, a card webhook or a check, a
cancellation refunded to the card by the event's rule).

Every figure below is written out by hand. The event meets in Chicago (CDT, UTC−5 from
March 9, 2031); days are the event's:

- Mar 10 (15:00 UTC): Avery buys 2 non-member tickets ($450) by card, paid at once: $900.
  Blake registers 1 student ($150) and is invoiced (open).
- Mar 12 (16:00 UTC): Blake's check arrives: $150. Casey buys 1 non-member by card: $450.
- Mar 15 (17:00 UTC): Avery cancels one ticket before the refund deadline: $450 back to the
  card. Drew registers 1 non-member and is invoiced (open, $450 outstanding).
- Mar 16 03:30 UTC, still Mar 15 in Chicago: Emery buys 1 student by card: $150.
- A voided invoice (Finley's abandoned card checkout) counts nowhere."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from socialrx.billing.services.invoices import void_invoice
from socialrx.events.models import Attendee
from socialrx.events.selectors.sales import sales_by_type, sales_over_time
from socialrx.events.services.cancellation import cancel_attendee
from socialrx.events.services.registration import register
from tests.events.factories import make_event, make_ticket_type
from tests.events.registration_support import card, check_out, details, pay_by_card, pay_by_check  # noqa: F401
from tests.factories import UserFactory

pytestmark = pytest.mark.integration

START = datetime(2031, 3, 10, 15, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def staff_client(client, staff, clock):
    client.force_login(staff)
    return client


@pytest.fixture
def summit(db, clock):
    event = make_event(title="Social Media in Health Care Summit", capacity=20)
    general = make_ticket_type(event, name="Non-member", price_cents=45_000, quota=5)
    student = make_ticket_type(event, name="Student", kind="student", price_cents=15_000)
    return event, general, student


def _buy_by_card(buyer, event, ticket_type, emails, event_id):
    order = register(buyer, event, ticket_type, details(*emails))
    invoice = check_out(buyer, order, pay_by="card")
    assert pay_by_card(invoice, event_id=event_id) == "recorded"
    return order, invoice


@pytest.fixture
def sold(summit, clock, staff, card):  # noqa: F811
    event, general, student = summit
    avery, blake, casey, drew, emery, finley = (
        UserFactory(full_name=name)
        for name in ("Avery", "Blake", "Casey", "Drew", "Emery", "Finley")
    )
    # Mar 10
    avery_order, _ = _buy_by_card(
        avery, event, general, ["avery@x.example", "avery.guest@x.example"], "evt_avery"
    )
    blake_order = register(blake, event, student, details("blake@x.example"))
    blake_invoice = check_out(blake, blake_order, pay_by="invoice")
    finley_order = register(finley, event, general, details("finley@x.example"))
    finley_invoice = check_out(finley, finley_order, pay_by="card")
    void_invoice(actor=staff, invoice=finley_invoice, reason="Abandoned checkout.")
    # Mar 12
    clock.move_to(datetime(2031, 3, 12, 16, 0, tzinfo=UTC))
    pay_by_check(staff, blake_invoice, reference="2041")
    _buy_by_card(casey, event, general, ["casey@x.example"], "evt_casey")
    # Mar 15
    clock.move_to(datetime(2031, 3, 15, 17, 0, tzinfo=UTC))
    guest = Attendee.objects.get(order=avery_order, email="avery.guest@x.example")
    cancel_attendee(avery, guest, reason="Cannot travel.")
    drew_order = register(drew, event, general, details("drew@x.example"))
    check_out(drew, drew_order, pay_by="invoice")
    # Mar 16 03:30 UTC: Mar 15, 22:30 in Chicago
    clock.move_to(datetime(2031, 3, 16, 3, 30, tzinfo=UTC))
    _buy_by_card(emery, event, student, ["emery@x.example"], "evt_emery")
    return event


def _row(line) -> tuple:
    return (
        line.label,
        line.registered,
        line.awaiting_payment,
        line.quota,
        line.left,
        line.paid_cents,
        line.refunded_cents,
        line.net_cents,
        line.outstanding_cents,
    )


def test_revenue_by_ticket_type_reconciles_with_billing(sold):
    report = sales_by_type(sold)

    assert [_row(line) for line in report.rows] == [
        # label, registered, awaiting, quota, left, paid, refunded, net, outstanding
        ("Student", 2, 0, None, 15, 30_000, 0, 30_000, 0),
        ("Non-member", 2, 1, 5, 2, 135_000, 45_000, 90_000, 45_000),
    ]
    assert _row(report.total) == (
        "All ticket types",
        4,
        1,
        20,
        15,
        165_000,
        45_000,
        120_000,
        45_000,
    )


def _day(entry) -> tuple:
    return (
        entry.day,
        entry.tickets,
        entry.tickets_to_date,
        entry.paid_cents,
        entry.refunded_cents,
        entry.revenue_to_date_cents,
    )


def test_sales_over_time_by_day_on_the_event_s_clock(sold):
    over_time = sales_over_time(sold)

    assert [_day(entry) for entry in over_time.days] == [
        # Avery's cancelled guest no longer counts among the tickets confirmed on Mar 10.
        (date(2031, 3, 10), 1, 1, 90_000, 0, 90_000),
        (date(2031, 3, 12), 2, 3, 60_000, 0, 150_000),
        (date(2031, 3, 15), 1, 4, 15_000, 45_000, 120_000),
    ]
    # The chart's days run without gaps: Mar 13 and 14 are zeros.
    assert [_day(entry) for entry in over_time.every_day][2:5] == [
        (date(2031, 3, 12), 2, 3, 60_000, 0, 150_000),
        (date(2031, 3, 13), 0, 3, 0, 0, 150_000),
        (date(2031, 3, 14), 0, 3, 0, 0, 150_000),
    ]
    assert len(over_time.every_day) == 6
    assert (over_time.tickets, over_time.paid_cents, over_time.refunded_cents) == (
        4,
        165_000,
        45_000,
    )
    assert over_time.revenue_cents == 120_000


def test_the_sales_page_shows_the_figures_a_chart_and_its_table(staff_client, sold):
    response = staff_client.get(reverse("events:staff_sales", args=[sold.slug]))
    html = response.content.decode()

    assert response.status_code == 200
    assert 'aria-current="page">Sales</a>' in html
    assert html.count('class="line-chart"') == 2
    assert "<caption>Tickets and revenue by day (the charts' data)</caption>" in html
    assert '<time datetime="2031-03-15">Sat, Mar 15, 2031</time>' in html
    for figure in ("$1,650.00", "$450.00", "$1,200.00", "$1,350.00", "$300.00", "$900.00"):
        assert figure in html
    # The axis speaks in days and dollars.
    assert ">Mar 10</text>" in html and ">Mar 15</text>" in html
    assert ">$1.5k</text>" in html or ">$2k</text>" in html


def test_an_event_with_no_sales_says_so(staff_client, summit):
    event, _, _ = summit

    response = staff_client.get(reverse("events:staff_sales", args=[event.slug]))
    html = response.content.decode()

    assert response.status_code == 200
    assert "No ticket was sold yet." in html
    assert 'class="line-chart"' not in html
    assert _row(response.context["by_type"].total)[1:] == (0, 0, 20, 20, 0, 0, 0, 0)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_sales_page_takes_the_same_queries_for_one_or_four_buyers(
    db,
    staff_client,
    clock,
    card,  # noqa: F811
    django_assert_num_queries,
):
    small, large = make_event(title="Small summit"), make_event(title="Large summit")
    for event, buyers in ((small, 1), (large, 4)):
        general = make_ticket_type(event, name="Non-member", price_cents=45_000)
        make_ticket_type(event, name="Student", kind="student", price_cents=15_000)
        for n in range(buyers):
            clock.move_to(datetime(2031, 3, 10 + n, 15, 0, tzinfo=UTC))
            buyer = UserFactory()
            _buy_by_card(
                buyer, event, general, [f"b{n}@{event.slug}.example"], f"evt_{event.pk}_{n}"
            )
    count = _queries(staff_client, reverse("events:staff_sales", args=[small.slug]))

    with django_assert_num_queries(count):
        response = staff_client.get(reverse("events:staff_sales", args=[large.slug]))

    assert len(response.context["over_time"].days) == 4
    assert response.context["by_type"].total.net_cents == 180_000
