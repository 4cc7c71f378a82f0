"""Coaching's test data: member organizations with a membership year, coaches with weekly
windows, engagements, sessions (written directly, as if booked) and action items."""

from __future__ import annotations

from datetime import time, timedelta
from itertools import count

from django.utils import timezone

from socialrx.coaching.models import (
    ActionItem,
    AvailabilityWindow,
    CoachingSession,
    CoachProfile,
    Engagement,
    EngagementKind,
    EngagementStatus,
    HourPackage,
    PackageStatus,
)
from socialrx.core.calendar import center_today
from socialrx.membership.models import (
    Membership,
    MembershipPeriod,
    MembershipStatus,
    PeriodSource,
)
from socialrx.schedules.services import Slot, commit
from socialrx.taxonomy.models import Platform, Topic
from tests.factories import CoachFactory, SeatFactory, org_with_admin
from tests.membership.factories import standard_plans

_numbers = count(1)


def make_member(organization, plan_name: str = "Medical Center") -> Membership:
    """`organization` holds an active membership whose current year began 180 days ago (so
    sessions of the past weeks count against it: hours count in the year a session was held).
    Medical Center: 12 included coaching hours a year."""
    today = center_today() - timedelta(days=180)
    plan = standard_plans()[plan_name]
    membership = Membership.objects.create(
        organization=organization,
        plan=plan,
        billing_contact_name="Accounts payable",
        billing_email="ap@example-health.org",
        status=MembershipStatus.ACTIVE,
        covered_from=today,
        covered_until=today + timedelta(days=364),
    )
    MembershipPeriod.objects.create(
        membership=membership,
        plan=plan,
        starts_on=today,
        ends_on=today + timedelta(days=364),
        price_cents=plan.annual_price_cents,
        source=PeriodSource.COMPLIMENTARY,
    )
    return membership


def member_org(name: str | None = None):
    """(organization, admin, member) of a member organization."""
    organization, admin = org_with_admin(name=name or f"Riverside Medical Center {next(_numbers)}")
    member = SeatFactory(organization=organization).user
    make_member(organization)
    return organization, admin, member


# Monday to Friday, 9:00-12:00 and 13:00-17:00 on the coach's clock.
OFFICE_HOURS = [(day, time(9), time(12)) for day in range(5)] + [
    (day, time(13), time(17)) for day in range(5)
]


def make_coach(
    *,
    full_name: str | None = None,
    time_zone: str = "America/Chicago",
    windows=OFFICE_HOURS,
    platforms: tuple[str, ...] = (),
    topics: tuple[str, ...] = (),
    organization_types: tuple[str, ...] = (),
    **profile_fields,
) -> CoachProfile:
    """A coach (an `is_coach` user) with a profile and weekly windows."""
    number = next(_numbers)
    user = CoachFactory(full_name=full_name or f"Coach Number{number}")
    profile = CoachProfile.objects.create(
        user=user,
        slug=f"coach-{number}",
        headline="Social media coach",
        bio="Ten years running hospital social media.",
        time_zone=time_zone,
        organization_types=list(organization_types),
        **profile_fields,
    )
    if platforms:
        profile.platforms.set(Platform.objects.filter(code__in=platforms))
    if topics:
        profile.topics.set(Topic.objects.filter(slug__in=topics))
    AvailabilityWindow.objects.bulk_create(
        AvailabilityWindow(coach=profile, weekday=day, starts_at=start, ends_at=end)
        for day, start, end in windows
    )
    return profile


def make_engagement(
    organization,
    coaches=(),
    *,
    plan_hours: int = 10,
    status: str = EngagementStatus.ACTIVE,
    kind: str = EngagementKind.COACHING,
    title: str = "Launching the physician video series",
) -> Engagement:
    engagement = Engagement.objects.create(
        organization=organization,
        kind=kind,
        title=title,
        goals="Two videos a month, approved in a week.",
        status=status,
        plan_minutes=plan_hours * 60,
        meeting_url="https://meet.example.org/riverside",
        started_on=center_today() if status != EngagementStatus.PROPOSED else None,
    )
    engagement.coaches.set([getattr(coach, "user", coach) for coach in coaches])
    return engagement


def make_session(
    engagement,
    *,
    coach=None,
    booked_by=None,
    starts_at=None,
    minutes: int = 60,
    status: str = "booked",
    agenda: str = "Review the draft posting calendar.",
) -> CoachingSession:
    """A session written as the booking service would (its coach's time committed while
    booked), without the service's checks and emails."""
    coach = getattr(coach, "user", coach) or engagement.coaches.first()
    booked_by = booked_by or engagement.organization.seats.first().user
    starts_at = starts_at or (timezone.now() + timedelta(days=3)).replace(
        minute=0, second=0, microsecond=0
    )
    session = CoachingSession.objects.create(
        engagement=engagement,
        coach=coach,
        booked_by=booked_by,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        agenda=agenda,
        meeting_url=engagement.meeting_url,
        status=status,
    )
    if status == "booked":
        commit(
            coach,
            [Slot(session.starts_at, session.ends_at)],
            source_kind="coaching.session",
            source_public_id=session.public_id,
            label=f"Coaching: {engagement.organization}",
        )
    return session


def make_action_item(engagement, *, owner=None, due_in_days: int = 7, **fields) -> ActionItem:
    return ActionItem.objects.create(
        engagement=engagement,
        title=fields.pop("title", "Draft the comment moderation policy"),
        owner=owner,
        due_on=center_today() + timedelta(days=due_in_days),
        **fields,
    )


def give_paid_hours(engagement, hours: int) -> HourPackage:
    """Hours the organization bought for the engagement, paid (as billing's on_paid leaves
    them, without the invoice): for an organization with no membership year to draw on."""
    return HourPackage.objects.create(
        engagement=engagement,
        hours=hours,
        status=PackageStatus.PAID,
        paid_at=timezone.now(),
    )
