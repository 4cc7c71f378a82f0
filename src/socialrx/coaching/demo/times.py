"""When the demo's sessions happen: inside the coach's weekly windows and date exceptions,
never on time the coach is already committed to (training's boot camps and on-site days book
Marcus too, and every session booked here is committed before the next is chosen), the day the
story wants or the nearest day that has room. The demo is seeded on any day, so every time is
found afresh from "now"."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from socialrx.schedules.services import DoubleBooked, Slot, commit

from ..models import CoachingSession, CoachProfile
from ..selectors.slots import open_spans_by_coach
from ..services.hours import SOURCE_KIND
from ..slots import Span, slots_in, zone

# Days either side of the story's day where a session may move when that day has no room.
SEARCH_DAYS = 6


def free_slot(
    profile: CoachProfile,
    *,
    day: date,
    hour: int,
    minutes: int,
    not_before: datetime,
    not_after: datetime | None = None,
) -> Span | None:
    """An open slot of `minutes` on the coach's `day` (their own clock), as near `hour` as
    there is, or on the nearest day with room; None when there is none within a week."""
    tz = zone(profile.time_zone)
    for offset in _nearest_first(SEARCH_DAYS):
        local = day + timedelta(days=offset)
        since = datetime.combine(local, time(0), tzinfo=tz)
        until = datetime.combine(local + timedelta(days=1), time(0), tzinfo=tz)
        spans = open_spans_by_coach([profile], since=since, until=until)[profile.user_id]
        slots = [
            slot
            for slot in slots_in(spans, minutes=minutes, not_before=not_before)
            if not_after is None or slot.ends_at <= not_after
        ]
        if slots:
            return min(slots, key=lambda slot: _distance(slot, hour, tz))
    return None


def _nearest_first(days: int) -> list[int]:
    offsets = [0]
    for step in range(1, days + 1):
        offsets += [step, -step]
    return offsets


def _distance(slot: Span, hour: int, tz) -> int:
    local = timezone.localtime(slot.starts_at, tz)
    return abs(local.hour * 60 + local.minute - hour * 60)


def commit_session(session: CoachingSession) -> bool:
    """Book the coach's time for the session, as booking does; False when the database finds
    the coach busy after all (the caller picks another time)."""
    try:
        commit(
            session.coach,
            [Slot(session.starts_at, session.ends_at)],
            source_kind=SOURCE_KIND,
            source_public_id=session.public_id,
            label=f"Coaching: {session.engagement.organization}",
        )
    except DoubleBooked:
        return False
    return True
