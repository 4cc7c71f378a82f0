"""What a coach's availability page reads: the week as days and windows, the exceptions still
ahead, and the first slots people can book next (the effect of the week, on the coach's clock).
Each read is a fixed number of queries whatever the number of windows or exceptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed, require
from socialrx.core.requests import is_uuid

from .. import slots as rules_of_time
from ..models import AvailabilityException, AvailabilityWindow, CoachProfile, Weekday
from .hours import describe_minutes
from .slots import min_notice, open_spans_by_coach

PREVIEW_DAYS = 7
PREVIEW_SLOTS = 10
PREVIEW_MINUTES = 60


@dataclass(frozen=True)
class WindowRow:
    window: AvailabilityWindow
    label: str  # "9:00 AM – 12:00 PM"

    @property
    def minutes(self) -> int:
        starts, ends = self.window.starts_at, self.window.ends_at
        return (ends.hour * 60 + ends.minute) - (starts.hour * 60 + starts.minute)


@dataclass
class DayOfWeek:
    weekday: Weekday
    windows: list[WindowRow] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.weekday.label

    @property
    def minutes(self) -> int:
        return sum(row.minutes for row in self.windows)

    @property
    def hours(self) -> str:
        return describe_minutes(self.minutes) if self.windows else ""


@dataclass(frozen=True)
class ExceptionRow:
    exception: AvailabilityException
    change: str  # "Whole day off", "Unavailable 1:00 PM – 3:00 PM", "Extra 6:00 PM – 8:00 PM"


@dataclass(frozen=True)
class PreviewSlot:
    starts_at: datetime  # on the coach's clock
    ends_at: datetime

    @property
    def label(self) -> str:
        """ "9:00 AM – 10:00 AM MST" (formatted here: the template's date filter would show
        the viewer's clock)."""
        return f"{self.starts_at:%-I:%M %p} – {self.ends_at:%-I:%M %p} {self.ends_at.tzname()}"


@dataclass
class PreviewDay:
    day: date
    slots: list[PreviewSlot] = field(default_factory=list)

    @property
    def label(self) -> str:
        """ "Monday, March 15"."""
        return f"{self.day:%A, %B} {self.day.day}"


def clock(moment: time) -> str:
    """ "9:00 AM", "12:30 PM" (a wall-clock time)."""
    return f"{moment:%-I:%M %p}"


def clock_range(starts_at: time, ends_at: time) -> str:
    """ "9:00 AM – 12:00 PM"."""
    return f"{clock(starts_at)} – {clock(ends_at)}"


def zone_label(name: str) -> str:
    """ "America/Denver (MST/MDT)": the zone and its winter and summer abbreviations this year
    (one abbreviation when the zone keeps one clock all year)."""
    tz = rules_of_time.zone(name)
    year = timezone.now().year
    names = []
    for month in (1, 7):
        abbreviation = datetime(year, month, 15, 12, tzinfo=tz).tzname()
        if abbreviation and abbreviation not in names:
            names.append(abbreviation)
    return f"{tz.key} ({'/'.join(names)})" if names else tz.key


def _keeper(user) -> bool:
    """Whether `user` keeps any coach's week (staff) rather than only their own (a coach).
    PermissionDenied for a person who is neither."""
    if allowed(user, "coaching.manage_coaches"):
        return True
    require(user, "coaching.be_coach")
    return False


def coach_to_keep(user, public_id: str | None = None) -> CoachProfile | None:
    """The coach profile whose week `user` keeps, with its user: their own (None while they
    have none), or, for staff (`coaching.manage_coaches`), the one `public_id` names.
    PermissionDenied for a person who is neither a coach nor staff; NotFound for an unknown id
    and for a coach naming another coach's profile (ids cannot be probed)."""
    is_staff = _keeper(user)
    profiles = CoachProfile.objects.select_related("user")
    if not public_id:
        return profiles.filter(user=user).first()
    profile = profiles.filter(public_id=public_id).first() if is_uuid(public_id) else None
    if profile is None or not (is_staff or profile.user_id == user.pk):
        raise NotFound("Coach not found.")
    return profile


def window_to_keep(user, window_id: int) -> AvailabilityWindow:
    """A window of a week `user` keeps, with its coach; NotFound for another coach's."""
    is_staff = _keeper(user)
    window = AvailabilityWindow.objects.select_related("coach").filter(pk=window_id).first()
    if window is None or not (is_staff or window.coach.user_id == user.pk):
        raise NotFound("Window not found.")
    return window


def exception_to_keep(user, exception_id: int) -> AvailabilityException:
    """An exception of a week `user` keeps, with its coach; NotFound for another coach's."""
    is_staff = _keeper(user)
    found = AvailabilityException.objects.select_related("coach").filter(pk=exception_id).first()
    if found is None or not (is_staff or found.coach.user_id == user.pk):
        raise NotFound("Exception not found.")
    return found


def week_of(profile: CoachProfile) -> list[DayOfWeek]:
    """Monday to Sunday, each with its windows in order of start (one query)."""
    days = [DayOfWeek(day) for day in Weekday]
    for window in AvailabilityWindow.objects.filter(coach=profile).order_by("weekday", "starts_at"):
        row = WindowRow(window, clock_range(window.starts_at, window.ends_at))
        days[window.weekday].windows.append(row)
    return days


def describe_change(exception: AvailabilityException) -> str:
    if exception.whole_day:
        return "Whole day off"
    span = clock_range(exception.starts_at, exception.ends_at)
    return f"Extra {span}" if exception.available else f"Unavailable {span}"


def upcoming_exceptions(profile: CoachProfile, *, today: date) -> list[ExceptionRow]:
    """The coach's exceptions dated `today` or later, soonest first (one query)."""
    rows = AvailabilityException.objects.filter(coach=profile, on_date__gte=today).order_by(
        "on_date", "starts_at", "pk"
    )
    return [ExceptionRow(row, describe_change(row)) for row in rows]


def next_slots(
    profile: CoachProfile,
    *,
    now: datetime | None = None,
    days: int = PREVIEW_DAYS,
    count: int = PREVIEW_SLOTS,
    minutes: int = PREVIEW_MINUTES,
) -> list[PreviewDay]:
    """The first `count` slots of `minutes` people could book with the coach in the next
    `days` days (after the minimum notice, less the coach's commitments), grouped by the
    coach's own date and shown on the coach's clock (three queries)."""
    now = now or timezone.now()
    since = now + min_notice()
    spans = open_spans_by_coach([profile], since=since, until=now + timedelta(days=days))
    found = rules_of_time.slots_in(
        spans.get(profile.user_id, []), minutes=minutes, not_before=since
    )[:count]
    tz = rules_of_time.zone(profile.time_zone)
    grouped: list[PreviewDay] = []
    for slot in found:
        starts, ends = timezone.localtime(slot.starts_at, tz), timezone.localtime(slot.ends_at, tz)
        if not grouped or grouped[-1].day != starts.date():
            grouped.append(PreviewDay(starts.date()))
        grouped[-1].slots.append(PreviewSlot(starts, ends))
    return grouped


def coaches_to_choose() -> list[CoachProfile]:
    """Every coach profile with its user, for staff choosing whose week to keep (one query)."""
    return list(CoachProfile.objects.select_related("user").order_by("user__full_name", "pk"))
