"""The dashboard's events panels: "My events" (the next three tickets, orders awaiting payment,
the next event on the calendar, or nothing at all) and the staff panel (upcoming events with
places held and today's check-ins), each in a fixed number of queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils.text import slugify

from socialrx.events.models import CheckIn
from socialrx.events.panels import my_events, staff_events
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2030, 3, 1, 18, 0, tzinfo=UTC)  # noon in Chicago


def request_of(user):
    request = RequestFactory().get("/dashboard/")
    request.user = user
    return request


def dated(title, *, day, month=3, status="published", capacity=100):
    """A one-day event on `month`/`day`/2030 from 15:00 to 23:00 UTC: 9:00 AM to 5:00 PM in
    Chicago before March 10, 2030 (CST), 10:00 AM to 6:00 PM from then on (CDT)."""
    starts = datetime(2030, month, day, 15, 0, tzinfo=UTC)
    return make_event(
        title=title,
        slug=slugify(title),
        status=status,
        capacity=capacity,
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
    )


def panel_of(user, django_assert_num_queries, queries=4):
    with django_assert_num_queries(queries):
        return my_events(request_of(user))


# --- my events ------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_nothing_to_show_without_tickets_orders_or_a_coming_event(django_assert_num_queries):
    dated("Last week", day=20, month=2)  # over
    dated("Drafted", day=20, status="draft")  # a draft is no coming event
    me = UserFactory()

    assert panel_of(me, django_assert_num_queries) is None


@time_machine.travel(NOW, tick=False)
def test_without_tickets_it_suggests_the_next_event(django_assert_num_queries):
    dated("Spring summit", day=20)
    dated("Spring webinar", day=10)

    context = panel_of(UserFactory(), django_assert_num_queries)

    assert context["tickets"] == []
    assert context["pending_orders"] == []
    assert context["next_event"].title == "Spring webinar"
    assert context["next_event_when"] == "Mar 10, 2030, 10:00 AM–6:00 PM CDT"
    html = render_to_string("events/panels/my_events.html", context)
    assert "Coming up" in html
    assert 'href="/events/spring-webinar/"' in html


@time_machine.travel(NOW, tick=False)
def test_the_next_three_tickets_soonest_first(django_assert_num_queries):
    me = UserFactory(email="dana@example-health.org")
    events = [dated(f"Event {day}", day=day) for day in (25, 5, 15, 20)]
    for event in events:
        make_attendee(event, person=me)
    make_attendee(dated("Event past", day=27, month=2), person=me)
    make_attendee(dated("Event cancelled ticket", day=2), person=me, status="cancelled")
    make_attendee(dated("Event draft", day=3, status="draft"), person=me)

    context = panel_of(me, django_assert_num_queries)

    assert [line.event.title for line in context["tickets"]] == ["Event 5", "Event 15", "Event 20"]


@time_machine.travel(NOW, tick=False)
def test_a_ticket_line_has_its_date_and_links(django_assert_num_queries):
    me = UserFactory(email="dana@example-health.org")
    event = dated("Spring summit", day=20)
    member = make_ticket_type(event, name="Member")
    # Registered by a colleague under the person's verified email.
    ticket = make_attendee(event, member, email="Dana@Example-Health.org")
    unpaid = make_attendee(dated("Spring webinar", day=22), person=me, status="pending")

    context = panel_of(me, django_assert_num_queries)

    first, second = context["tickets"]
    assert first.attendee == ticket
    assert first.when == "Mar 20, 2030, 10:00 AM–6:00 PM CDT"
    assert first.pdf_url == f"/events/tickets/{ticket.public_id}/ticket.pdf"
    assert first.agenda_url == "/events/spring-summit/agenda/"
    assert second.attendee == unpaid
    assert second.pdf_url == ""
    html = render_to_string("events/panels/my_events.html", context)
    assert f'href="/events/tickets/{ticket.public_id}/ticket.pdf"' in html
    assert "Member" in html
    assert "Awaiting payment" in html
    assert 'href="/events/my/agenda/"' in html


@time_machine.travel(NOW, tick=False)
def test_orders_awaiting_payment_while_their_places_are_held(django_assert_num_queries):
    me = UserFactory()
    event = dated("Spring summit", day=20)
    general = make_ticket_type(event, name="General")
    held = make_attendee(event, general, made_by=me, status="pending").order  # 30 min hold
    lapsed = make_attendee(event, general, made_by=me, status="pending").order
    lapsed.hold_expires_at = NOW - timedelta(minutes=1)
    lapsed.save()
    make_attendee(event, general, status="pending")  # someone else's order

    context = panel_of(me, django_assert_num_queries)

    assert [line.order for line in context["pending_orders"]] == [held]
    assert context["pending_orders"][0].held_until == "Mar 1, 2030 at 12:30 PM CST"
    html = render_to_string("events/panels/my_events.html", context)
    assert (
        f'<a href="/events/orders/{held.public_id}/">Spring summit, 1 × General</a>: '
        "places held until Mar 1, 2030 at 12:30 PM CST"
    ) in html


@pytest.mark.parametrize("count", [1, 6])
@time_machine.travel(NOW, tick=False)
def test_my_events_takes_the_same_queries_however_many(count, django_assert_num_queries):
    me = UserFactory()
    for day in range(count):
        event = dated(f"Event {day + 5}", day=day + 5)
        make_attendee(event, person=me)
        make_attendee(event, made_by=me, status="pending")

    # Verified emails, tickets, orders, the next event.
    context = panel_of(me, django_assert_num_queries, queries=4)

    assert len(context["tickets"]) == min(count, 3)
    assert len(context["pending_orders"]) == min(count, 3)


def test_a_visitor_gets_no_panel():
    assert my_events(request_of(AnonymousUser())) is None


# --- staff ------------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_staff_see_upcoming_events_with_places_held_and_todays_check_ins(
    staff, django_assert_num_queries
):
    today = dated("Today's summit", day=1, capacity=50)
    later = dated("Later webinar", day=20, status="draft", capacity=30)
    dated("Called off", day=10, status="cancelled")
    dated("Over", day=28, month=2)
    for _ in range(3):
        make_attendee(today)
    make_attendee(today, status="cancelled")
    make_attendee(later, status="pending")
    this_morning, yesterday = (make_attendee(today) for _ in range(2))
    CheckIn.objects.create(attendee=this_morning, event=today)
    CheckIn.objects.create(attendee=yesterday, event=today)
    CheckIn.objects.filter(attendee=yesterday).update(checked_in_at=NOW - timedelta(days=1))

    with django_assert_num_queries(1):
        context = staff_events(request_of(staff))

    assert [
        (line.event.title, line.registered, line.capacity, line.checked_in_today)
        for line in context["events"]
    ] == [
        ("Today's summit", 5, 50, 1),
        ("Later webinar", 1, 30, 0),
    ]
    assert context["checked_in_today"] == 1
    assert context["events"][0].door_url == "/staff/events/todays-summit/check-in/"
    assert context["events"][0].overview_url == "/staff/events/todays-summit/"
    html = render_to_string("events/panels/staff_events.html", context)
    assert "5 / 50" in html
    assert "<caption" in html
    assert 'href="/staff/events/"' in html


@pytest.mark.parametrize("count", [1, 4])
@time_machine.travel(NOW, tick=False)
def test_the_staff_panel_takes_one_query_however_many(staff, count, django_assert_num_queries):
    for day in range(count):
        event = dated(f"Event {day + 5}", day=day + 5)
        attendee = make_attendee(event)
        CheckIn.objects.create(attendee=attendee, event=event)

    with django_assert_num_queries(1):
        context = staff_events(request_of(staff))

    assert len(context["events"]) == count


def test_the_staff_panel_is_not_for_members(user, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert staff_events(request_of(user)) is None


@time_machine.travel(NOW, tick=False)
def test_no_upcoming_event_says_so(staff):
    html = render_to_string("events/panels/staff_events.html", staff_events(request_of(staff)))

    assert "No upcoming events." in html
