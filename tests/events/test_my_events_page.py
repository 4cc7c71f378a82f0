"""The "My events" page (a person's tickets, by account or verified email, and the orders they
placed, upcoming first, with a constant number of queries) and the page that cancels a ticket
after stating the event's refund rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from socialrx.events.models import Attendee
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MY_EVENTS = "/events/my/"


@pytest.fixture
def person():
    return UserFactory(email="priya@riverside.example", full_name="Priya Raman")


def _page(client, person) -> str:
    client.force_login(person)
    response = client.get(reverse("events:my_events"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_address_is_events_my():
    assert reverse("events:my_events") == MY_EVENTS


def test_visitors_are_asked_to_sign_in(client):
    response = client.get(MY_EVENTS)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_lists_the_persons_tickets_upcoming_first_and_nobody_elses(client, person):
    later = make_event(title="Autumn Webinar", starts_in_days=90, format="virtual")
    sooner = make_event(title="Spring Summit", starts_in_days=10)
    past = make_event(title="Last Year's Summit", starts_in_days=-300)
    make_attendee(later, person=person)
    make_attendee(sooner, email="Priya@Riverside.example")  # by verified email, no account link
    make_attendee(past, person=person)
    make_attendee(make_event(title="Someone Else's Summit"))

    html = _page(client, person)

    assert "Someone Else&#x27;s Summit" not in html
    spring, autumn, last = (
        html.index("Spring Summit"),
        html.index("Autumn Webinar"),
        html.index("Last Year&#x27;s Summit"),
    )
    assert spring < autumn < last
    assert 'class="js-local-time"' in html  # the webinar's time in the viewer's zone too


def test_each_ticket_offers_what_its_holder_may_do(client, person):
    event = make_event(title="Spring Summit")
    confirmed = make_attendee(event, person=person)
    pending = make_attendee(make_event(title="Pending Summit"), person=person, status="pending")
    cancelled = make_attendee(make_event(title="Gone Summit"), person=person, status="cancelled")

    html = _page(client, person)

    assert reverse("events:ticket_pdf", args=[confirmed.public_id]) in html
    assert reverse("events:ticket_cancel", args=[confirmed.public_id]) in html
    assert reverse("events:attendee_rename", args=[confirmed.public_id]) in html  # own order
    assert reverse("events:event_ics", args=[event.slug]) in html
    assert reverse("events:ticket_pdf", args=[pending.public_id]) not in html
    assert "Awaiting payment: the ticket is emailed once the order is paid." in html
    for action in ("ticket_pdf", "ticket_cancel", "attendee_rename"):
        assert reverse(f"events:{action}", args=[cancelled.public_id]) not in html


def test_a_ticket_someone_else_bought_cannot_be_transferred_by_its_attendee(client, person):
    ticket = make_attendee(make_event(), person=person, made_by=UserFactory())
    html = _page(client, person)
    assert reverse("events:attendee_rename", args=[ticket.public_id]) not in html
    assert reverse("events:ticket_cancel", args=[ticket.public_id]) in html


def test_lists_the_orders_the_person_placed_with_their_attendees(client, person):
    event = make_event(title="Team Summit")
    kind = make_ticket_type(event, name="Member pass")
    first = make_attendee(event, kind, made_by=person, full_name="Ana Silva")
    gone = Attendee.objects.create(
        event=event,
        order=first.order,
        ticket_type=kind,
        full_name="Raj Patel",
        email="raj@riverside.example",
        email_key="raj@riverside.example",
        status="cancelled",
        ticket_secret="s",
    )
    own = make_attendee(make_event(title="Solo Summit"), person=person)

    html = _page(client, person)

    tickets, orders = html.split('id="orders-title"')
    assert "Team Summit" not in tickets  # bought for others: not the person's own ticket
    assert "Team Summit" in orders and "Member pass" in orders
    assert "<dd>1 of 2 registered</dd>" in orders
    for action in ("ticket_pdf", "attendee_rename", "ticket_cancel"):
        assert reverse(f"events:{action}", args=[first.public_id]) in orders
        assert reverse(f"events:{action}", args=[gone.public_id]) not in orders
        # The person's own ticket has its actions once, under "Your tickets".
        assert reverse(f"events:{action}", args=[own.public_id]) in tickets
        assert reverse(f"events:{action}", args=[own.public_id]) not in orders
    # An order of the person alone, paid, is their ticket: it is not listed again.
    assert "Solo Summit" not in orders


def _fill(person, count: int) -> None:
    for n in range(count):
        event = make_event(title=f"Summit {n}", starts_in_days=10 + n)
        make_attendee(event, person=person)  # their own order
        make_attendee(event, made_by=person)  # a colleague they registered
        make_attendee(event, email=f"P{n}@riverside.example")


def test_the_page_keeps_a_constant_number_of_queries(client, person, django_assert_num_queries):
    for n in range(6):
        UserFactory(email=f"p{n}@riverside.example", verified_email=False)
    from allauth.account.models import EmailAddress  # noqa: PLC0415

    for n in range(6):
        EmailAddress.objects.create(user=person, email=f"p{n}@riverside.example", verified=True)
    client.force_login(person)
    _fill(person, 2)
    client.get(MY_EVENTS)  # warm the caches the site keeps for every page
    with django_assert_num_queries(7) as small:
        assert client.get(MY_EVENTS).status_code == 200
    _fill(person, 6)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(MY_EVENTS)
    # 8 events: the person's own ticket and the one to their email (theirs), and the
    # colleague's in the orders they placed.
    assert response.content.decode().count("Download ticket") == 24


# --- what the page shows, and how long it gets ---------------------------------------------


def _join(order, name: str, status: str = "confirmed") -> Attendee:
    """Another attendee on `order`."""
    email = f"{name.split()[0].lower()}@riverside.example"
    return Attendee.objects.create(
        event=order.event,
        order=order,
        ticket_type=order.ticket_type,
        full_name=name,
        email=email,
        email_key=email,
        status=status,
        ticket_secret=f"secret-{email}",
    )


def test_when_says_the_date_once(client, person):
    webinar = make_event(
        title="Telehealth Webinar",
        format="virtual",
        starts_at=datetime(2099, 12, 9, 18, 0, tzinfo=UTC),  # 12:00 PM CST
        ends_at=datetime(2099, 12, 9, 19, 0, tzinfo=UTC),
    )
    summit = make_event(
        title="Spring Summit",
        starts_at=datetime(2099, 4, 15, 14, 0, tzinfo=UTC),  # 9:00 AM CDT
        ends_at=datetime(2099, 4, 16, 22, 0, tzinfo=UTC),
    )
    make_attendee(webinar, person=person)
    make_attendee(summit, person=person)

    html = _page(client, person)

    assert (
        '<dt>When</dt><dd><time datetime="2099-12-09T18:00:00+00:00" class="js-local-time" '
        'data-event-zone="America/Chicago">Dec 9, 2099, 12:00–1:00 PM CST</time></dd>'
    ) in html
    assert (
        "<dt>When</dt><dd>Apr 15–16, 2099 · starts "
        '<time datetime="2099-04-15T14:00:00+00:00">9:00 AM CDT</time></dd>'
    ) in html
    assert "December 9" not in html and "April 15" not in html


def test_past_events_are_folded_away_newest_first(client, person):
    soon = make_event(title="Spring Summit", starts_in_days=10)
    older = make_event(title="Summit of Two Years Ago", starts_in_days=-700)
    newer = make_event(title="Summit of Last Year", starts_in_days=-300)
    for event in (older, soon, newer):
        make_attendee(event, person=person)

    html = _page(client, person)

    upcoming, past = html.split('<details class="past-events">')
    assert "Spring Summit" in upcoming
    assert "Summit of Last Year" not in upcoming and "Summit of Two Years Ago" not in upcoming
    assert "<summary>Show 2 past tickets</summary>" in past
    assert past.index("Summit of Last Year") < past.index("Summit of Two Years Ago")
    assert reverse("events:event_ics", args=[soon.slug]) in upcoming
    assert reverse("events:event_ics", args=[newer.slug]) not in past  # over: no calendar


def test_orders_list_only_those_for_others_or_awaiting_payment(client, person):
    make_attendee(make_event(title="Solo Summit"), person=person)  # paid, alone: a ticket
    make_attendee(make_event(title="Unpaid Summit"), person=person, status="pending")
    team = make_attendee(make_event(title="Team Summit"), person=person).order
    _join(team, "Ana Silva")

    html = _page(client, person)

    tickets, orders = html.split('id="orders-title"')
    assert "Solo Summit" in tickets and "Solo Summit" not in orders
    assert "Unpaid Summit" in orders
    assert "Team Summit" in orders and "Ana Silva" in orders
    assert "Your own ticket: see it under “Your tickets”." in orders


def test_a_person_who_ordered_only_for_themselves_sees_no_orders_section(client, person):
    make_attendee(make_event(title="Solo Summit"), person=person)
    html = _page(client, person)
    assert 'id="orders-title"' not in html


def test_a_long_past_order_shows_its_first_attendees_and_how_many_more(client, person):
    past = make_attendee(
        make_event(title="Last Year's Summit", starts_in_days=-300),
        made_by=person,
        full_name="Aisha Rahman",
    ).order
    for name in ("Brian Walsh", "Carmen Ortega", "Derek Lund", "Emily Sorensen", "Fiona Lee"):
        _join(past, name)
    upcoming = make_attendee(make_event(title="Team Summit"), made_by=person, full_name="Ana Li")
    for name in ("Ben Cho", "Cara Diaz", "Dev Shah", "Eva Roth"):
        _join(upcoming.order, name)

    html = _page(client, person)

    for shown in ("Aisha Rahman", "Brian Walsh", "Carmen Ortega"):
        assert shown in html
    for hidden in ("Derek Lund", "Emily Sorensen", "Fiona Lee"):
        assert hidden not in html
    assert (f'and 3 more: <a href="/events/orders/{past.public_id}/">see every attendee') in html
    assert "<dd>6</dd>" in html  # the order's attendees, all counted
    for name in ("Ana Li", "Ben Cho", "Cara Diaz", "Dev Shah", "Eva Roth"):  # coming up: all
        assert name in html


def test_the_download_button_says_pdf_right_after_ticket(client, person):
    make_attendee(make_event(title="Spring Summit"), person=person)
    html = _page(client, person)
    assert (
        'Download ticket (PDF)<span class="visually-hidden"> of Priya Raman for Spring Summit'
        "</span></a>"
    ) in html


# --- cancelling a ticket ----------------------------------------------------------------------


@pytest.fixture
def ticket(person):
    event = make_event(
        title="Spring Summit",
        refund_percent=50,
        refund_until=datetime(2099, 3, 1, 6, 0, tzinfo=UTC),  # Mar 1, 2099 12:00 AM CST
        starts_at=datetime(2099, 4, 15, 14, 0, tzinfo=UTC),
        ends_at=datetime(2099, 4, 16, 22, 0, tzinfo=UTC),
    )
    return make_attendee(event, person=person)


def _cancel_url(attendee) -> str:
    return reverse("events:ticket_cancel", args=[attendee.public_id])


def test_the_cancel_page_states_the_events_rule(client, person, ticket):
    client.force_login(person)
    html = client.get(_cancel_url(ticket)).content.decode()
    assert "Cancel by Mar 1, 2099 at 12:00 AM CST for 50% back." in html
    ticket.refresh_from_db()
    assert ticket.status == "confirmed"  # a GET changes nothing


def test_after_the_cut_off_the_page_says_nothing_comes_back(client, person, ticket):
    ticket.event.refund_until = timezone.now() - timedelta(days=1)
    ticket.event.save()
    client.force_login(person)
    html = client.get(_cancel_url(ticket)).content.decode()
    assert " are not refunded." in html
    assert "The place is freed for someone on the waitlist." in html


def test_posting_cancels_and_says_what_happens_to_the_money(client, person, ticket):
    client.force_login(person)
    response = client.post(_cancel_url(ticket), follow=True)
    assert response.redirect_chain == [(MY_EVENTS, 302)]
    assert "The ticket of Priya Raman is cancelled." in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == "cancelled"
    again = client.post(_cancel_url(ticket))
    assert again.status_code == 400
    assert "This ticket is already cancelled." in again.content.decode()


def test_the_cancel_page_is_not_found_for_others(client, ticket):
    client.force_login(UserFactory())
    assert client.get(_cancel_url(ticket)).status_code == 404
    assert client.post(_cancel_url(ticket)).status_code == 404
    ticket.refresh_from_db()
    assert ticket.status == "confirmed"
