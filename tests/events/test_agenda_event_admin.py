"""Creating and editing events (dates checked against each other, IANA zones, unique web
addresses) and their status: publish, back to draft, cancel (audited, with its reason)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from socialrx.events.models import Event
from socialrx.events.services import event_admin
from socialrx.taxonomy.models import Topic
from tests.events.agenda_support import at, june_conference
from tests.events.factories import make_attendee, make_session, make_ticket_type

pytestmark = pytest.mark.django_db


def _data(**changes) -> dict:
    values = {
        "title": "Social Health 2031",
        "slug": "social-health-2031",
        "kind": "conference",
        "format": "hybrid",
        "summary": "Two days on social media in health care.",
        "description": "Talks and workshops.",
        "time_zone": "America/Chicago",
        "starts_at": at(10, 8),
        "ends_at": at(11, 17),
        "venue_name": "SocialRx Center",
        "venue_address": "200 First St SW, Rochester, MN",
        "online_url": "https://meet.example.org/social-health",
        "capacity": 250,
        "registration_opens_at": at(1, 9),
        "registration_closes_at": at(9, 17),
        "rename_until": at(8, 17),
        "refund_until": at(3, 17),
        "refund_percent": 80,
        "attendance_hours": Decimal("14.0"),
        "ce_hours": Decimal("12.5"),
        "topics": [],
        "platforms": [],
    }
    values.update(changes)
    return values


def test_a_new_event_is_a_draft_with_its_times_in_utc_and_an_audit_row(staff):
    event = event_admin.create_event(actor=staff, data=_data())
    event.refresh_from_db()
    assert event.status == "draft"
    assert event.starts_at == datetime(2031, 6, 10, 13, 0, tzinfo=UTC)
    assert (event.capacity, event.refund_percent) == (250, 80)
    audit = AuditEvent.objects.get(action="events.event.created")
    assert audit.after["slug"] == "social-health-2031"
    assert audit.actor_id == staff.pk


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "IANA name"),
        ({"time_zone": ""}, "time_zone", "IANA name"),
        ({"ends_at": at(10, 8)}, "ends_at", "The event must end after it starts."),
        ({"registration_closes_at": at(11, 18)}, "registration_closes_at", "no later than the end"),
        ({"registration_opens_at": at(9, 18)}, "registration_closes_at", "close after it opens"),
        ({"refund_until": at(10, 9)}, "refund_until", "Refunds must stop no later"),
        ({"rename_until": at(10, 9)}, "rename_until", "Renaming attendees must stop"),
        ({"capacity": 0}, "capacity", "Capacity must be at least 1 place."),
        ({"refund_percent": 120}, "refund_percent", "percentage from 0 to 100"),
        ({"ce_hours": Decimal("-1")}, "ce_hours", "zero or more hours"),
        ({"slug": "speakers"}, "slug", "reserved"),
        ({"title": " "}, "title", "Give the event a title."),
    ],
)
def test_contradicting_or_missing_values_are_refused_by_field(staff, changes, field, message):
    with pytest.raises(DomainError) as refused:
        event_admin.create_event(actor=staff, data=_data(**changes))
    assert refused.value.field == field
    assert message in refused.value.message
    assert Event.objects.count() == 0


def test_a_web_address_is_used_once(staff):
    event_admin.create_event(actor=staff, data=_data())
    with pytest.raises(DomainError, match="Another event already uses that web address."):
        event_admin.create_event(actor=staff, data=_data(title="Copy"))


def test_only_staff_create_events(user):
    with pytest.raises(PermissionDenied):
        event_admin.create_event(actor=user, data=_data())


def test_editing_keeps_the_topics_and_audits_before_and_after(staff):
    event = event_admin.create_event(actor=staff, data=_data())
    topic = Topic.objects.create(slug="agenda-test-topic", name="Agenda test topic")
    event_admin.update_event(
        actor=staff, event=event, data=_data(title="Social Health 2031 (updated)", topics=[topic])
    )
    event.refresh_from_db()
    assert event.title == "Social Health 2031 (updated)"
    assert list(event.topics.all()) == [topic]
    audit = AuditEvent.objects.get(action="events.event.updated")
    assert (audit.before["title"], audit.after["title"]) == (
        "Social Health 2031",
        "Social Health 2031 (updated)",
    )


def test_capacity_cannot_drop_below_the_places_taken(staff):
    event = june_conference(capacity=10)
    ticket = make_ticket_type(event)
    for _ in range(3):
        make_attendee(event, ticket)
    with pytest.raises(DomainError, match="3 places are taken"):
        event_admin.update_event(actor=staff, event=event, data=_data(slug=event.slug, capacity=2))
    event.refresh_from_db()
    assert event.capacity == 10


def test_new_dates_that_leave_sessions_outside_are_refused(staff):
    event = june_conference()
    make_session(event, title="Closing panel", starts_at=at(11, 15), minutes=60)
    with pytest.raises(DomainError) as refused:
        event_admin.update_event(
            actor=staff, event=event, data=_data(slug=event.slug, ends_at=at(11, 12))
        )
    assert refused.value.message == (
        "1 session would fall outside the new dates (first: Closing panel, "
        "Jun 11, 2031 at 3:00 PM CDT): move them in the agenda first."
    )
    event.refresh_from_db()
    assert event.ends_at == at(11, 17)


def test_a_cancelled_event_cannot_be_edited(staff):
    event = june_conference(status="cancelled")
    with pytest.raises(DomainError, match="A cancelled event cannot be changed."):
        event_admin.update_event(actor=staff, event=event, data=_data(slug=event.slug))


# --- status ---------------------------------------------------------------------------------


def test_publishing_needs_a_ticket_type(staff):
    event = june_conference(status="draft")
    with pytest.raises(DomainError) as refused:
        event_admin.set_status(actor=staff, event=event, change="publish")
    assert "No ticket types yet" in refused.value.message
    make_ticket_type(event)
    event_admin.set_status(actor=staff, event=event, change="publish")
    event.refresh_from_db()
    assert event.status == "published"
    audit = AuditEvent.objects.get(action="events.event.published")
    assert (audit.before, audit.after) == ({"status": "draft"}, {"status": "published"})


def test_an_event_that_has_ended_is_not_published(staff):
    past = timezone.now() - timedelta(days=3)
    event = june_conference(status="draft", starts_at=past - timedelta(days=1), ends_at=past)
    make_ticket_type(event)
    with pytest.raises(DomainError, match="The event has already ended."):
        event_admin.set_status(actor=staff, event=event, change="publish")


def test_back_to_draft_only_while_nobody_is_registered(staff):
    event = june_conference()
    ticket = make_ticket_type(event)
    make_attendee(event, ticket, status="cancelled")
    event_admin.set_status(actor=staff, event=event, change="unpublish")
    event.refresh_from_db()
    assert event.status == "draft"

    event_admin.set_status(actor=staff, event=event, change="publish")
    make_attendee(event, ticket)
    with pytest.raises(Conflict, match="1 person is registered: cancel the event instead"):
        event_admin.set_status(actor=staff, event=event, change="unpublish")


def test_cancelling_needs_a_reason_and_records_it(staff):
    event = june_conference()
    make_attendee(event)
    with pytest.raises(DomainError) as refused:
        event_admin.set_status(actor=staff, event=event, change="cancel", reason="  ")
    assert (refused.value.field, refused.value.message) == (
        "reason",
        "Say why the event is cancelled.",
    )
    event_admin.set_status(actor=staff, event=event, change="cancel", reason="The venue flooded.")
    event.refresh_from_db()
    assert event.status == "cancelled"
    audit = AuditEvent.objects.get(action="events.event.cancelled")
    assert audit.after == {"status": "cancelled", "reason": "The venue flooded.", "registered": 1}
    with pytest.raises(Conflict, match="cancelled: it cannot change any more"):
        event_admin.set_status(actor=staff, event=event, change="publish")


def test_an_unknown_action_or_a_repeat_is_refused(staff):
    event = june_conference()
    with pytest.raises(DomainError, match="Choose publish, unpublish or cancel."):
        event_admin.set_status(actor=staff, event=event, change="archive")
    with pytest.raises(Conflict, match="already published"):
        event_admin.set_status(actor=staff, event=event, change="publish")
