"""Several doors scanning the same ticket at the same moment on PostgreSQL: one check-in is
recorded, one door is told "checked in", every other door "already checked in" with the
winner's time, name and door; and a cancellation racing a scan never leaves a cancelled ticket
checked in."""

import pytest
from django.db import close_old_connections

from socialrx.core.models import AuditEvent
from socialrx.events.models import Attendee, AttendeeStatus, CheckIn
from socialrx.events.services.check_in import CheckInResult, check_in, check_in_token
from socialrx.events.ticket_tokens import attendee_for_token, ticket_token
from tests.concurrency import require_postgres, run_at_once
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.factories import StaffFactory

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


@pytest.fixture
def ticket():
    event = make_event(title="Door race summit")
    return make_attendee(event, make_ticket_type(event, name="Member pass"), full_name="Ana Ruiz")


def test_two_doors_scanning_one_ticket_at_once_record_one_check_in(ticket):
    doors = [StaffFactory(full_name="Dana Whitfield"), StaffFactory(full_name="Sam Ortiz")]
    names = ["Door A", "Door B"]
    token = ticket_token(ticket)

    def scan(index):
        close_old_connections()
        return check_in_token(doors[index], ticket.event, token, door=names[index])

    results = run_at_once(2, scan)

    assert all(isinstance(result, CheckInResult) for result in results), results
    assert sorted(result.outcome for result in results) == ["already_checked_in", "checked_in"]
    record = CheckIn.objects.select_related("checked_in_by").get()
    assert CheckIn.objects.count() == 1
    winner = next(result for result in results if result.outcome == "checked_in")
    loser = next(result for result in results if result.outcome == "already_checked_in")
    assert winner.message == "Checked in: Ana Ruiz, Member pass"
    assert winner.record.pk == loser.record.pk == record.pk
    assert loser.message.endswith(f"by {record.checked_in_by.full_name} at {record.door}")
    assert AuditEvent.objects.filter(action="events.attendee.checked_in").count() == 1


def test_eight_doors_at_once_still_record_one(ticket):
    staff = [StaffFactory(full_name=f"Door keeper {n}") for n in range(8)]

    def scan(index):
        close_old_connections()
        # Each door reads the ticket itself, as a scan does: none has seen a check-in yet.
        attendee = attendee_for_token(ticket_token(ticket))
        return check_in(staff[index], ticket.event, attendee, door=f"Door {index}")

    results = run_at_once(8, scan)

    assert all(isinstance(result, CheckInResult) for result in results), results
    outcomes = sorted(result.outcome for result in results)
    assert outcomes == ["already_checked_in"] * 7 + ["checked_in"]
    assert CheckIn.objects.count() == 1
    assert len({result.record.pk for result in results}) == 1


def test_a_cancellation_racing_a_scan_never_leaves_a_cancelled_ticket_checked_in(ticket):
    door = StaffFactory(full_name="Dana Whitfield")

    def work(index):
        close_old_connections()
        if index == 0:
            return check_in_token(door, ticket.event, ticket_token(ticket), door="Door A")
        # What a cancellation does to the ticket's row (the tickets area's service locks the
        # event and then writes the attendee).
        return Attendee.objects.filter(pk=ticket.pk).update(status=AttendeeStatus.CANCELLED)

    results = run_at_once(2, work)

    scan = results[0]
    assert isinstance(scan, CheckInResult), results
    ticket.refresh_from_db()
    assert ticket.status == AttendeeStatus.CANCELLED
    if scan.outcome == "checked_in":  # the scan took the row's lock first
        assert CheckIn.objects.count() == 1
    else:
        assert scan.code == "cancelled"
        assert CheckIn.objects.count() == 0
