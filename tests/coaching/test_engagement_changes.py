"""Staff change engagements: edits within the year's included hours and what was used and
booked, coaches not taken off while they have sessions booked, the meeting link https only;
activating and completing (not while sessions are booked ahead). Each change audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from socialrx.coaching.services import engagements as service
from socialrx.core.calendar import center_today
from socialrx.core.errors import Conflict
from socialrx.core.models import AuditEvent
from tests.coaching.engagement_service_support import ORG, create, refusal, update
from tests.coaching.engagement_support import book_ahead, buy_hours, hold
from tests.coaching.factories import make_coach, make_session, member_org
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture
def riverside():
    """A Medical Center member: 12 included hours this year."""
    return member_org(ORG)


@pytest.fixture
def coach():
    return make_coach(full_name="Maya Okafor")


# --- update ---------------------------------------------------------------------------------


def test_staff_edit_an_engagement_and_the_change_is_audited(riverside, coach, staff):
    engagement = create(staff, riverside[0], coach, "5")
    second = make_coach(full_name="Jordan Blake")

    engagement = update(
        staff,
        engagement,
        title="Physician videos, season two",
        coaches=[coach.user, second.user],
        plan_hours=Decimal("6.5"),
    )

    assert engagement.title == "Physician videos, season two"
    assert engagement.plan_minutes == 390
    assert set(engagement.coaches.all()) == {coach.user, second.user}
    event = AuditEvent.objects.get(action="coaching.engagement.updated")
    assert (event.before["plan_minutes"], event.after["plan_minutes"]) == (300, 390)
    assert event.before["title"] == "Launching the physician video series"
    assert event.after["coaches"] == sorted([coach.user.email, second.user.email])


def test_raising_plan_hours_is_limited_to_what_the_year_has_unallotted(riverside, coach, staff):
    organization = riverside[0]
    engagement = create(staff, organization, coach, "5")
    create(staff, organization, coach, "4")  # 12 - 5 - 4 = 3 h nobody holds
    hold(engagement, 60)  # 1 h of the 5 used

    refused = refusal(lambda: update(staff, engagement, plan_hours=Decimal("8.5")))

    assert refused.message == (
        f"{ORG} has 3 h of included hours left this membership year not yet allotted: "
        "allot at most that."
    )
    # 5 + 3 = 8 h is the most.
    assert update(staff, engagement, plan_hours=Decimal(8)).plan_minutes == 480


def test_plan_hours_never_drop_below_what_was_used(riverside, coach, staff):
    engagement = create(staff, riverside[0], coach, "5")
    hold(engagement, 60)
    hold(engagement, 30)  # 1 h 30 used from the plan

    refused = refusal(lambda: update(staff, engagement, plan_hours=Decimal(1)))

    assert refused.message == (
        "This engagement already used 1 h 30 min of plan hours: allot at least that."
    )
    assert update(staff, engagement, plan_hours=Decimal("1.5")).plan_minutes == 90


def test_plan_hours_never_drop_below_what_is_used_and_booked(riverside, coach, staff):
    engagement = create(staff, riverside[0], coach, "5", status="active")
    hold(engagement, 60)
    book_ahead(engagement, 60)

    refused = refusal(lambda: update(staff, engagement, plan_hours=Decimal("1.5")))

    assert refused.message == (
        "1 h used and 1 h booked: the allowance cannot go below 2 h. Cancel booked sessions first."
    )


def test_adding_plan_hours_rearms_the_warnings(riverside, coach, staff):
    engagement = create(staff, riverside[0], coach, "1", status="active")
    hold(engagement, 60)  # 100 %: both warnings sent
    engagement.refresh_from_db()
    assert engagement.warned_100_at is not None

    engagement = update(staff, engagement, plan_hours=Decimal(5))

    engagement.refresh_from_db()
    # 60 of 300 min: 20 %.
    assert (engagement.warned_80_at, engagement.warned_100_at) == (None, None)


def test_an_http_meeting_link_is_refused_on_an_edit_too(riverside, coach, staff):
    engagement = create(staff, riverside[0], coach)

    refused = refusal(
        lambda: update(staff, engagement, meeting_url="http://meet.example.org/riverside")
    )

    assert (refused.field, refused.message) == (
        "meeting_url",
        "Use a secure link that starts with https://.",
    )
    engagement.refresh_from_db()
    assert engagement.meeting_url == "https://meet.example.org/riverside"


def test_a_coach_with_sessions_booked_is_not_taken_off_and_the_refusal_names_them(
    riverside, coach, staff
):
    """Sessions of 2:00 PM UTC: 8:00 AM in Chicago (the center's clock) in winter."""
    second = make_coach(full_name="Jordan Blake")
    engagement = create(staff, riverside[0], coach, status="active")
    engagement.coaches.add(second.user)
    make_session(engagement, coach=coach, starts_at=datetime(2031, 2, 4, 14, tzinfo=UTC))
    make_session(engagement, coach=coach, starts_at=datetime(2031, 2, 11, 14, tzinfo=UTC))
    make_session(engagement, coach=second, starts_at=datetime(2031, 2, 5, 14, tzinfo=UTC))

    refused = refusal(lambda: update(staff, engagement, coaches=[second.user]))

    assert (refused.field, refused.code) == ("coaches", "sessions_booked")
    assert refused.message == (
        "Maya Okafor still has 2 sessions of this engagement booked (Tue 4 Feb 2031 8:00 AM CST; "
        "Tue 11 Feb 2031 8:00 AM CST): cancel them (or record them once held) before taking "
        "this coach off the engagement."
    )
    assert set(engagement.coaches.all()) == {coach.user, second.user}


def test_a_coach_whose_sessions_are_over_and_recorded_or_cancelled_is_taken_off(
    riverside, coach, staff
):
    second = make_coach(full_name="Jordan Blake")
    engagement = create(staff, riverside[0], coach, status="active")
    engagement.coaches.add(second.user)
    hold(engagement, 60)  # held, by Maya Okafor (the factory's first coach)
    make_session(
        engagement,
        coach=coach,
        starts_at=datetime(2031, 2, 4, 14, tzinfo=UTC),
        status="cancelled",
    )
    make_session(engagement, coach=second, starts_at=datetime(2031, 2, 5, 14, tzinfo=UTC))

    engagement = update(staff, engagement, coaches=[second.user])

    assert list(engagement.coaches.all()) == [second.user]


def test_a_completed_engagement_cannot_be_edited(riverside, coach, staff):
    engagement = create(staff, riverside[0], coach, status="active")
    service.complete(actor=staff, engagement=engagement)

    with pytest.raises(Conflict, match="completed: it cannot be changed"):
        update(staff, engagement, title="Another title")


# --- status ---------------------------------------------------------------------------------


def test_activating_a_proposed_engagement_emails_the_admins(
    riverside, coach, staff, django_capture_on_commit_callbacks, mailoutbox
):
    organization, admin, _member = riverside
    second_admin = UserFactory()
    second_admin.seats.create(organization=organization, role="admin")
    engagement = create(staff, organization, coach)

    with django_capture_on_commit_callbacks(execute=True):
        engagement = service.activate(actor=staff, engagement=engagement)

    assert (engagement.status, engagement.started_on) == ("active", center_today())
    [message] = mailoutbox
    assert sorted(message.to) == sorted([admin.email, second_admin.email])
    event = AuditEvent.objects.get(action="coaching.engagement.activated")
    assert (event.before, event.after["status"]) == ({"status": "proposed"}, "active")

    with pytest.raises(Conflict, match="only a proposed one is activated"):
        service.activate(actor=staff, engagement=engagement)


def test_completing_refuses_while_sessions_are_booked_ahead_and_names_them(riverside, coach, staff):
    engagement = create(staff, riverside[0], coach, status="active")
    session = book_ahead(engagement, 60, days=5)

    refused = refusal(lambda: service.complete(actor=staff, engagement=engagement))

    assert refused.message.startswith("1 session is still booked ahead (")
    assert "with Maya Okafor" in refused.message
    local = session.starts_at.astimezone(staff_zone())
    assert f"{local:%a %-d %b %Y}" in refused.message
    assert refused.message.endswith("cancel or hold them before completing the engagement.")
    engagement.refresh_from_db()
    assert engagement.status == "active"


def staff_zone():
    from django.utils import timezone  # noqa: PLC0415

    return timezone.get_current_timezone()


def test_completing_an_active_engagement(riverside, coach, staff):
    engagement = create(staff, riverside[0], coach, status="active")
    hold(engagement, 60)  # a past session held: nothing booked ahead

    engagement = service.complete(actor=staff, engagement=engagement)

    assert (engagement.status, engagement.completed_on) == ("completed", center_today())
    event = AuditEvent.objects.get(action="coaching.engagement.completed")
    assert (event.before, event.after["status"]) == ({"status": "active"}, "completed")


def test_the_status_only_moves_forward_one_step(riverside, coach, staff):
    proposed = create(staff, riverside[0], coach)
    with pytest.raises(Conflict, match="only an active one is completed"):
        service.complete(actor=staff, engagement=proposed)

    done = create(staff, riverside[0], coach, "0", status="active")
    service.complete(actor=staff, engagement=done)
    with pytest.raises(Conflict, match="only a proposed one is activated"):
        service.activate(actor=staff, engagement=done)
    with pytest.raises(Conflict, match="only an active one is completed"):
        service.complete(actor=staff, engagement=done)


def test_hours_bought_on_a_proposed_engagement_stay_when_it_is_activated(riverside, coach, staff):
    organization, admin, _member = riverside
    engagement = create(staff, organization, coach, "0")
    buy_hours(engagement, admin, staff, 2)

    service.activate(actor=staff, engagement=engagement)

    from socialrx.coaching.selectors.hours import allowance_of  # noqa: PLC0415

    assert allowance_of(engagement).total_minutes == 120
    assert timedelta(minutes=allowance_of(engagement).bookable_minutes) == timedelta(hours=2)
