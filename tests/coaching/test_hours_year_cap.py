"""The plan part of an allowance never goes past what the membership year still holds, hours
count against the year the session was held in, and the warnings go to each side apart.
Every figure is worked by hand in the comments (Medical Center plan: 12 h = 720 min a year)."""

from datetime import timedelta
from uuid import uuid4

import pytest
from django.core import mail
from django.utils import timezone

from socialrx.coaching.models import HoursUse, UseReason
from socialrx.coaching.selectors.hours import allowance_of
from socialrx.coaching.services.hours import OverAllowance, check_fits, record_use
from socialrx.core.calendar import center_today
from socialrx.core.models import AuditEvent
from socialrx.membership.models import (
    IncludedHoursUse,
    Membership,
    MembershipPeriod,
    MembershipStatus,
)
from socialrx.membership.selectors import included_minutes_remaining
from tests.coaching.factories import make_coach, make_engagement, make_session, member_org
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def member_for_a_month(organization):
    """The membership year began 30 days ago (so last week's sessions fall in it)."""
    began = center_today() - timedelta(days=30)
    Membership.objects.filter(organization=organization).update(covered_from=began)
    MembershipPeriod.objects.filter(membership__organization=organization).update(starts_on=began)
    return began


def use_elsewhere(organization, minutes):
    membership = Membership.objects.get(organization=organization)
    IncludedHoursUse.objects.create(
        membership=membership,
        period_starts_on=MembershipPeriod.objects.get(membership=membership).starts_on,
        minutes=minutes,
        source_kind="coaching.session",
        source_public_id=uuid4(),
    )


def past_session(engagement, coach, *, days_ago, minutes=60):
    starts = (timezone.now() - timedelta(days=days_ago)).replace(minute=0, second=0, microsecond=0)
    return make_session(engagement, coach=coach, starts_at=starts, minutes=minutes)


def test_a_lapsed_membership_leaves_only_paid_hours_to_book():
    organization, admin, _ = member_org()
    coach = make_coach()
    engagement = make_engagement(organization, [coach], plan_hours=4)
    Membership.objects.filter(organization=organization).update(status=MembershipStatus.CANCELLED)

    allowance = allowance_of(engagement)

    # Allotted 240 minutes, but the year holds none now: nothing left to book.
    assert (allowance.plan_minutes, allowance.plan_left_minutes) == (240, 0)
    assert allowance.plan_withheld_minutes == 240
    assert (allowance.total_minutes, allowance.bookable_minutes) == (0, 0)
    with pytest.raises(OverAllowance):
        check_fits(engagement, 30)


def test_the_year_caps_the_plan_part_and_what_is_beyond_shows_as_overdrawn():
    organization, admin, _ = member_org()
    coach = make_coach()
    engagement = make_engagement(organization, [coach], plan_hours=4)
    member_for_a_month(organization)
    use_elsewhere(organization, 600)  # 720 - 600 = 120 minutes left in the year

    allowance = allowance_of(engagement)
    # plan left = min(240 allotted, 120 in the year) = 120; no package: total 120.
    assert (allowance.plan_left_minutes, allowance.total_minutes) == (120, 120)
    assert allowance.bookable_minutes == 120

    sessions = [past_session(engagement, coach, days_ago=day) for day in (4, 3, 2)]
    for session in sessions:
        record_use(session, reason=UseReason.HELD, actor=None)

    uses = list(HoursUse.objects.order_by("session__starts_at"))
    # 60 + 60 from the year, then nothing left: the third hour has no plan minute.
    assert [(u.plan_minutes, u.package_minutes) for u in uses] == [(60, 0), (60, 0), (0, 60)]
    assert included_minutes_remaining(organization) == 0
    allowance = allowance_of(engagement)
    # used 180 of a total of 120 + 0 left: overdrawn by 60.
    assert (allowance.used_minutes, allowance.total_minutes, allowance.left_minutes) == (
        180,
        120,
        -60,
    )
    last = AuditEvent.objects.filter(action="coaching.engagement.hours_used").order_by("pk").last()
    assert last.after["overdrawn_minutes"] == 60


def test_hours_count_against_the_year_the_session_was_held_in():
    organization, admin, _ = member_org()
    coach = make_coach()
    engagement = make_engagement(organization, [coach], plan_hours=4)
    today = center_today()
    membership = Membership.objects.get(organization=organization)
    membership.covered_from = today - timedelta(days=365)
    membership.save()
    # This year began today; the one before ran to yesterday.
    MembershipPeriod.objects.filter(membership=membership).update(
        starts_on=today, ends_on=today + timedelta(days=364)
    )
    MembershipPeriod.objects.create(
        membership=membership,
        plan=membership.plan,
        starts_on=today - timedelta(days=365),
        ends_on=today - timedelta(days=1),
        price_cents=0,
        source="complimentary",
    )
    session = past_session(engagement, coach, days_ago=2)

    record_use(session, reason=UseReason.HELD, actor=None)

    counted = IncludedHoursUse.objects.get()
    assert counted.period_starts_on == today - timedelta(days=365)
    assert included_minutes_remaining(organization) == 720  # this year untouched


def test_the_warning_goes_to_the_admins_and_to_staff_in_two_messages(
    django_capture_on_commit_callbacks,
):
    organization, admin, _ = member_org()
    member_for_a_month(organization)
    StaffFactory(email="dana@center.example")
    coach = make_coach()
    engagement = make_engagement(organization, [coach], plan_hours=1)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        record_use(past_session(engagement, coach, days_ago=1), reason=UseReason.HELD, actor=None)

    # 60 of 60 minutes used: one "all used" warning, to each side apart.
    recipients = sorted(tuple(message.to) for message in mail.outbox)
    assert recipients == sorted([(admin.email,), ("dana@center.example",)])
    by_side = {message.to[0]: message.body for message in mail.outbox}
    assert "as an admin of" in by_side[admin.email]
    assert "as center staff" in by_side["dana@center.example"]


def test_the_engagement_page_says_which_plan_hours_the_year_no_longer_holds(client):
    organization, admin, _ = member_org()
    coach = make_coach()
    engagement = make_engagement(organization, [coach], plan_hours=4)
    use_elsewhere(organization, 600)  # 120 of the 240 allotted minutes are still in the year
    client.force_login(admin)

    page = client.get(f"/coaching/engagements/{engagement.public_id}/").content.decode()

    assert "2 h of the plan hours allotted to this engagement are not counted" in page
