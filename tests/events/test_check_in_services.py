"""Checking in at the door: a ticket is marked present once, a second scan says when, by whom
and at which door, and every ticket that may not come in is refused with a reason."""

from datetime import UTC, datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.utils import timezone

from socialrx.core.models import AuditEvent
from socialrx.events.models import AttendeeStatus, CheckIn, EventStatus
from socialrx.events.services import check_in as service
from socialrx.events.services.check_in import check_in, check_in_token
from socialrx.events.ticket_tokens import ticket_token
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def door_staff():
    return StaffFactory(full_name="Dana Whitfield")


@pytest.fixture
def event():
    return make_event(title="Health Social Summit", time_zone="America/Chicago")


@pytest.fixture
def ticket(event):
    kind = make_ticket_type(event, name="Member pass")
    return make_attendee(event, kind, full_name="Priya Raman", job_title="Director")


def _at(hour, minute, day=15):
    """A moment in March 2027 given on Chicago's clock (CDT, UTC-5)."""
    return datetime(2027, 3, day, hour + 5, minute, tzinfo=UTC)


def test_a_first_scan_checks_the_attendee_in_and_audits_it(door_staff, event, ticket):
    result = check_in_token(door_staff, event, ticket_token(ticket), door="Door A")

    assert (result.outcome, result.code, result.tone) == ("checked_in", "checked_in", "success")
    assert result.message == "Checked in: Priya Raman, Member pass"
    assert result.admitted
    record = CheckIn.objects.get()
    assert (record.attendee, record.event, record.checked_in_by) == (ticket, event, door_staff)
    assert (record.door, record.method) == ("Door A", "scan")
    audit = AuditEvent.objects.get(action="events.attendee.checked_in")
    assert audit.actor == door_staff
    assert audit.target_id == str(ticket.pk)
    assert audit.after["door"] == "Door A"


def test_a_second_scan_says_when_by_whom_and_at_which_door(door_staff, event, ticket):
    with mock.patch("django.utils.timezone.now", return_value=_at(8, 42)):
        check_in(door_staff, event, ticket, door="Door B")
    other_door = StaffFactory(full_name="Sam Ortiz")

    with mock.patch("django.utils.timezone.now", return_value=_at(9, 5)):
        result = check_in_token(other_door, event, ticket_token(ticket), door="Door A")

    assert (result.outcome, result.code, result.tone) == (
        "already_checked_in",
        "already_checked_in",
        "warning",
    )
    assert result.message == "Already checked in at 08:42 by Dana Whitfield at Door B"
    assert result.admitted
    assert CheckIn.objects.count() == 1
    assert AuditEvent.objects.filter(action="events.attendee.checked_in").count() == 1


def test_a_check_in_on_another_day_gives_the_date_too(door_staff, event, ticket):
    with mock.patch("django.utils.timezone.now", return_value=_at(17, 30, day=15)):
        check_in(door_staff, event, ticket)

    with mock.patch("django.utils.timezone.now", return_value=_at(8, 0, day=16)):
        result = check_in(door_staff, event, ticket, door="Door A")

    assert result.message == "Already checked in at 17:30 on Mar 15 by Dana Whitfield"


def test_the_time_is_on_the_events_clock_not_the_servers(door_staff, ticket):
    event = ticket.event
    event.time_zone = "America/Los_Angeles"
    event.save()
    with mock.patch("django.utils.timezone.now", return_value=_at(8, 42)):  # 06:42 in LA
        check_in(door_staff, event, ticket, door="Hall")
        result = check_in(door_staff, event, ticket)

    assert result.message == "Already checked in at 06:42 by Dana Whitfield at Hall"


def test_the_door_and_method_are_cleaned(door_staff, event, ticket):
    result = check_in(door_staff, event, ticket, door="  North \n  door  " + "x" * 80, method="x")

    assert result.record.door == ("North door " + "x" * 80)[:60]
    assert result.record.method == "scan"


def test_control_characters_never_reach_the_door(door_staff, event, ticket):
    result = check_in(door_staff, event, ticket, door="Door\x00 B\x1b\tWest")

    assert result.record.door == "Door B West"


def test_a_search_check_in_is_recorded_as_such(door_staff, event, ticket):
    result = check_in(door_staff, event, ticket, method="search")

    assert result.record.method == "search"


@pytest.mark.parametrize(
    "token",
    [
        "",
        "not a ticket",
        "https://example.org/anything",
        "SRXT:",
        "SRXT:abc.def",
    ],
)
def test_a_code_that_is_not_a_ticket_is_refused(door_staff, event, token):
    result = check_in_token(door_staff, event, token)

    assert (result.outcome, result.code, result.tone) == ("refused", "not_a_ticket", "error")
    assert result.message.startswith("Not a valid ticket")
    assert not result.admitted
    assert CheckIn.objects.count() == 0


def test_a_forged_or_truncated_token_is_refused(door_staff, event, ticket):
    token = ticket_token(ticket)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")

    assert check_in_token(door_staff, event, forged).code == "not_a_ticket"
    assert check_in_token(door_staff, event, token[:-6]).code == "not_a_ticket"
    assert CheckIn.objects.count() == 0


