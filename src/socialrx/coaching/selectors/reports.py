"""Coach utilisation by week: the staff report (`views.reports`) and the staff dashboard panel.

Utilisation of a coach in a week = coaching minutes ÷ (coaching minutes + open minutes), where

- coaching minutes are the coach's sessions booked or held in the week (cancelled and missed
  sessions are not coaching time: their slot was given back);
- open minutes are the coach's availability in the week (weekly windows and date exceptions, on
  the coach's clock) not taken by a session or by any other commitment (a boot camp day, an
  on-site training), as `selectors.slots.open_spans_by_coach` computes it.

So it is the share of the time a coach offered that was spent coaching; time taken by other
commitments is neither coaching nor offered. A week without availability or sessions has no
utilisation (None), not 0 %.

Weeks are ISO weeks (Monday to Sunday) on the center's clock (settings.TIME_ZONE), the same
weeks for every coach whatever their zone. Five queries for any number of coaches and weeks:
the coaches, then windows, exceptions and commitments, then the sessions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from socialrx.core.calendar import center_today

from .. import slots as rules_of_time
from ..models import LIVE_STATUSES, CoachingSession, CoachProfile, SessionStatus
from ..slots import Span
from .hours import describe_minutes
from .slots import open_spans_by_coach

DEFAULT_WEEKS = 4  # on each side of today: four weeks past, this week and three to come
MAX_WEEKS = 26
PANEL_WEEKS = 4  # the dashboard: this week and the three after


@dataclass(frozen=True)
class WeekFigures:
    """One week's minutes of one coach (or of all coaches, summed)."""

    week: date  # its Monday
    held_minutes: int = 0
    booked_minutes: int = 0
    open_minutes: int = 0

    @property
    def coaching_minutes(self) -> int:
        return self.held_minutes + self.booked_minutes

    @property
    def offered_minutes(self) -> int:
        """Coaching plus open minutes: the denominator of utilisation."""
        return self.coaching_minutes + self.open_minutes

    @property
    def percent(self) -> int | None:
        """Utilisation in whole percent, half up (None: nothing was offered that week)."""
        if not self.offered_minutes:
            return None
        return (self.coaching_minutes * 200 + self.offered_minutes) // (2 * self.offered_minutes)

    @property
    def held_hours(self) -> str:
        return describe_minutes(self.held_minutes)

    @property
    def booked_hours(self) -> str:
        return describe_minutes(self.booked_minutes)

    @property
    def coaching_hours(self) -> str:
        return describe_minutes(self.coaching_minutes)

    @property
    def open_hours(self) -> str:
        return describe_minutes(self.open_minutes)

    @property
    def offered_hours(self) -> str:
        return describe_minutes(self.offered_minutes)

    @property
    def iso_week(self) -> str:
        year, number, _ = self.week.isocalendar()
        return f"{year}-W{number:02d}"

    def __add__(self, other: WeekFigures) -> WeekFigures:
        return WeekFigures(
            self.week,
            self.held_minutes + other.held_minutes,
            self.booked_minutes + other.booked_minutes,
            self.open_minutes + other.open_minutes,
        )


@dataclass(frozen=True)
class CoachWeeks:
    profile: CoachProfile  # with its user
    weeks: list[WeekFigures]

    @property
    def name(self) -> str:
        return self.profile.user.full_name or self.profile.user.email

    @property
    def total(self) -> WeekFigures:
        return sum_weeks(self.weeks[0].week, self.weeks)


@dataclass(frozen=True)
class Utilisation:
    weeks: list[date]  # Mondays, oldest first
    this_week: date
    coaches: list[CoachWeeks]
    totals: list[WeekFigures]  # all coaches, week by week

    @property
    def overall(self) -> WeekFigures:
        return sum_weeks(self.weeks[0], self.totals)

    @property
    def last_day(self) -> date:
        return self.weeks[-1] + timedelta(days=6)


def sum_weeks(week: date, figures: list[WeekFigures]) -> WeekFigures:
    total = WeekFigures(week)
    for entry in figures:
        total += entry
    return total


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks_around(today: date, *, before: int, after: int) -> list[date]:
    """The Mondays of `before` weeks before this one, this week and `after - 1` weeks after."""
    this_monday = monday_of(today)
    return [this_monday + timedelta(weeks=offset) for offset in range(-before, after)]


def _week_start(monday: date) -> datetime:
    """Monday 0:00 on the center's clock, as an aware datetime."""
    return datetime.combine(monday, time.min, tzinfo=timezone.get_default_timezone())


def _minutes_by_week(spans: list[Span], bounds: list[tuple[datetime, datetime]]) -> list[int]:
    """Each week's minutes of `spans` (a span across midnight on Sunday counts in both)."""
    result = []
    for week_start, week_end in bounds:
        seconds = 0.0
        for span in spans:
            overlap = min(span.ends_at, week_end) - max(span.starts_at, week_start)
            seconds += max(overlap.total_seconds(), 0)
        result.append(int(seconds // 60))
    return result


def coaches() -> list[CoachProfile]:
    """Every active coach with a profile, by name."""
    return list(
        CoachProfile.objects.select_related("user")
        .filter(user__is_active=True, user__is_coach=True)
        .order_by("user__full_name", "user__email", "pk")
    )


def utilisation(weeks: list[date], *, today: date | None = None) -> Utilisation:
    """Each coach's held, booked and open minutes in each of `weeks` (Mondays, in order), and
    the totals of all coaches (see the module's docstring for the rule). Five queries."""
    today = today or center_today()
    bounds = [(_week_start(monday), _week_start(monday + timedelta(days=7))) for monday in weeks]
    since, until = bounds[0][0], bounds[-1][1]
    profiles = coaches()
    open_time = open_spans_by_coach(profiles, since=since, until=until)
    sessions: dict[tuple[int, str], list[Span]] = defaultdict(list)
    for coach_id, starts_at, ends_at, status in CoachingSession.objects.filter(
        coach_id__in=[profile.user_id for profile in profiles],
        status__in=LIVE_STATUSES,
        starts_at__lt=until,
        ends_at__gt=since,
    ).values_list("coach_id", "starts_at", "ends_at", "status"):
        sessions[coach_id, status].append(Span(starts_at, ends_at))
    rows = []
    for profile in profiles:
        held = sessions[profile.user_id, SessionStatus.HELD]
        booked = sessions[profile.user_id, SessionStatus.BOOKED]
        # A session's time is coaching, never open time, even when no commitment holds it
        # (a held session's commitment may have been released).
        still_open = rules_of_time.subtract(open_time.get(profile.user_id, []), held + booked)
        columns = zip(
            weeks,
            _minutes_by_week(held, bounds),
            _minutes_by_week(booked, bounds),
            _minutes_by_week(still_open, bounds),
            strict=True,
        )
        rows.append(CoachWeeks(profile, [WeekFigures(*column) for column in columns]))
    totals = [
        sum_weeks(monday, [row.weeks[index] for row in rows]) for index, monday in enumerate(weeks)
    ]
    return Utilisation(weeks, monday_of(today), rows, totals)
