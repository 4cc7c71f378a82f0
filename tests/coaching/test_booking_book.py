"""Booking a session (services.booking.book): the happy path writes the session, the coach's
commitment, an audit row and two emails with the invitation; every bad input is refused with
its own message and nothing written."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from socialrx.coaching.models import CoachingSession, HourPackage, PackageStatus
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from socialrx.schedules.models import Commitment
from socialrx.schedules.services import Slot, commit
from tests.coaching.booking_support import NOW, WED_10, WED_11, book_at, booking_world
from tests.coaching.factories import make_engagement, make_session, member_org

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db):
    return booking_world()


@pytest.fixture
def commit_emails(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _nothing_written(world):
    assert CoachingSession.objects.filter(engagement=world.engagement).count() == 0
    assert Commitment.objects.filter(source_kind="coaching.session").count() == 0
    assert AuditEvent.objects.filter(action="coaching.session.booked").count() == 0


def _refusal(world, starts_at, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        book_at(world, starts_at, **kwargs)
    return caught.value


def test_booking_writes_the_session_the_commitment_the_audit_and_two_invitations(
    world, commit_emails, mailoutbox
):
    with commit_emails():
        session = book_at(world, WED_10)

    session.refresh_from_db()
    assert (session.status, session.starts_at, session.ends_at) == (
        "booked",
        datetime.fromisoformat("2027-01-13T16:00:00+00:00"),
        datetime.fromisoformat("2027-01-13T17:00:00+00:00"),
    )
    assert session.booked_by == world.member
    assert session.sequence == 0
    assert session.meeting_url == "https://meet.example.org/riverside"  # the engagement's
    commitment = Commitment.objects.get(source_public_id=session.public_id)
    assert (commitment.person, commitment.source_kind, commitment.label) == (
        world.coach_user,
        "coaching.session",
        "Coaching: Riverside Regional Medical Center",
    )
    audit = AuditEvent.objects.get(action="coaching.session.booked")
    assert audit.actor == world.member
    assert audit.after["minutes"] == 60
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "dana@socialrx.example",
        "maria@riverside.example",
    ]
    for mail in mailoutbox:
        (calendar,) = [
            part for part in mail.attachments if part.get_content_type() == "text/calendar"
        ]
        assert calendar.get_param("method") == "REQUEST"
        assert calendar.get_content_charset() == "utf-8"
        assert calendar.get_filename() == "invite.ics"
        assert mail.alternatives[0][1] == "text/html"


def test_a_30_minute_session_and_the_meeting_link_given(world):
    session = book_at(world, WED_11, minutes=30, meeting_url="https://zoom.example/j/77")

    assert session.minutes == 30
    assert session.meeting_url == "https://zoom.example/j/77"


def test_without_any_link_the_coachs_default_is_used(db):
    world = booking_world()
    world.engagement.meeting_url = ""
    world.engagement.save(update_fields=["meeting_url"])
    world.coach.default_meeting_url = "https://whereby.example/dana"
    world.coach.save(update_fields=["default_meeting_url"])

    assert book_at(world, WED_10).meeting_url == "https://whereby.example/dana"


def test_staff_book_for_the_organization(world, staff):
    session = book_at(world, WED_10, actor=staff)

    assert session.booked_by == staff


def test_a_time_in_the_past_is_refused(world):
    error = _refusal(world, NOW - timedelta(hours=2))

    assert (error.code, error.field) == ("in_the_past", "starts_at")
    assert error.message == "That time is in the past: choose a time still to come."
    _nothing_written(world)


def test_a_time_within_the_minimum_notice_is_refused_as_too_soon(world):
    # Today 1:00 PM CST: five hours away, within the 12 hours' notice.
    error = _refusal(world, NOW + timedelta(hours=5))

    assert error.code == "too_soon"
    assert error.message == (
        "That is too soon: sessions are booked at least 12 hours ahead. Choose a later time."
    )
    _nothing_written(world)


def test_a_time_outside_the_coachs_windows_is_refused(world):
    # Wednesday 12:00 PM CST: the coach's lunch hour.
    error = _refusal(world, WED_10 + timedelta(hours=2))

    assert error.code == "outside_availability"
    assert error.message == (
        "That time is outside the coach's availability: choose one of the times offered."
    )
    _nothing_written(world)


def test_a_start_off_the_half_hour_grid_is_refused(world):
    error = _refusal(world, WED_10 + timedelta(minutes=15))

    assert error.code == "not_a_slot"
    _nothing_written(world)


def test_a_time_already_booked_by_this_engagement_is_refused_as_taken(world):
    book_at(world, WED_10)

    error = _refusal(world, WED_10 + timedelta(minutes=30))

    assert isinstance(error, Conflict)
    assert error.code == "slot_taken"
    assert error.message.startswith("That time was just taken")
    assert CoachingSession.objects.count() == 1


def test_the_coach_booked_by_another_organization_is_refused(world):
    other_org, _, other_member = member_org("Lakeside Family Physicians")
    other = make_engagement(other_org, [world.coach])
    make_session(other, booked_by=other_member, starts_at=WED_10)

    error = _refusal(world, WED_10)

    assert error.code == "slot_taken"
    assert CoachingSession.objects.filter(engagement=world.engagement).count() == 0


def test_the_coach_at_a_boot_camp_is_refused(world):
    commit(
        world.coach_user,
        [Slot(WED_10 - timedelta(hours=1), WED_10 + timedelta(hours=7))],
        source_kind="training.boot_camp_day",
        source_public_id=world.engagement.public_id,  # any id: the boot camp's in real life
        label="Boot camp: Social media for clinicians, day 1",
    )

    error = _refusal(world, WED_11)

    assert error.code == "slot_taken"
    _nothing_written(world)


def test_a_live_booking_without_a_commitment_trips_the_unique_constraint_not_a_500(world):
    """The second guard: a booked row at that start (written around the services) is found by
    the database, and the IntegrityError becomes the same Conflict."""
    CoachingSession.objects.create(
        engagement=world.engagement,
        coach=world.coach_user,
        booked_by=world.admin,
        starts_at=WED_10,
        ends_at=WED_10 + timedelta(minutes=30),
        agenda="Written directly",
    )

    error = _refusal(world, WED_10)

    assert error.code == "slot_taken"
    assert CoachingSession.objects.count() == 1
    assert Commitment.objects.count() == 0


def test_beyond_the_allowance_is_refused_with_the_way_to_buy_more(db):
    world = booking_world(plan_hours=1)
    book_at(world, WED_10, minutes=30)

    error = _refusal(world, WED_10 + timedelta(hours=1))

    assert error.code == "over_allowance"
    assert error.buy_url == f"/coaching/engagements/{world.engagement.public_id}/hours/"
    assert error.message.startswith("This engagement has 30 min left to book")
    assert CoachingSession.objects.count() == 1


def test_a_paid_package_makes_room(db):
    world = booking_world(plan_hours=1)
    book_at(world, WED_10)
    HourPackage.objects.create(engagement=world.engagement, hours=1, status=PackageStatus.PAID)

    assert book_at(world, WED_10 + timedelta(hours=4)).minutes == 60


def test_someone_outside_the_organization_may_not_book(world):
    _, outsider_admin, _ = member_org("Lakeside Family Physicians")

    with pytest.raises(PermissionDenied):
        book_at(world, WED_10, actor=outsider_admin)
    _nothing_written(world)


def test_the_coach_may_not_book_for_the_organization(world):
    with pytest.raises(PermissionDenied):
        book_at(world, WED_10, actor=world.coach_user)


@pytest.mark.parametrize("status", ["proposed", "completed"])
def test_an_engagement_not_active_takes_no_booking(db, status):
    world = booking_world(status=status)

    error = _refusal(world, WED_10)

    assert error.code == "not_active"
    assert error.message == (
        f"This engagement is {status}: sessions are booked while it is active."
    )
    _nothing_written(world)


def test_a_45_minute_session_is_refused(world):
    error = _refusal(world, WED_10, minutes=45)

    assert (error.code, error.field) == ("bad_minutes", "minutes")
    assert error.message == "A session lasts 30 or 60 minutes."


@pytest.mark.parametrize(
    ("agenda", "code"),
    [("   ", "agenda_required"), ("x" * 2001, "agenda_too_long")],
)
def test_an_agenda_empty_or_too_long_is_refused(world, agenda, code):
    error = _refusal(world, WED_10, agenda=agenda)

    assert (error.code, error.field) == (code, "agenda")
    _nothing_written(world)


def test_an_agenda_of_exactly_2000_characters_is_taken(world):
    assert len(book_at(world, WED_10, agenda="y" * 2000).agenda) == 2000


@pytest.mark.parametrize("link", ["http://meet.example.org/x", "meet.example.org", "ftp://x.org"])
def test_a_meeting_link_that_is_not_https_is_refused(world, link):
    error = _refusal(world, WED_10, meeting_url=link)

    assert (error.code, error.field) == ("bad_meeting_url", "meeting_url")
    _nothing_written(world)


def test_a_coach_not_of_the_engagement_is_refused(world):
    from tests.coaching.factories import make_coach  # noqa: PLC0415

    stranger = make_coach(full_name="Other Coach")

    with pytest.raises(DomainError) as caught:
        book_at(world, WED_10, coach=stranger.user)

    assert (caught.value.code, caught.value.field) == ("not_its_coach", "coach")
