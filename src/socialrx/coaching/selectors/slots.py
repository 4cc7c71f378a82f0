"""Coaches' open time and an engagement's bookable slots, read in a fixed number of queries
whatever the number of coaches, windows or commitments (see `coaching.slots` for the rules)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from socialrx.schedules.models import Commitment

from .. import slots as rules_of_time
from ..models import AvailabilityException, AvailabilityWindow, CoachProfile, Engagement
from ..slots import DayException, Span, Window


@dataclass(frozen=True)
class BookableSlot:
    coach: object  # the coach's User
    span: Span

    @property
    def starts_at(self) -> datetime:
        return self.span.starts_at

    @property
    def ends_at(self) -> datetime:
        return self.span.ends_at


# How far ahead sessions are booked: far enough for any real plan, and well inside the dates
# Python and the databases can add days to.
BOOKING_HORIZON_DAYS = 365
# The instants whose days, in any zone and a few days either side, are still dates Python
# knows (years 1 to 9999): outside them no slot is looked for, so an absurd date asked for
# (`?week=`, a slot's form value) finds nothing rather than overflowing.
_EARLIEST = datetime(1, 1, 8, tzinfo=UTC)
_LATEST = datetime(9999, 12, 24, tzinfo=UTC)


def min_notice() -> timedelta:
    """How long before a slot it can still be booked (settings.COACHING_MIN_NOTICE_HOURS)."""
    return timedelta(hours=settings.COACHING_MIN_NOTICE_HOURS)


def booking_horizon() -> timedelta:
    """How far ahead of now a slot can still be booked (a year)."""
    return timedelta(days=BOOKING_HORIZON_DAYS)


def _within_the_calendar(since: datetime, until: datetime) -> bool:
    return _EARLIEST <= since < until <= _LATEST


def open_spans_by_coach(
    profiles: list[CoachProfile], *, since: datetime, until: datetime
) -> dict[int, list[Span]]:
    """{coach user id: open spans within [since, until)}, windows and exceptions on each
    coach's clock, less everything the coach is committed to (any app's commitments): three
    queries for any number of coaches."""
    if not profiles:
        return {}
    if not _within_the_calendar(since, until):
        return {profile.user_id: [] for profile in profiles}
    profile_ids = [profile.pk for profile in profiles]
    weekly: dict[int, dict[int, list[Window]]] = defaultdict(lambda: defaultdict(list))
    for row in AvailabilityWindow.objects.filter(coach_id__in=profile_ids):
        weekly[row.coach_id][row.weekday].append(Window(row.starts_at, row.ends_at))
    exceptions: dict[int, list[DayException]] = defaultdict(list)
    # A day's exception may reach `since` or `until` in another zone: read a day either side.
    for row in AvailabilityException.objects.filter(
        coach_id__in=profile_ids,
        on_date__gte=(since - timedelta(days=1)).date(),
        on_date__lte=(until + timedelta(days=1)).date(),
    ):
        exceptions[row.coach_id].append(
            DayException(row.on_date, row.starts_at, row.ends_at, row.available)
        )
    busy: dict[int, list[Span]] = defaultdict(list)
    for person_id, starts_at, ends_at in Commitment.objects.filter(
        person_id__in=[profile.user_id for profile in profiles],
        starts_at__lt=until,
        ends_at__gt=since,
    ).values_list("person_id", "starts_at", "ends_at"):
        busy[person_id].append(Span(starts_at, ends_at))
    result: dict[int, list[Span]] = {}
    for profile in profiles:
        tz = rules_of_time.zone(profile.time_zone)
        first_day = timezone.localtime(since, tz).date()
        last_day = timezone.localtime(until, tz).date()
        spans = rules_of_time.open_spans(
            tz=tz,
            weekly=weekly[profile.pk],
            exceptions=exceptions[profile.pk],
            first_day=first_day,
            last_day=last_day,
        )
        # Keep what lies inside [since, until), less the coach's commitments.
        outside = [Span(since - timedelta(days=2), since), Span(until, until + timedelta(days=2))]
        inside = rules_of_time.subtract(spans, outside)
        result[profile.user_id] = rules_of_time.subtract(inside, busy[profile.user_id])
    return result


def free_minutes_by_coach(
    profiles: list[CoachProfile], *, since: datetime, until: datetime
) -> dict[int, int]:
    """{coach user id: open minutes in [since, until)}: what "free hours in the next four
    weeks" is made of when matching."""
    spans = open_spans_by_coach(profiles, since=since, until=until)
    return {user_id: rules_of_time.free_minutes(found) for user_id, found in spans.items()}


def engagement_coach_profiles(engagement: Engagement, coach_user_id: int | None = None):
    profiles = CoachProfile.objects.select_related("user").filter(
        user__in=engagement.coaches.all(), user__is_active=True
    )
    if coach_user_id is not None:
        profiles = profiles.filter(user_id=coach_user_id)
    return list(profiles.order_by("user__full_name", "pk"))


def bookable_slots(
    engagement: Engagement,
    *,
    minutes: int,
    since: datetime,
    until: datetime,
    coach_user_id: int | None = None,
    now: datetime | None = None,
) -> list[BookableSlot]:
    """The slots of `minutes` people of the engagement's organization can book with its
    coaches (one coach, or all) in [since, until): none sooner than the minimum notice nor
    further ahead than the booking horizon, sorted by start, then coach. Four queries
    (coaches, windows, exceptions, commitments); none when [since, until) is out of reach."""
    now = now or timezone.now()
    # Only what is still to come, up to the horizon, is looked at: slots before it could not
    # be booked anyway (and a week asked for centuries ahead finds nothing).
    since, until = max(since, now), min(until, now + booking_horizon())
    not_before = max(since, now + min_notice())
    if not _within_the_calendar(not_before, until):
        return []
    profiles = engagement_coach_profiles(engagement, coach_user_id)
    spans = open_spans_by_coach(profiles, since=since, until=until)
    by_user = {profile.user_id: profile.user for profile in profiles}
    found = [
        BookableSlot(by_user[user_id], slot)
        for user_id, open_time in spans.items()
        for slot in rules_of_time.slots_in(open_time, minutes=minutes, not_before=not_before)
    ]
    return sorted(found, key=lambda s: (s.starts_at, s.coach.full_name or s.coach.email))
