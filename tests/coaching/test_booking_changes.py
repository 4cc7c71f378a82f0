"""Moving and cancelling a session (services.booking.reschedule and cancel): the same row and
calendar UID with a rising SEQUENCE, the 24-hour policy by who acts, a late cancellation
counting the hour (split between plan and package by hand), and refusals that change
nothing."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from icalendar import Calendar

from socialrx.coaching.models import (
    CoachingSession,
    HourPackage,
    HoursUse,
    PackageStatus,
    UseReason,
)
from socialrx.coaching.services.booking import cancel, reschedule
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from socialrx.schedules.models import Commitment
from tests.coaching.booking_support import NOW, WED_10, WED_11, WED_14, book_at, booking_world
from tests.coaching.factories import make_engagement, make_session, member_org
from tests.factories import SeatFactory

pytestmark = pytest.mark.integration

TUE_9 = datetime.fromisoformat("2027-01-12T15:00:00+00:00")  # Tue 9:00 AM CST, 25 h ahead
THU_10 = WED_10 + timedelta(days=1)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db):
    return booking_world()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _invitation(mail) -> Calendar:
    (part,) = [p for p in mail.attachments if p.get_content_type() == "text/calendar"]
    return Calendar.from_ical(part.get_payload(decode=True))


def _commitment_of(session):
    return Commitment.objects.get(source_public_id=session.public_id)


# --- rescheduling -----------------------------------------------------------------------------


def test_rescheduling_keeps_the_uid_and_raises_the_sequence(world, on_commit, mailoutbox):
    with on_commit():
        session = book_at(world, WED_10)
    with on_commit():
        reschedule(actor=world.member, session=session, starts_at=WED_14)
    with on_commit():
        reschedule(actor=world.coach_user, session=session, starts_at=THU_10)

    session.refresh_from_db()
    assert (session.starts_at, session.sequence) == (THU_10, 2)
    assert CoachingSession.objects.count() == 1
    to_coach = [m for m in mailoutbox if m.to == ["dana@socialrx.example"]]
    events = [_invitation(mail).walk("VEVENT")[0] for mail in to_coach]
    assert [str(e["uid"]) for e in events] == [f"coaching-session-{session.public_id}@socialrx"] * 3
    assert [int(e["sequence"]) for e in events] == [0, 1, 2]
    assert [e.decoded("dtstart").isoformat() for e in events] == [
        "2027-01-13T16:00:00+00:00",
        "2027-01-13T20:00:00+00:00",
        "2027-01-14T16:00:00+00:00",
    ]
    assert [str(_invitation(m)["method"]) for m in to_coach] == ["REQUEST"] * 3
    assert [m.subject for m in to_coach][1:] == [
        "Coaching session moved to Wed, Jan 13, 2027, 2:00 PM CST (60 minutes)",
        "Coaching session moved to Thu, Jan 14, 2027, 10:00 AM CST (60 minutes)",
    ]
    commitment = _commitment_of(session)
    assert (commitment.starts_at, commitment.ends_at) == (THU_10, THU_10 + timedelta(hours=1))
    assert AuditEvent.objects.filter(action="coaching.session.rescheduled").count() == 2


def test_a_session_moves_half_an_hour_into_its_own_time(world):
    session = book_at(world, WED_10)

    reschedule(actor=world.member, session=session, starts_at=WED_10 + timedelta(minutes=30))

    assert _commitment_of(session).starts_at == WED_10 + timedelta(minutes=30)


def test_a_new_time_already_taken_changes_nothing(world):
    session = book_at(world, WED_10)
    other_org, _, other_member = member_org("Lakeside Family Physicians")
    make_session(
        make_engagement(other_org, [world.coach]), starts_at=WED_14, booked_by=other_member
    )

    with pytest.raises(Conflict) as caught:
        reschedule(actor=world.member, session=session, starts_at=WED_14)

    assert caught.value.code == "slot_taken"
    session.refresh_from_db()
    assert (session.starts_at, session.sequence) == (WED_10, 0)
    assert _commitment_of(session).starts_at == WED_10  # its own time, given back
    assert AuditEvent.objects.filter(action="coaching.session.rescheduled").count() == 0


def test_growing_to_an_hour_needs_the_half_hour_more_to_be_left(db):
    world = booking_world(plan_hours=1)
    session = book_at(world, WED_10, minutes=30)
    book_at(world, WED_14, minutes=30)

    with pytest.raises(Conflict) as caught:
        reschedule(actor=world.member, session=session, starts_at=THU_10, minutes=60)

    assert caught.value.code == "over_allowance"
    # Moving at the same length fits: its own 30 minutes are already counted as booked.
    assert reschedule(actor=world.member, session=session, starts_at=THU_10).minutes == 30


@pytest.mark.parametrize(
    ("who", "allowed"), [("member", False), ("admin", False), ("coach", True), ("staff", True)]
)
def test_within_24_hours_only_the_coach_and_staff_may_move_it(world, staff, clock, who, allowed):
    session = make_session(world.engagement, booked_by=world.member, starts_at=TUE_9)
    clock.move_to(TUE_9 - timedelta(hours=23))
    actor = {
        "member": world.member,
        "admin": world.admin,
        "coach": world.coach_user,
        "staff": staff,
    }[who]

    if allowed:
        assert reschedule(actor=actor, session=session, starts_at=THU_10).sequence == 1
        return
    with pytest.raises(DomainError) as caught:
        reschedule(actor=actor, session=session, starts_at=THU_10)
    assert caught.value.code == "late_change"
    assert caught.value.message == (
        "Less than 24 hours before the session it can no longer be moved from here. You can "
        "cancel it (the hour then counts against your engagement), or ask your coach, who can "
        "still move it."
    )
    session.refresh_from_db()
    assert (session.starts_at, session.sequence) == (TUE_9, 0)


def test_at_25_hours_the_booker_moves_it_free(world):
    session = make_session(world.engagement, booked_by=world.member, starts_at=TUE_9)

    assert reschedule(actor=world.member, session=session, starts_at=WED_11).starts_at == WED_11


def test_a_member_who_did_not_book_it_may_not_move_it(world):
    session = book_at(world, WED_10)
    colleague = SeatFactory(organization=world.organization).user

    with pytest.raises(PermissionDenied):
        reschedule(actor=colleague, session=session, starts_at=WED_14)


def test_a_cancelled_session_does_not_move(world):
    session = book_at(world, WED_10)
    cancel(actor=world.member, session=session)

    with pytest.raises(DomainError) as caught:
        reschedule(actor=world.member, session=session, starts_at=WED_14)

    assert caught.value.code == "not_movable"


def test_moving_to_the_same_time_is_refused(world):
    session = book_at(world, WED_10)

    with pytest.raises(DomainError) as caught:
        reschedule(actor=world.member, session=session, starts_at=WED_10)

    assert caught.value.code == "unchanged"


# --- cancelling -------------------------------------------------------------------------------


def test_a_free_cancellation_frees_the_coach_and_counts_nothing(world, on_commit, mailoutbox):
    with on_commit():
        session = book_at(world, WED_10)
    with on_commit():
        cancel(actor=world.member, session=session, reason="Our launch moved.")

    session.refresh_from_db()
    assert (session.status, session.sequence, session.cancel_reason) == (
        "cancelled",
        1,
        "Our launch moved.",
    )
    assert session.cancelled_by == world.member
    assert Commitment.objects.count() == 0
    assert HoursUse.objects.count() == 0
    cancelled = [m for m in mailoutbox if m.subject.startswith("Coaching session cancelled")]
    assert sorted(m.to[0] for m in cancelled) == [
        "dana@socialrx.example",
        "maria@riverside.example",
    ]
    calendar = _invitation(cancelled[0])
    event = calendar.walk("VEVENT")[0]
    assert (str(calendar["method"]), int(event["sequence"]), str(event["status"])) == (
        "CANCEL",
        1,
        "CANCELLED",
    )
    (part,) = [p for p in cancelled[0].attachments if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "CANCEL"
    # The time is free again for anyone.
    assert book_at(world, WED_10).status == "booked"


def test_a_late_cancellation_counts_the_hour_from_the_plan_then_the_package(db, clock):
    """Plan 60 min with 30 already used, a paid 1-hour package: 120 in all, 90 bookable. A
    60-minute session cancelled late uses the plan's last 30 minutes and 30 of the package."""
    world = booking_world(plan_hours=1)
    HourPackage.objects.create(engagement=world.engagement, hours=1, status=PackageStatus.PAID)
    HoursUse.objects.create(
        engagement=world.engagement, reason=UseReason.HELD, minutes=30, plan_minutes=30
    )
    session = book_at(world, TUE_9 + timedelta(hours=1))  # Tue 10:00 AM CST
    clock.move_to(TUE_9 - timedelta(hours=4))  # Tue 5:00 AM CST: 5 hours before

    cancel(actor=world.member, session=session)

    session.refresh_from_db()
    assert session.status == "late_cancelled"
    use = HoursUse.objects.get(session=session)
    assert (use.reason, use.minutes, use.plan_minutes, use.package_minutes) == (
        "late_cancel",
        60,
        30,
        30,
    )
    assert Commitment.objects.count() == 0


