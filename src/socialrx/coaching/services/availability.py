"""Keeping a coach's week: weekly windows and date exceptions, on the coach's own clock.

The rules each change is checked against:
- Times fall on the hour or the half hour of the coach's clock (slots start there).
- A window ends after it starts. Windows of one weekday neither overlap nor touch (two that
  touch are one window: widen it instead), and a day holds at most 12.
- An exception is dated from the coach's today to a year ahead. It is a whole day off, an
  unavailable span or an extra available span; exceptions of one date do not overlap (a day off
  overlaps everything on its date).
- A coach keeps their own week (`coaching.be_coach`); center staff keep any coach's
  (`coaching.manage_coaches`).
- Each change locks the coach's profile row before it reads the week, so two changes at once
  are checked one after the other and cannot together make an overlap.
- Changing the week never touches a booked session: the session stands, only the slots
  offered from now on change.

Every change is audited as `coaching.availability.changed` with what was added or removed."""

from __future__ import annotations

from datetime import date, time

from django.db import models, transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import DomainError, NotFound
from socialrx.core.permissions import require

from .. import slots as rules_of_time
from ..models import AvailabilityException, AvailabilityWindow, CoachProfile, Weekday
from ..selectors.availability import clock, clock_range

MAX_WINDOWS_A_DAY = 12
STEP_MINUTES = rules_of_time.STEP_MINUTES
AUDIT_ACTION = "coaching.availability.changed"


class ExceptionKind(models.TextChoices):
    DAY_OFF = "off", "Whole day off"
    UNAVAILABLE = "unavailable", "Unavailable from – to"
    EXTRA = "extra", "Extra availability from – to"


# --- describing times -----------------------------------------------------------------------


def describe_window(window: AvailabilityWindow) -> str:
    """ "Tuesday 9:00 AM – 12:00 PM"."""
    return f"{Weekday(window.weekday).label} {clock_range(window.starts_at, window.ends_at)}"


def describe_exception(exception: AvailabilityException) -> str:
    """ "Mar 4, 2027: whole day off", "Mar 4, 2027: extra 6:00 PM – 8:00 PM"."""
    day = f"{exception.on_date:%b} {exception.on_date.day}, {exception.on_date:%Y}"
    if exception.whole_day:
        return f"{day}: whole day off"
    what = "extra" if exception.available else "unavailable"
    return f"{day}: {what} {clock_range(exception.starts_at, exception.ends_at)}"


def coach_today(coach: CoachProfile) -> date:
    """Today on the coach's clock (the day exceptions are dated by)."""
    return timezone.localdate(timezone=rules_of_time.zone(coach.time_zone))


def latest_exception_date(today: date) -> date:
    """A year from `today` (Feb 29 → Feb 28 of the next year)."""
    try:
        return today.replace(year=today.year + 1)
    except ValueError:
        return today.replace(year=today.year + 1, day=28)


# --- who may change what ----------------------------------------------------------------------


def require_may_edit(actor, coach: CoachProfile) -> None:
    """A coach keeps their own week; center staff keep any coach's. PermissionDenied else."""
    if coach.user_id == getattr(actor, "pk", None):
        require(actor, "coaching.be_coach")
    else:
        require(actor, "coaching.manage_coaches")


def lock_profile(coach: CoachProfile) -> CoachProfile:
    """The coach's profile row, locked until the transaction ends: the week's writers queue."""
    try:
        return CoachProfile.objects.select_for_update().get(pk=coach.pk)
    except CoachProfile.DoesNotExist as error:
        raise NotFound("Coach not found.") from error


def _record(actor, coach: CoachProfile, *, before=None, after=None) -> None:
    audit.record(actor=actor, action=AUDIT_ACTION, target=coach, before=before, after=after)


# --- checks -----------------------------------------------------------------------------------


def _check_step(moment, field: str) -> time:
    if not isinstance(moment, time):
        raise DomainError("Choose a time.", field=field)
    if moment.minute % STEP_MINUTES or moment.second or moment.microsecond:
        raise DomainError(
            f"Choose a time on the hour or the half hour (not {clock(moment)}).", field=field
        )
    return moment


def _check_span(starts_at, ends_at, *, what: str) -> tuple[time, time]:
    starts_at = _check_step(starts_at, "starts_at")
    ends_at = _check_step(ends_at, "ends_at")
    if ends_at <= starts_at:
        raise DomainError(
            f"The {what} must end after it starts ({clock(starts_at)}).", field="ends_at"
        )
    return starts_at, ends_at


def _check_weekday(weekday) -> Weekday:
    try:
        return Weekday(int(weekday))
    except (TypeError, ValueError) as error:
        raise DomainError("Choose a day of the week.", field="weekday") from error


