"""The staff's registrations list of one event: each filter and their combination, the needs
summary caterers and the venue read, the invoice a ticket was paid by, the CSV (same filters,
formula-injection-safe cells), refusals of a filter the page does not offer, pages, and a
constant number of queries as attendees grow.

The clock is pinned to 2031-03-10 15:00 UTC, so the first invoice is INV-2031-00001; the event
meets in Chicago (CDT, UTC−5, in April)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from socialrx.events.models import CheckIn
from socialrx.events.selectors.reports import StatusCounts
from socialrx.events.services.registration import register
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.events.registration_support import check_out, details
from tests.factories import UserFactory

pytestmark = pytest.mark.integration

NOW = datetime(2031, 3, 10, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def event(db):
    return make_event(title="Social Media in Health Care Summit", capacity=50)


@pytest.fixture
def general(event):
    return make_ticket_type(event, name="Non-member", price_cents=45_000)


@pytest.fixture
def student(event):
    return make_ticket_type(event, name="Student", kind="student", price_cents=15_000)


def _check_in(attendee, at: datetime) -> CheckIn:
    record = CheckIn.objects.create(attendee=attendee, event=attendee.event, method="search")
    CheckIn.objects.filter(pk=record.pk).update(checked_in_at=at)
    return record


@pytest.fixture
def people(event, general, student):
    """Four attendees written straight to the tables (see each line)."""
    ana = make_attendee(
        event,
        general,
        full_name="Ana Alvarez",
        email="ana@riverside.example",
        organization_name="Riverside Regional",
        job_title="Social media manager",
        dietary_needs="Vegetarian",
    )
    _check_in(ana, datetime(2031, 4, 21, 13, 42, tzinfo=UTC))  # 08:42 CDT
    make_attendee(
        event,
        student,
        full_name="Ben Brooks",
        email="ben@lakeside.example",
        organization_name="Lakeside Clinic",
        dietary_needs=" vegetarian ",
        accessibility_needs="Wheelchair access",
    )
    make_attendee(
        event,
        general,
        full_name="Cara Chen",
        email="cara@riverside.example",
        organization_name="riverside regional",
        status="pending",
    )
    make_attendee(
        event,
        student,
        full_name="Dev Desai",
        email="dev@example.org",
        status="cancelled",
        dietary_needs="Gluten-free",
    )
    return ana


def _names(response) -> list[str]:
    return [row.attendee.full_name for row in response.context["rows"]]


def _list(client, event, **params):
    return client.get(reverse("events:staff_registrations", args=[event.slug]), params)


ALL = ["Ana Alvarez", "Ben Brooks", "Cara Chen", "Dev Desai"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ALL),
        ({"status": "confirmed"}, ["Ana Alvarez", "Ben Brooks"]),
        ({"status": "pending"}, ["Cara Chen"]),
        ({"status": "cancelled"}, ["Dev Desai"]),
        ({"checked_in": "yes"}, ["Ana Alvarez"]),
        ({"checked_in": "no"}, ["Ben Brooks", "Cara Chen", "Dev Desai"]),
        # Any case of the organization's name: Cara typed it in lower case.
        ({"organization": "Riverside Regional"}, ["Ana Alvarez", "Cara Chen"]),
        ({"q": "riverside.example"}, ["Ana Alvarez", "Cara Chen"]),
        ({"q": "  CHEN "}, ["Cara Chen"]),
        ({"q": "nobody"}, []),
        ({"organization": "Riverside Regional", "checked_in": "no"}, ["Cara Chen"]),
    ],
)
def test_each_filter_narrows_the_list(staff_client, event, people, params, expected):
    response = _list(staff_client, event, **params)

    assert response.status_code == 200
    assert _names(response) == expected


def test_the_ticket_type_filter(staff_client, event, people, student):
    response = _list(staff_client, event, ticket_type=str(student.pk))

    assert _names(response) == ["Ben Brooks", "Dev Desai"]


def test_the_filters_offer_the_event_s_types_and_each_organization_once(
    staff_client, event, people, general, student
):
    form = _list(staff_client, event).context["form"]

    assert list(form.fields["ticket_type"].choices) == [
        ("", "Any ticket type"),
        (str(student.pk), "Student"),  # by position, then price: $150 before $450
        (str(general.pk), "Non-member"),
    ]
    assert list(form.fields["organization"].choices) == [
        ("", "Any organization"),
        ("Lakeside Clinic", "Lakeside Clinic"),
        ("Riverside Regional", "Riverside Regional"),
    ]


def test_the_page_shows_counts_needs_and_the_check_in_time_on_the_event_s_clock(
    staff_client, event, people
):
    response = _list(staff_client, event)
    html = response.content.decode()

    counts = response.context["counts"]
    assert counts == StatusCounts(registered=2, awaiting_payment=1, cancelled=1, checked_in=1)
    needs = response.context["needs"]
    # Dev's gluten-free meal is left out: Dev cancelled.
    assert [(n.text, n.count) for n in needs.dietary] == [("Vegetarian", 2)]
    assert [(n.text, n.count) for n in needs.accessibility] == [("Wheelchair access", 1)]
    assert (needs.dietary_total, needs.accessibility_total) == (2, 1)
    assert "Dietary needs: 2 people" in html
    assert "Accessibility needs: 1 person" in html
    assert '<time datetime="2031-04-21T13:42:00+00:00">Apr 21, 8:42 AM CDT</time>' in html
    assert 'aria-current="page">Registrations</a>' in html


def test_an_invoice_links_to_billing_s_staff_page(staff_client, event, general, user):
    order = register(user, event, general, details("erin@northside.example"))
    invoice = check_out(user, order, pay_by="invoice")

    response = _list(staff_client, event)
    html = response.content.decode()

    assert invoice.number == "INV-2031-00001"
    link = reverse("billing:staff_invoice", args=[invoice.public_id])
    assert f'<a class="rep-nowrap" href="{link}">INV-2031-00001</a>' in html
    assert "(open)" in html
    row = response.context["rows"][0]
    assert (row.attendee.full_name, row.buyer) == ("Erin", user.full_name or user.email)


def test_a_team_order_names_the_organization_and_who_placed_it(staff_client, event, general):
    from tests.factories import OrganizationFactory  # noqa: PLC0415

    buyer = UserFactory(full_name="Olivia Admin")
    org = OrganizationFactory(name="Northside Health")
    make_attendee(event, general, full_name="Pat Lee", made_by=buyer, organization=org)

    row = _list(staff_client, event).context["rows"][0]

    assert row.buyer == "Northside Health (by Olivia Admin)"
    assert row.payment.label == "No invoice"


@pytest.mark.parametrize(
    "params",
    [{"ticket_type": "999999"}, {"status": "refunded"}, {"checked_in": "maybe"}],
)
def test_a_filter_the_page_does_not_offer_is_refused_clearly(staff_client, event, people, params):
    page = _list(staff_client, event, **params)
    export = staff_client.get(reverse("events:staff_registrations_csv", args=[event.slug]), params)

    assert page.status_code == 400
    assert "Select a valid choice" in page.content.decode()
    assert export.status_code == 400
    assert export["Content-Type"].startswith("text/html")
    assert "Select a valid choice" in export.content.decode()


def test_a_ticket_type_of_another_event_is_not_a_choice(staff_client, event, people):
    other = make_ticket_type(make_event(title="Another event"), name="Elsewhere")

    response = _list(staff_client, event, ticket_type=str(other.pk))

    assert response.status_code == 400
    assert _names(response) == ALL  # the refused filter is not applied


def test_the_list_is_paginated(staff_client, event, general):
    for n in range(51):
        make_attendee(event, general, full_name=f"Person {n:02d}", email=f"p{n:02d}@x.example")

    first = _list(staff_client, event)
    second = _list(staff_client, event, page="2")

    assert len(first.context["rows"]) == 50
    assert _names(second) == ["Person 50"]
    assert "Page 2 of 2" in second.content.decode()


# --- the CSV ----------------------------------------------------------------------------------


def _csv(client, event, **params) -> list[list[str]]:
    response = client.get(reverse("events:staff_registrations_csv", args=[event.slug]), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"] == f'attachment; filename="{event.slug}-registrations.csv"'
    )
    return list(csv.reader(io.StringIO(response.content.decode())))


HEADER = (
    "Name,Email,Job title,Organization,Ticket type,Status,Buyer,Invoice,Invoice status,"
    "Checked in at,Dietary needs,Accessibility needs"
)


def test_the_csv_has_every_matching_row_with_its_columns(staff_client, event, people):
    ana = people
    buyer = ana.order.made_by.full_name or ana.order.made_by.email

    rows = _csv(staff_client, event, status="confirmed")

    assert ",".join(rows[0]) == HEADER
    assert [row[0] for row in rows[1:]] == ["Ana Alvarez", "Ben Brooks"]
    assert rows[1] == [
        "Ana Alvarez",
        "ana@riverside.example",
        "Social media manager",
        "Riverside Regional",
        "Non-member",
        "Registered",
        buyer,
        "",
        "",
        "2031-04-21 08:42 CDT",
        "Vegetarian",
        "",
    ]
    assert rows[2][9:] == ["", " vegetarian ", "Wheelchair access"]


def test_the_csv_names_the_invoice(staff_client, event, general, user):
    order = register(user, event, general, details("erin@northside.example"))
    check_out(user, order, pay_by="invoice")

    rows = _csv(staff_client, event)

    assert rows[1][5:9] == [
        "Awaiting payment",
        user.full_name or user.email,
        "INV-2031-00001",
        "Open",
    ]


def test_csv_cells_that_a_spreadsheet_would_run_are_defused(staff_client, event, general):
    make_attendee(
        event,
        general,
        full_name='=HYPERLINK("http://evil.example","Click")',
        email="mallory@evil.example",
        organization_name="+1 Clinic",
        job_title="-2+3",
        dietary_needs="@SUM(A1:A9)",
        accessibility_needs="\tTabbed",
    )

    row = _csv(staff_client, event)[1]

    assert row[0] == '\'=HYPERLINK("http://evil.example","Click")'
    assert row[2] == "'-2+3"
    assert row[3] == "'+1 Clinic"
    assert row[10] == "'@SUM(A1:A9)"
    assert row[11] == "'\tTabbed"


def test_the_csv_of_an_unknown_event_is_not_found(staff_client):
    response = staff_client.get(reverse("events:staff_registrations_csv", args=["nope"]))

    assert response.status_code == 404


# --- queries ----------------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def _crowd(event, general, student, size: int) -> None:
    """`size` attendees: a third invoiced through billing, a third checked in, mixed types,
    organizations and needs."""
    for n in range(size):
        buyer = UserFactory()
        ticket_type = general if n % 2 else student
        if n % 3 == 0:
            order = register(
                buyer,
                event,
                ticket_type,
                details(f"guest{n}@org{n % 4}.example", organization_name=f"Org {n % 4}"),
            )
            check_out(buyer, order, pay_by="invoice")
        else:
            attendee = make_attendee(
                event,
                ticket_type,
                email=f"guest{n}@org{n % 4}.example",
                organization_name=f"Org {n % 4}",
                dietary_needs="Vegan" if n % 2 else "",
                accessibility_needs="Hearing loop" if n % 5 == 0 else "",
            )
            if n % 3 == 1:
                _check_in(attendee, datetime(2031, 4, 21, 14, n, tzinfo=UTC))


def test_the_list_takes_the_same_queries_for_three_or_twelve_attendees(
    staff_client, django_assert_num_queries
):
    small = make_event(title="Small summit")
    large = make_event(title="Large summit")
    _crowd(small, make_ticket_type(small, name="A"), make_ticket_type(small, name="B"), 3)
    _crowd(large, make_ticket_type(large, name="A"), make_ticket_type(large, name="B"), 12)
    small_url = reverse("events:staff_registrations", args=[small.slug])
    large_url = reverse("events:staff_registrations", args=[large.slug])

    count = _queries(staff_client, small_url)
    with django_assert_num_queries(count):
        response = staff_client.get(large_url)

    assert len(response.context["rows"]) == 12
    assert response.content.decode().count("INV-2031-") == 4
    assert count == 12  # pinned: a query per row would change it

    filtered = _queries(staff_client, large_url + "?checked_in=no&q=guest")
    assert filtered == count


def test_the_csv_takes_the_same_queries_for_three_or_twelve_attendees(
    staff_client, django_assert_num_queries
):
    small = make_event(title="Small summit")
    large = make_event(title="Large summit")
    _crowd(small, make_ticket_type(small, name="A"), make_ticket_type(small, name="B"), 3)
    _crowd(large, make_ticket_type(large, name="A"), make_ticket_type(large, name="B"), 12)
    small_url = reverse("events:staff_registrations_csv", args=[small.slug])
    large_url = reverse("events:staff_registrations_csv", args=[large.slug])

    count = _queries(staff_client, small_url)
    with django_assert_num_queries(count):
        response = staff_client.get(large_url)

    assert len(response.content.decode().strip().splitlines()) == 13
