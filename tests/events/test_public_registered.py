"""The event's page for a signed-in person who already has a ticket there (by account or by
verified email) or placed an order for it: "You're registered" with links to their tickets
and their order, and "Register someone else" instead of "Register"; one query more, however
many people the orders hold."""

from __future__ import annotations

import pytest

from socialrx.events.models import Attendee
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.factories import UserFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def person(db):
    return UserFactory(email="priya@riverside.example", full_name="Priya Raman")


@pytest.fixture
def event(db):
    return make_event(title="Spring Summit")


@pytest.fixture
def pass_(event):
    return make_ticket_type(event, name="Non-member", price_cents=10_000)


def _colleague(order, name: str, email: str, status: str = "confirmed") -> Attendee:
    return Attendee.objects.create(
        event=order.event,
        order=order,
        ticket_type=order.ticket_type,
        full_name=name,
        email=email,
        email_key=email.lower(),
        status=status,
        ticket_secret=f"secret-{email}",
    )


def _page(client, person, event) -> str:
    if person is not None:
        client.force_login(person)
    response = client.get(f"/events/{event.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_registered_person_sees_so_with_their_ticket_and_order(client, person, event, pass_):
    ticket = make_attendee(event, pass_, person=person)
    _colleague(ticket.order, "Ana Silva", "ana@riverside.example")

    html = _page(client, person, event)

    assert "You're registered</p>" in html
    assert '<li><a href="/events/my/">Your ticket</a></li>' in html
    assert (
        f'<a href="/events/orders/{ticket.order.public_id}/">Your order</a> '
        '<span class="ev-you-note">(2 people)</span>'
    ) in html
    # Registering again is still there, for colleagues: in the hero and in the tickets' card.
    assert html.count(f'href="/events/{event.slug}/register/?me=0">Register someone else</a>') == 2
    assert ">Register</a>" not in html


def test_a_ticket_a_colleague_bought_for_their_verified_email_counts(client, person, event, pass_):
    colleague = UserFactory(full_name="Omar Haddad")
    bought = make_attendee(event, pass_, email="Priya@Riverside.example", made_by=colleague)

    html = _page(client, person, event)

    assert "You're registered</p>" in html
    assert '<a href="/events/my/">Your ticket</a>' in html
    assert f"/events/orders/{bought.order.public_id}/" not in html  # the colleague's order
    assert "Register someone else</a>" in html


def test_registering_only_others_says_how_many_and_keeps_register(client, person, event, pass_):
    order = make_attendee(event, pass_, made_by=person, full_name="Ana Silva").order
    _colleague(order, "Raj Patel", "raj@riverside.example")
    _colleague(order, "Lee Wong", "lee@riverside.example", status="cancelled")

    html = _page(client, person, event)

    assert "You registered 2 people</p>" in html
    assert f'<a href="/events/orders/{order.public_id}/">Your order</a>' in html
    assert "Your ticket" not in html
    assert f'href="/events/{event.slug}/register/">Register</a>' in html
    assert "Register someone else" not in html


def test_a_pending_ticket_awaits_payment(client, person, event, pass_):
    ticket = make_attendee(event, pass_, person=person, status="pending")

    html = _page(client, person, event)

    assert "Your registration is awaiting payment</p>" in html
    assert (
        f'<a href="/events/orders/{ticket.order.public_id}/">Your order</a> '
        '<span class="ev-you-note">(awaiting payment)</span>'
    ) in html


def test_a_cancelled_ticket_or_a_ticket_elsewhere_does_not_count(client, person, event, pass_):
    make_attendee(event, pass_, person=person, status="cancelled")
    make_attendee(make_event(title="Autumn Summit"), person=person)
    make_attendee(event, pass_)  # somebody else's

    html = _page(client, person, event)

    assert 'id="your-registration"' not in html
    assert f'href="/events/{event.slug}/register/">Register</a>' in html


def test_a_visitor_sees_no_registration(client, event, pass_):
    make_attendee(event, pass_)
    html = _page(client, None, event)
    assert 'id="your-registration"' not in html
    assert f'href="/events/{event.slug}/register/">Register</a>' in html


@pytest.mark.parametrize("colleagues", [1, 8])
def test_the_registered_persons_page_takes_one_query_more_however_big_the_order(
    client, person, event, pass_, colleagues, django_assert_num_queries
):
    ticket = make_attendee(event, pass_, person=person)
    for n in range(colleagues):
        _colleague(ticket.order, f"Colleague {n}", f"c{n}@riverside.example")
    client.force_login(person)

    # the session and the person; the event, its topics, platforms and ticket types; the
    # speakers; the person's seats in organizations (member prices); places taken and live
    # offers; the person's tickets and orders here (the one query this adds); the agenda
    # preview (no sessions here, so no speakers of theirs to fetch)
    with django_assert_num_queries(12):
        response = client.get(f"/events/{event.slug}/")

    assert response.context["mine"].others == colleagues
