"""Reads for booking: what the booking policy lets a person do with a session now, a week of
bookable slots laid out by day on the viewer's own clock, and a person's upcoming sessions.
(The engagement or session a person may see: `selectors.access`.)

The policy (`settings.COACHING_FREE_CANCEL_HOURS`, 24): the organization's side (whoever
booked, the org's admins) cancels or moves a session free until 24 hours before it starts;
later, moving is refused and cancelling counts the hour. The coach and center staff move and
cancel free at any time (they give the organization a reason when cancelling)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from socialrx.core.permissions import is_center_staff, org_roles

from ..calendars import describe_time, free_until, on_clock
from ..models import CoachingSession, Engagement, SessionStatus
from ..rules import coaches_it
from ..slots import zone
from .slots import BookableSlot, bookable_slots

SLOT_KEY_FORMAT = "%Y%m%dT%H%MZ"


def upcoming_sessions_of(person, *, now: datetime | None = None) -> list[CoachingSession]:
    """The booked sessions not yet over that `person` takes part in: of their organizations,
    that they coach, or (staff) that they booked; soonest first, with the engagement,
    organization and coach. One query (two the first time the person's seats are read)."""
    mine = Q(coach_id=person.pk) | Q(engagement__organization_id__in=sorted(org_roles(person)))
    # Staff book for organizations they are not part of. Anyone else who booked is one of the
    # organization's people, and stops seeing its sessions on leaving it.
    if is_center_staff(person):
        mine |= Q(booked_by_id=person.pk)
    return list(
        CoachingSession.objects.filter(
            mine, status=SessionStatus.BOOKED, ends_at__gt=now or timezone.now()
        )
        .select_related("engagement__organization", "coach")
        .order_by("starts_at", "pk")
    )


# --- the policy -------------------------------------------------------------------------------


def center_side(person, session_or_engagement) -> bool:
    """The engagement's coach or center staff: they move and cancel free at any time."""
    return bool(is_center_staff(person) or coaches_it(person, session_or_engagement))


@dataclass(frozen=True)
class ChangeTerms:
    """What `person` may do with a booked session at `now`, and at what cost."""

    may_reschedule: bool
    may_cancel: bool
    late: bool  # cancelling now counts the hour (the organization's side, within 24 hours)
    center_side: bool
    free_until: datetime
    refusal: str  # why the session cannot be moved (empty when it can)
    cancel_refusal: str  # why it cannot be cancelled (empty when it can)


def _not_booked(session: CoachingSession) -> str:
    if session.status == SessionStatus.HELD:
        return "This session was held: it can no longer be moved or cancelled."
    return f"This session is {session.get_status_display().lower()}: nothing more to change."


def late_move_refusal(hours: int) -> str:
    return (
        f"Less than {hours} hours before the session it can no longer be moved from here. "
        "You can cancel it (the hour then counts against your engagement), or ask your coach, "
        "who can still move it."
    )


def change_terms(person, session: CoachingSession, *, now: datetime | None = None) -> ChangeTerms:
    """The booking policy for `person` and `session` at `now` (see the module's docstring).
    Permission itself (`coaching.change_session`) is the caller's to check."""
    now = now or timezone.now()
    center = center_side(person, session)
    deadline = free_until(session)
    late = not center and now >= deadline
    refusal = cancel_refusal = ""
    if session.status != SessionStatus.BOOKED:
        refusal = cancel_refusal = _not_booked(session)
    elif session.ends_at <= now:
        refusal = cancel_refusal = "This session is over: its coach records it as held or missed."
    elif session.starts_at <= now:
        refusal = "This session has started: it can no longer be moved."
    elif late:
        refusal = late_move_refusal(settings.COACHING_FREE_CANCEL_HOURS)
    return ChangeTerms(
        may_reschedule=not refusal,
        may_cancel=not cancel_refusal,
        late=late,
        center_side=center,
        free_until=deadline,
        refusal=refusal,
        cancel_refusal=cancel_refusal,
    )


def describe_notice(starts_at: datetime, now: datetime) -> str:
    """How long before the session `now` is: "5 hours", "1 hour", "45 minutes", "3 days"."""
    minutes = max(int((starts_at - now).total_seconds() // 60), 0)
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{hours // 24} days"


# --- a week of slots on the viewer's clock -----------------------------------------------------


def slot_key(coach, starts_at: datetime) -> str:
    """A slot as a form value: the coach's public id and the start in UTC."""
    return f"{coach.public_id}_{timezone.localtime(starts_at, zone('UTC')):{SLOT_KEY_FORMAT}}"


def parse_slot_key(value: str) -> tuple[UUID, datetime] | None:
    """(coach public id, start) of a slot's form value, or None when it is not one."""
    coach_part, _, start_part = (value or "").strip().partition("_")
    try:
        coach_id = UUID(coach_part)
        starts_at = datetime.strptime(start_part, SLOT_KEY_FORMAT).replace(tzinfo=zone("UTC"))
    except ValueError:
        return None
    return coach_id, starts_at


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def today_on_clock(zone_name: str, now: datetime | None = None) -> date:
    return on_clock(now or timezone.now(), zone_name).date()


@dataclass(frozen=True)
class SlotChoice:
    key: str
    coach: object  # User
    starts_at: datetime
    ends_at: datetime
    label: str  # "10:00 AM CST"
    clock: str  # "10:00 AM"
    zone_abbr: str  # "CST"


@dataclass(frozen=True)
class SlotDay:
    day: date
    slots: list[SlotChoice]


@dataclass(frozen=True)
class SlotWeek:
    monday: date
    days: list[SlotDay]  # the seven days, Monday first (a day may have no slots)

    @property
    def previous(self) -> date:
        return self.monday - timedelta(days=7)

    @property
    def next(self) -> date:
        return self.monday + timedelta(days=7)

    @property
    def count(self) -> int:
        return sum(len(day.slots) for day in self.days)


def week_bounds(monday: date, zone_name: str) -> tuple[datetime, datetime]:
    """The week starting `monday` on the viewer's clock, as real instants."""
    tz = zone(zone_name)
    since = datetime.combine(monday, time(0), tzinfo=tz)
    until = datetime.combine(monday + timedelta(days=7), time(0), tzinfo=tz)
    return since, until


def slot_week(
    engagement: Engagement,
    *,
    monday: date,
    zone_name: str,
    minutes: int,
    coach_user_id: int | None = None,
    now: datetime | None = None,
) -> SlotWeek:
    """The bookable slots of the week starting `monday` on the viewer's clock (`zone_name`),
    grouped by the viewer's days; four queries whatever the coaches and commitments."""
    since, until = week_bounds(monday, zone_name)
    found: list[BookableSlot] = bookable_slots(
        engagement, minutes=minutes, since=since, until=until, coach_user_id=coach_user_id, now=now
    )
    by_day: dict[date, list[SlotChoice]] = {monday + timedelta(days=n): [] for n in range(7)}
    for slot in found:
        day = on_clock(slot.starts_at, zone_name).date()
        by_day.setdefault(day, []).append(
            SlotChoice(
                key=slot_key(slot.coach, slot.starts_at),
                coach=slot.coach,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                label=describe_time(slot.starts_at, zone_name),
                clock=f"{on_clock(slot.starts_at, zone_name):%-I:%M %p}",
                zone_abbr=on_clock(slot.starts_at, zone_name).tzname(),
            )
        )
    return SlotWeek(monday, [SlotDay(day, slots) for day, slots in sorted(by_day.items())])
