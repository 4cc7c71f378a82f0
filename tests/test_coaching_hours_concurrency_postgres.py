"""Coaching hours under real concurrency on PostgreSQL: two recordings racing for an
organization's last included hour both go through (one takes it from the plan, the other from
the package), and recording a session while staff edit the engagement never deadlocks (the
locks are taken in one order: organization, engagement, membership)."""

from datetime import timedelta
from decimal import Decimal
from uuid import uuid4

import pytest
from django.db import close_old_connections, transaction
from django.utils import timezone

from socialrx.coaching.models import HoursUse, UseReason
from socialrx.coaching.services.engagements import update_engagement
from socialrx.coaching.services.hours import record_use
from socialrx.core.calendar import center_today
from socialrx.membership.models import IncludedHoursUse, Membership, MembershipPeriod
from socialrx.membership.selectors import included_minutes_remaining
from tests.coaching.factories import make_coach, make_engagement, make_session, member_org
from tests.concurrency import require_postgres, run_at_once
from tests.factories import StaffFactory

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


def _member_for_a_month(organization):
    began = center_today() - timedelta(days=30)
    Membership.objects.filter(organization=organization).update(covered_from=began)
    MembershipPeriod.objects.filter(membership__organization=organization).update(starts_on=began)
    return began


def _past(engagement, coach, days_ago):
    starts = (timezone.now() - timedelta(days=days_ago)).replace(minute=0, second=0, microsecond=0)
    return make_session(engagement, coach=coach, starts_at=starts)


def _record(session):
    close_old_connections()
    with transaction.atomic():  # as the recording service calls it
        return record_use(session, reason=UseReason.HELD, actor=None)


def test_two_recordings_racing_for_the_last_included_hour_both_go_through():
    organization, _, _ = member_org()
    began = _member_for_a_month(organization)
    coach_a, coach_b = make_coach(), make_coach()
    first = make_engagement(organization, [coach_a], plan_hours=2)
    second = make_engagement(organization, [coach_b], plan_hours=2)
    IncludedHoursUse.objects.create(
        membership=Membership.objects.get(organization=organization),
        period_starts_on=began,
        minutes=660,  # 720 - 660 = 60 minutes left in the year
        source_kind="coaching.session",
        source_public_id=uuid4(),
    )
    sessions = [_past(first, coach_a, 3), _past(second, coach_b, 3)]

    results = run_at_once(2, lambda index: _record(sessions[index]))

    assert all(isinstance(result, HoursUse) for result in results), results
    # One took the last 60 minutes from the plan; the other had none left: 60 from packages.
    splits = sorted((use.plan_minutes, use.package_minutes) for use in HoursUse.objects.all())
    assert splits == [(0, 60), (60, 0)]
    assert included_minutes_remaining(organization) == 0


def test_recording_while_staff_edit_the_engagement_never_deadlocks():
    organization, _, _ = member_org()
    _member_for_a_month(organization)
    staff = StaffFactory()
    coach = make_coach()
    engagement = make_engagement(organization, [coach], plan_hours=6)
    sessions = [_past(engagement, coach, days) for days in (5, 4, 3)]

    def work(index):
        close_old_connections()
        if index % 2 == 0:
            return _record(sessions[index // 2])
        return update_engagement(
            actor=staff,
            engagement=engagement,
            title=f"Edited {index}",
            goals="Two videos a month.",
            coaches=[coach.user],
            plan_hours=Decimal("6"),
            meeting_url="https://meet.example.org/riverside",
        )

    results = run_at_once(6, work)

    assert [r for r in results if isinstance(r, Exception)] == []
    # 3 held hours, all from the plan: 720 - 180 = 540 left in the year.
    assert HoursUse.objects.count() == 3
    assert included_minutes_remaining(organization) == 540