def test_the_coach_cancels_late_for_free_but_must_say_why(world, clock):
    session = make_session(world.engagement, booked_by=world.member, starts_at=TUE_9)
    clock.move_to(TUE_9 - timedelta(hours=3))

    with pytest.raises(DomainError) as caught:
        cancel(actor=world.coach_user, session=session)
    assert (caught.value.code, caught.value.field) == ("reason_required", "reason")

    cancel(actor=world.coach_user, session=session, reason="I am unwell.")

    session.refresh_from_db()
    assert session.status == "cancelled"
    assert HoursUse.objects.count() == 0


def test_a_session_that_ended_or_was_cancelled_cannot_be_cancelled(world, clock):
    session = make_session(world.engagement, booked_by=world.member, starts_at=TUE_9)
    clock.move_to(TUE_9 + timedelta(hours=2))

    with pytest.raises(DomainError) as ended:
        cancel(actor=world.member, session=session)
    assert ended.value.code == "not_cancellable"

    clock.move_to(NOW)
    cancel(actor=world.member, session=session)
    with pytest.raises(DomainError) as again:
        cancel(actor=world.member, session=session)
    assert again.value.code == "not_cancellable"
    assert AuditEvent.objects.filter(action="coaching.session.cancelled").count() == 1


def test_someone_outside_the_organization_may_not_cancel(world):
    session = book_at(world, WED_10)
    _, outsider, _ = member_org("Lakeside Family Physicians")

    with pytest.raises(PermissionDenied):
        cancel(actor=outsider, session=session)
    session.refresh_from_db()
    assert session.status == "booked"