def test_a_stale_token_of_a_renamed_ticket_is_refused(door_staff, event, ticket):
    old_token = ticket_token(ticket)
    ticket.ticket_secret = "a-new-secret-drawn-on-rename"
    ticket.save()

    assert check_in_token(door_staff, event, old_token).code == "not_a_ticket"
    assert check_in_token(door_staff, event, ticket_token(ticket)).code == "checked_in"


def test_a_ticket_of_another_event_is_refused(door_staff, event):
    other = make_event(title="Another Summit")
    stranger = make_attendee(other, full_name="Lee Park")

    result = check_in_token(door_staff, event, ticket_token(stranger))

    assert (result.code, result.message) == ("other_event", "Not a ticket for this event.")
    assert result.as_json()["attendee"] is None
    assert CheckIn.objects.count() == 0


def test_a_cancelled_ticket_is_refused(door_staff, event):
    cancelled = make_attendee(event, status=AttendeeStatus.CANCELLED, full_name="Ann Cole")

    result = check_in_token(door_staff, event, ticket_token(cancelled))

    assert (result.outcome, result.code, result.message) == (
        "refused",
        "cancelled",
        "Ticket cancelled.",
    )
    assert CheckIn.objects.count() == 0


def test_an_unpaid_ticket_is_refused(door_staff, event):
    pending = make_attendee(event, status=AttendeeStatus.PENDING)

    result = check_in(door_staff, event, pending, method="search")

    assert (result.code, result.message) == (
        "unpaid",
        "Ticket not paid: its order is awaiting payment.",
    )
    assert CheckIn.objects.count() == 0


def test_a_ticket_cancelled_after_it_was_read_is_refused_under_the_lock(door_staff, event, ticket):
    """The door read the ticket as confirmed; it was cancelled before the check-in wrote."""
    type(ticket).objects.filter(pk=ticket.pk).update(status=AttendeeStatus.CANCELLED)

    result = check_in(door_staff, event, ticket)

    assert result.code == "cancelled"
    assert CheckIn.objects.count() == 0


def test_a_cancelled_event_admits_no_one(door_staff, event, ticket):
    event.status = EventStatus.CANCELLED
    event.save()

    assert check_in(door_staff, event, ticket).code == "event_cancelled"


def test_only_staff_check_in(event, ticket):
    with pytest.raises(PermissionDenied):
        check_in(UserFactory(), event, ticket)
    with pytest.raises(PermissionDenied):
        check_in_token(UserFactory(), event, ticket_token(ticket))
    assert CheckIn.objects.count() == 0


def test_losing_a_race_to_another_door_returns_the_winners_record(door_staff, event, ticket):
    """The row appears between our read and our insert (another door committed first)."""
    winner = StaffFactory(full_name="Kim Lee")
    first = CheckIn.objects.create(attendee=ticket, event=event, checked_in_by=winner, door="B")
    fresh = type(ticket).objects.select_related("ticket_type").get(pk=ticket.pk)
    fresh._state.fields_cache["check_in"] = None  # as read before the other door wrote
    original = CheckIn.objects.create

    def create(**fields):
        if fields.get("attendee") == fresh:
            raise IntegrityError("UNIQUE constraint failed: events_checkin.attendee_id")
        return original(**fields)

    with mock.patch.object(service.CheckIn.objects, "create", side_effect=create):
        result = check_in(door_staff, event, fresh, door="A")

    assert result.code == "already_checked_in"
    assert result.record == first
    assert "by Kim Lee at B" in result.message
    assert AuditEvent.objects.filter(action="events.attendee.checked_in").count() == 0


def test_the_result_as_json(door_staff, event, ticket):
    data = check_in(door_staff, event, ticket, door="Door A").as_json()

    assert data["outcome"] == "checked_in"
    assert data["tone"] == "success"
    assert data["attendee"] == {
        "id": str(ticket.public_id),
        "name": "Priya Raman",
        "ticket_type": "Member pass",
        "job_title": "Director",
        "organization": "",
        "status": "confirmed",
    }
    assert data["check_in"]["by"] == "Dana Whitfield"
    assert data["check_in"]["door"] == "Door A"
    assert data["check_in"]["method"] == "scan"


def test_a_second_scan_reads_nothing_more_than_the_ticket(
    door_staff, event, ticket, django_assert_num_queries
):
    check_in(door_staff, event, ticket, door="Door A")
    token = ticket_token(ticket)

    with django_assert_num_queries(1):  # the ticket with its check-in and who made it
        result = check_in_token(door_staff, event, token)

    assert result.code == "already_checked_in"


def test_a_first_scan_is_a_handful_of_queries(door_staff, event, ticket, django_assert_num_queries):
    token = ticket_token(ticket)

    # read the ticket; savepoint, lock, savepoint, insert, release, audit, release
    with django_assert_num_queries(8):
        result = check_in_token(door_staff, event, token)

    assert result.code == "checked_in"
    assert timezone.now() >= result.record.checked_in_at