def _check_window_fits(coach: CoachProfile, day: Weekday, starts_at: time, ends_at: time):
    others = list(AvailabilityWindow.objects.filter(coach=coach, weekday=day))
    for other in others:
        if starts_at < other.ends_at and other.starts_at < ends_at:
            raise DomainError(
                f"{day.label} already has {clock_range(other.starts_at, other.ends_at)}; "
                "windows of one day must not overlap.",
                field="starts_at",
                code="overlap",
            )
        if starts_at == other.ends_at or ends_at == other.starts_at:
            joined = clock_range(min(starts_at, other.starts_at), max(ends_at, other.ends_at))
            raise DomainError(
                f"{day.label} already has {clock_range(other.starts_at, other.ends_at)}, "
                f"which this window touches; make it one window ({joined}) instead.",
                field="starts_at",
                code="touching",
            )
    if len(others) >= MAX_WINDOWS_A_DAY:
        raise DomainError(
            f"{day.label} has {MAX_WINDOWS_A_DAY} windows already, the most a day holds.",
            field="weekday",
            code="too_many",
        )


def _check_date(coach: CoachProfile, on_date, today: date | None) -> date:
    if not isinstance(on_date, date):
        raise DomainError("Choose a date.", field="on_date")
    today = today or coach_today(coach)
    if on_date < today:
        raise DomainError("Choose today or a later date.", field="on_date", code="past")
    latest = latest_exception_date(today)
    if on_date > latest:
        raise DomainError(
            f"Choose a date within a year (by {latest:%b} {latest.day}, {latest:%Y}).",
            field="on_date",
            code="too_far",
        )
    return on_date


def _check_exception_fits(coach: CoachProfile, exception: AvailabilityException) -> None:
    for other in AvailabilityException.objects.filter(coach=coach, on_date=exception.on_date):
        overlaps = (
            exception.whole_day
            or other.whole_day
            or (exception.starts_at < other.ends_at and other.starts_at < exception.ends_at)
        )
        if overlaps:
            raise DomainError(
                f"This date already has an exception ({describe_exception(other)}); "
                "exceptions of one date must not overlap. Delete that one first.",
                field="on_date" if exception.whole_day or other.whole_day else "starts_at",
                code="overlap",
            )


# --- weekly windows ---------------------------------------------------------------------------


@transaction.atomic(durable=True)
def add_window(
    *, actor, coach: CoachProfile, weekday, starts_at: time, ends_at: time
) -> AvailabilityWindow:
    """A new weekly window on the coach's clock (the rules in the module's docstring)."""
    require_may_edit(actor, coach)
    day = _check_weekday(weekday)
    starts_at, ends_at = _check_span(starts_at, ends_at, what="window")
    coach = lock_profile(coach)
    _check_window_fits(coach, day, starts_at, ends_at)
    window = AvailabilityWindow.objects.create(
        coach=coach, weekday=day, starts_at=starts_at, ends_at=ends_at
    )
    _record(actor, coach, after={"window_added": describe_window(window)})
    return window


@transaction.atomic(durable=True)
def remove_window(*, actor, window: AvailabilityWindow) -> None:
    """Remove a weekly window; sessions booked in it stand."""
    coach = window.coach
    require_may_edit(actor, coach)
    coach = lock_profile(coach)
    deleted, _ = AvailabilityWindow.objects.filter(pk=window.pk, coach=coach).delete()
    if not deleted:
        raise NotFound("This window was removed already.")
    _record(actor, coach, before={"window_removed": describe_window(window)})


# --- date exceptions --------------------------------------------------------------------------


@transaction.atomic(durable=True)
def add_exception(
    *,
    actor,
    coach: CoachProfile,
    on_date: date,
    kind: str,
    starts_at: time | None = None,
    ends_at: time | None = None,
    note: str = "",
    today: date | None = None,
) -> AvailabilityException:
    """A date that differs from the week: a whole day off, an unavailable span, or an extra
    available span (`kind`, an ExceptionKind). `today` defaults to the coach's today."""
    require_may_edit(actor, coach)
    if kind not in ExceptionKind.values:
        raise DomainError("Choose what kind of exception this is.", field="kind")
    on_date = _check_date(coach, on_date, today)
    note = (note or "").strip()
    if len(note) > 200:
        raise DomainError("Keep the note to 200 characters.", field="note")
    exception = AvailabilityException(coach=coach, on_date=on_date, note=note)
    if kind != ExceptionKind.DAY_OFF:
        if starts_at is None or ends_at is None:
            raise DomainError("Give the span's start and end.", field="starts_at")
        exception.starts_at, exception.ends_at = _check_span(starts_at, ends_at, what="span")
        exception.available = kind == ExceptionKind.EXTRA
    coach = lock_profile(coach)
    exception.coach = coach
    _check_exception_fits(coach, exception)
    exception.save()
    _record(actor, coach, after={"exception_added": describe_exception(exception)})
    return exception


@transaction.atomic(durable=True)
def remove_exception(*, actor, exception: AvailabilityException) -> None:
    """Remove a date exception: the date follows the week again."""
    coach = exception.coach
    require_may_edit(actor, coach)
    coach = lock_profile(coach)
    deleted, _ = AvailabilityException.objects.filter(pk=exception.pk, coach=coach).delete()
    if not deleted:
        raise NotFound("This exception was removed already.")
    _record(actor, coach, before={"exception_removed": describe_exception(exception)})
