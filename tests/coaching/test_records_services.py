"""Recording a session (held or missed) with its note and action items, and later notes: the
hours used with their plan/package split worked out by hand, the refusals (before the start,
twice, cancelled, not the coach), all-or-nothing, and the email to the organization."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from socialrx.coaching.models import (
    ActionItem,
    HourPackage,
    HoursUse,
    PackageStatus,
    SessionNote,
    SessionStatus,
)
from socialrx.coaching.services.records import (
    NewActionItem,
    NewNote,
    add_note,
    record_session,
)
from socialrx.core.calendar import center_today
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from socialrx.membership.models import IncludedHoursUse, Membership
from socialrx.membership.selectors import included_minutes_remaining
from socialrx.schedules.models import Commitment
from tests.coaching.factories import make_coach, make_engagement, make_session, member_org

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _hours_ago(hours: int):
    return (timezone.now() - timedelta(hours=hours)).replace(minute=0, second=0, microsecond=0)


@pytest.fixture
def world():
    organization, admin, member = member_org("Riverside Medical Center")
    coach = make_coach(full_name="Dana Whitfield")
    engagement = make_engagement(organization, [coach], plan_hours=1)
    HourPackage.objects.create(engagement=engagement, hours=2, status=PackageStatus.PAID)
    return organization, admin, member, coach.user, engagement


def _split(session) -> tuple[str, int, int, int]:
    use = HoursUse.objects.get(session=session)
    return use.reason, use.minutes, use.plan_minutes, use.package_minutes


def test_held_sessions_use_the_plan_first_then_the_package(world):
    organization, _, member, coach, engagement = world
    first = make_session(engagement, booked_by=member, starts_at=_hours_ago(30), minutes=30)
    second = make_session(engagement, booked_by=member, starts_at=_hours_ago(6), minutes=60)

    record_session(actor=coach, session=first, outcome="held")
    record_session(actor=coach, session=second, outcome="held")

    # Plan 60 min. First: 30 min, all plan (60 left). Second: 60 min, plan has 30 left
    # (60 - 30), the year's included minutes 690 (720 - 30): 30 from the plan, 30 from the
    # package.
    assert _split(first) == ("held", 30, 30, 0)
    assert _split(second) == ("held", 60, 30, 30)
    assert sorted(IncludedHoursUse.objects.values_list("minutes", flat=True)) == [30, 30]
    assert included_minutes_remaining(organization) == 660  # 12 h = 720, less 60
    second.refresh_from_db()
    assert second.status == "held"
    assert second.recorded_at is not None


def test_the_years_included_minutes_cap_the_plan_part(world):
    organization, _, member, coach, engagement = world
    engagement.plan_minutes = 600
    engagement.save(update_fields=["plan_minutes"])
    membership = Membership.objects.get(organization=organization)
    IncludedHoursUse.objects.create(
        membership=membership,
        period_starts_on=membership.periods.get().starts_on,
        minutes=700,
        source_kind="test.other",
        source_public_id="00000000-0000-0000-0000-000000000001",
    )
    session = make_session(engagement, booked_by=member, starts_at=_hours_ago(3), minutes=60)

    record_session(actor=coach, session=session, outcome="held")

    # Plan left 600, but the year has 720 - 700 = 20 included minutes: 20 plan, 40 package.
    assert _split(session) == ("held", 60, 20, 40)
    assert included_minutes_remaining(organization) == 0


def test_a_no_show_counts_the_hour_and_keeps_the_coachs_time(world):
    _, _, member, coach, engagement = world
    session = make_session(engagement, booked_by=member, starts_at=_hours_ago(2), minutes=60)

    record_session(actor=coach, session=session, outcome="no_show")

    assert _split(session) == ("no_show", 60, 60, 0)
    session.refresh_from_db()
    assert session.status == SessionStatus.NO_SHOW
    # The time was used: the coach's calendar still holds it.
    assert Commitment.objects.filter(source_public_id=session.public_id).count() == 1


def test_a_session_not_yet_started_is_refused_and_nothing_is_written(world):
    _, _, member, coach, engagement = world
    session = make_session(engagement, booked_by=member)  # in three days

    with pytest.raises(DomainError) as refusal:
        record_session(actor=coach, session=session, outcome="held")

    assert refusal.value.code == "not_started"
    assert refusal.value.message == (
        "This session has not started yet: record it once it has started."
    )
    session.refresh_from_db()
    assert session.status == "booked"
    assert not HoursUse.objects.exists()


def test_recording_twice_is_a_conflict_and_counts_once(world):
    _, _, member, coach, engagement = world
    session = make_session(engagement, booked_by=member, starts_at=_hours_ago(2))
    record_session(actor=coach, session=session, outcome="held")

    with pytest.raises(Conflict) as refusal:
        record_session(actor=coach, session=session, outcome="no_show")

    assert refusal.value.message == "This session was already recorded (held)."
    assert HoursUse.objects.count() == 1


def test_a_cancelled_session_cannot_be_recorded(world):
    _, _, member, coach, engagement = world
    session = make_session(
        engagement, booked_by=member, starts_at=_hours_ago(2), status="cancelled"
    )

    with pytest.raises(Conflict) as refusal:
        record_session(actor=coach, session=session, outcome="held")

    assert refusal.value.code == "cancelled"


def test_only_its_coaches_and_staff_record(world, staff):
    organization, admin, member, _, engagement = world
    other_coach = make_coach().user
    session = make_session(engagement, booked_by=member, starts_at=_hours_ago(2))

    for outsider in (member, admin, other_coach):
        with pytest.raises(PermissionDenied):
            record_session(actor=outsider, session=session, outcome="held")
    record_session(actor=staff, session=session, outcome="held")

    assert _split(session) == ("held", 60, 60, 0)


def test_outcome_note_and_action_items_are_saved_together(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    organization, admin, member, coach, engagement = world
    session = make_session(engagement, booked_by=member, starts_at=_hours_ago(2))
    due = center_today() + timedelta(days=14)

    with django_capture_on_commit_callbacks(execute=True):
        record_session(
            actor=coach,
            session=session,
            outcome="held",
            note=NewNote(body="We agreed on **two videos** a month.", visibility="shared"),
            action_items=[
                NewActionItem(title="Draft the moderation policy", owner=member, due_on=due),
                NewActionItem(title="Book the film crew", owner=None, due_on=due),
            ],
        )

    note = SessionNote.objects.get()
    assert (note.session, note.author, note.visibility) == (session, coach, "shared")
    assert sorted(ActionItem.objects.values_list("title", "owner", "session", "created_by")) == [
        ("Book the film crew", None, session.pk, coach.pk),
        ("Draft the moderation policy", member.pk, session.pk, coach.pk),
    ]
    assert sorted(AuditEvent.objects.values_list("action", flat=True)) == [
        "coaching.action_item.added",
        "coaching.action_item.added",
        "coaching.engagement.hours_used",
        "coaching.note.added",
        "coaching.session.recorded",
        "membership.included_hours.used",
    ]
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert sorted(email.to) == sorted([admin.email, member.email])
    assert email.subject == "Notes from your coaching session: Launching the physician video series"
    assert "We agreed on **two videos** a month." in email.body
    assert "- Draft the moderation policy (" in email.body
    assert "<strong>two videos</strong>" in email.alternatives[0][0]


def test_a_private_note_alone_emails_nobody(world, mailoutbox, django_capture_on_commit_callbacks):
    _, _, member, coach, engagement = world
    session = make_session(engagement, booked_by=member, starts_at=_hours_ago(2))

    with django_capture_on_commit_callbacks(execute=True):
        record_session(
            actor=coach,
            session=session,
            outcome="held",
            note=NewNote(body="Their legal team is nervous.", visibility="center"),
        )

    assert SessionNote.objects.get().visibility == "center"
    assert mailoutbox == []


def test_a_bad_action_item_leaves_nothing_half_written(world):
    _, _, member, coach, engagement = world
    _, other_admin, _ = member_org("Lakeside Family Physicians")
    session = make_session(engagement, booked_by=member, starts_at=_hours_ago(2))

    with pytest.raises(DomainError) as refusal:
        record_session(
            actor=coach,
            session=session,
            outcome="held",
            note=NewNote(body="Notes."),
            action_items=[
                NewActionItem(
                    title="Someone else's task",
                    owner=other_admin,
                    due_on=center_today() + timedelta(days=3),
                )
            ],
        )

    assert refusal.value.field == "owner"
    assert refusal.value.message == "Choose someone of Riverside Medical Center or the coach."
    session.refresh_from_db()
    assert session.status == "booked"
    assert not HoursUse.objects.exists()
    assert not SessionNote.objects.exists()
    assert not ActionItem.objects.exists()


@pytest.mark.parametrize(
    ("days_from_today", "message"),
    [
        (-1, "The due date is in the past: choose today or a later day."),
        (366, "Choose a due date within a year from today."),
    ],
)
def test_due_dates_outside_today_to_a_year_are_refused(world, days_from_today, message):
    _, _, member, coach, engagement = world
    session = make_session(engagement, booked_by=member, starts_at=_hours_ago(2))
    due = center_today() + timedelta(days=days_from_today)

    with pytest.raises(DomainError) as refusal:
        record_session(
            actor=coach,
            session=session,
            outcome="held",
            action_items=[NewActionItem(title="Write the FAQ", owner=member, due_on=due)],
        )

    assert (refusal.value.field, refusal.value.message) == ("due_on", message)


def test_a_note_too_long_is_refused(world):
    _, _, member, coach, engagement = world
    session = make_session(engagement, booked_by=member, starts_at=_hours_ago(2))

    with pytest.raises(DomainError) as refusal:
        record_session(
            actor=coach, session=session, outcome="held", note=NewNote(body="x" * 10_001)
        )

    assert refusal.value.message == "Keep the note to 10,000 characters (it has 10,001)."


def test_later_notes_need_a_recorded_session(world, mailoutbox, django_capture_on_commit_callbacks):
    _, admin, member, coach, engagement = world
    session = make_session(engagement, booked_by=member, starts_at=_hours_ago(2))

    with pytest.raises(Conflict):
        add_note(actor=coach, session=session, note=NewNote(body="Too early."))

    record_session(actor=coach, session=session, outcome="held")
    with django_capture_on_commit_callbacks(execute=True):
        note = add_note(
            actor=coach, session=session, note=NewNote(body="Follow-up.", visibility="shared")
        )

    assert note.body == "Follow-up."
    assert [sorted(m.to) for m in mailoutbox] == [sorted([admin.email, member.email])]
    with pytest.raises(PermissionDenied):
        add_note(actor=member, session=session, note=NewNote(body="Mine."))


def test_a_due_date_of_today_and_of_a_year_from_today_are_accepted(world):
    _, _, member, coach, engagement = world
    session = make_session(engagement, booked_by=member, starts_at=_hours_ago(2))
    today = center_today()

    record_session(
        actor=coach,
        session=session,
        outcome="held",
        action_items=[
            NewActionItem(title="Today", owner=coach, due_on=today),
            NewActionItem(title="In a year", owner=member, due_on=today + timedelta(days=365)),
        ],
    )

    assert sorted(ActionItem.objects.values_list("title", "due_on")) == [
        ("In a year", today + timedelta(days=365)),
        ("Today", today),
    ]
    assert isinstance(today, date)
