"""The staff events pages: the list (constant queries), a new event typed on the event's own
clock, the form's refusals, the overview's readiness checklist, and status changes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from socialrx.core.models import AuditEvent
from socialrx.events.models import Event
from tests.events.agenda_support import june_conference
from tests.events.factories import make_attendee, make_session, make_ticket_type

pytestmark = pytest.mark.integration


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _form(**changes) -> dict:
    data = {
        "title": "Social Health East",
        "slug": "social-health-east",
        "kind": "conference",
        "format": "in_person",
        "summary": "A day in Boston.",
        "description": "",
        "time_zone": "America/New_York",
        "starts_at": "2031-06-10T09:00",
        "ends_at": "2031-06-10T17:00",
        "venue_name": "Harbor Hall",
        "venue_address": "",
        "online_url": "",
        "capacity": "120",
        "registration_opens_at": "2031-05-01T09:00",
        "registration_closes_at": "2031-06-09T17:00",
        "rename_until": "2031-06-08T17:00",
        "refund_until": "2031-06-01T17:00",
        "refund_percent": "100",
        "attendance_hours": "7.0",
        "ce_hours": "6.0",
    }
    return {**data, **changes}


def test_the_list_takes_the_same_queries_for_one_or_four_events(
    staff_client, django_assert_num_queries
):
    url = reverse("events:staff_events")
    first = june_conference(title="First conference", capacity=50)
    make_attendee(first)
    make_session(first)
    # The session, the person, their authenticator (MFA); the events with their counts.
    with django_assert_num_queries(4):
        assert staff_client.get(url).status_code == 200
    for title in ("Second", "Third", "Fourth"):
        event = june_conference(title=title, status="draft")
        make_attendee(event)
    with django_assert_num_queries(4):
        assert staff_client.get(url).status_code == 200
    html = staff_client.get(url).content.decode()
    assert "First conference" in html and "1 / 50" in html and "Draft" in html
    assert "Jun 10–11, 2031" in html


def test_a_new_event_is_entered_on_its_own_clock(staff_client):
    response = staff_client.post(reverse("events:staff_event_new"), _form())
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:staff_event", args=[event.slug])
    # 9:00 AM in New York in June (EDT, UTC−4) is 13:00 UTC.
    assert event.starts_at == datetime(2031, 6, 10, 13, 0, tzinfo=UTC)
    assert (event.status, event.capacity, event.time_zone) == ("draft", 120, "America/New_York")


def test_the_edit_form_shows_times_on_the_events_clock(staff_client):
    event = june_conference()
    html = staff_client.get(reverse("events:staff_event_edit", args=[event.slug])).content.decode()
    assert 'value="2031-06-10T08:00"' in html  # 13:00 UTC is 8:00 AM in Chicago
    response = staff_client.post(
        reverse("events:staff_event_edit", args=[event.slug]),
        _form(slug=event.slug, time_zone="America/Chicago", title="Renamed"),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Renamed"
    assert event.starts_at == datetime(2031, 6, 10, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_at": "2031-06-10T08:00"}, "The event must end after it starts."),
        ({"time_zone": "Mars/Olympus_Mons"}, "Select a valid choice."),
        ({"capacity": "0"}, "Capacity must be at least 1 place."),
        ({"refund_until": "2031-06-10T12:00"}, "Refunds must stop no later than the start"),
        ({"starts_at": "not a date"}, "Enter a valid date/time."),
        ({"slug": "new"}, "That web address is reserved"),
    ],
)
def test_bad_input_is_refused_beside_the_field(staff_client, changes, message):
    response = staff_client.post(reverse("events:staff_event_new"), _form(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Event.objects.count() == 0


def test_the_overview_lists_what_is_missing_before_publishing(staff_client):
    event = june_conference(status="draft", description="")
    html = staff_client.get(reverse("events:staff_event", args=[event.slug])).content.decode()
    assert "No ticket types yet" in html
    assert "No sessions in the agenda yet." in html
    assert "No description yet." in html
    assert f"Publish {event.title}" in html
    assert 'aria-current="page">Overview' in html


def test_publishing_is_refused_with_the_reason_until_ready(staff_client):
    event = june_conference(status="draft")
    url = reverse("events:staff_event_status", args=[event.slug])
    response = staff_client.post(url, {"action": "publish"})
    assert response.status_code == 400
    assert "Not ready to publish: No ticket types yet" in response.content.decode()
    make_ticket_type(event)
    response = staff_client.post(url, {"action": "publish"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == "published"


def test_cancelling_asks_for_a_reason_then_cancels_every_ticket_and_tells_everyone(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    event = june_conference()
    attendee = make_attendee(event, full_name="Iris Chen", email="iris.chen@example.org")
    url = reverse("events:staff_event_status", args=[event.slug])
    response = staff_client.post(url, {"action": "cancel", "reason": ""})
    assert response.status_code == 400
    assert "Say why the event is cancelled." in response.content.decode()
    event.refresh_from_db()
    assert event.status == "published"

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            url, {"action": "cancel", "reason": "Venue flooded"}, follow=True
        )
    html = response.content.decode()
    assert "1 ticket(s) were cancelled and refunded in full through billing" in html
    event.refresh_from_db()
    attendee.refresh_from_db()
    assert event.status == "cancelled"
    assert attendee.status == "cancelled"
    assert "iris.chen@example.org" in [address for mail in mailoutbox for address in mail.to]
    assert AuditEvent.objects.get(action="events.event.cancelled").after["reason"] == (
        "Venue flooded"
    )


def test_an_unknown_action_or_a_get_is_refused(staff_client):
    event = june_conference()
    url = reverse("events:staff_event_status", args=[event.slug])
    assert staff_client.post(url, {"action": "archive"}).status_code == 400
    assert staff_client.get(url).status_code == 405
    event.refresh_from_db()
    assert event.status == "published"


def test_an_unknown_event_is_404(staff_client):
    assert staff_client.get(reverse("events:staff_event", args=["nope"])).status_code == 404
