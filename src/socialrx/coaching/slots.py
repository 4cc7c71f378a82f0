"""Bookable slots, computed from a coach's weekly windows and date exceptions (on the coach's
own clock) minus the coach's committed time (`schedules`), never stored.

Windows are wall-clock times in the coach's zone, so "Tuesday 9:00-12:00" is 9:00 in winter
and in summer. Each window of a local date becomes one real span of time: its start and end are
made aware in the zone and turned into UTC, and slots step through the span in real minutes.
On the night clocks go forward a window over the gap is an hour shorter (1:00-4:00 holds two
real hours); on the night they go back it is an hour longer, and the repeated hour gives slots
at distinct instants (1:00 CDT and 1:00 CST). A wall time inside the gap (2:30 on the March
night) is read as on the old clock, as Python's zoneinfo does (fold=0).

Everything here is a pure function of its arguments except `coach_free_slots`, which reads the
coach's windows, exceptions and commitments in three queries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings

SLOT_LENGTHS = (30, 60)
# Slots start on the hour and the half hour of the coach's clock.
STEP_MINUTES = 30


@dataclass(frozen=True, order=True)
class Span:
    starts_at: datetime  # aware, UTC
    ends_at: datetime

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


@dataclass(frozen=True)
class Window:
    """A weekly window (weekday 0 = Monday) or a dated exception, in wall-clock times."""

    starts_at: time
    ends_at: time


@dataclass(frozen=True)
class DayException:
    on_date: date
    starts_at: time | None = None  # None with ends_at None: the whole day
    ends_at: time | None = None
    available: bool = False


@cache
def _known_zones() -> frozenset[str]:
    # available_timezones() walks the tz database on disk at every call (about 20 ms): a page
    # of slots asks for each one, so it is read once per process.
    return frozenset(available_timezones())


@cache
def is_time_zone(name: str) -> bool:
    """An IANA zone name this machine knows ("America/Chicago"); "EST" or "Mars/Base" are not."""
    if not name or name not in _known_zones():
        return False
    # The tz database also holds abbreviations and legacy names ("EST", "CST6CDT", "Etc/GMT+5")
    # that are no place, and mislead ("EST" never keeps daylight saving): only Area/Place
    # names and UTC are accepted.
    if name != "UTC" and ("/" not in name or name.startswith("Etc/")):
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@cache
def on_half_hour_offsets(name: str) -> bool:
    """The zone's offset from UTC is a whole number of half hours all year round (this year
    and next, daylight saving included), so its hour and half hour are on the grid slots step
    on (`on_grid`). False for Asia/Kathmandu (+5:45), Australia/Eucla (+8:45), Pacific/Chatham
    (+12:45 and +13:45), and for a name that is no zone."""
    if not is_time_zone(name):
        return False
    tz = ZoneInfo(name)
    first = datetime(datetime.now(UTC).year, 1, 1, 12, tzinfo=UTC)
    # Offsets change at most a few times a year and hold for weeks: a daily look sees each.
    days = (first + timedelta(days=n) for n in range(2 * 366))
    return all(
        day.astimezone(tz).utcoffset() % timedelta(minutes=STEP_MINUTES) == timedelta(0)
        for day in days
    )


def zone(name: str) -> ZoneInfo:
    """The zone called `name`, or the center's when the name is unknown (old rows)."""
    return ZoneInfo(name) if is_time_zone(name) else ZoneInfo(settings.TIME_ZONE)


def local_span(day: date, starts_at: time, ends_at: time, tz: ZoneInfo) -> Span:
    """The real time a wall-clock window of `day` covers in `tz`."""
    start = datetime.combine(day, starts_at, tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day, ends_at, tzinfo=tz).astimezone(UTC)
    return Span(start, end)


def open_spans(
    *,
    tz: ZoneInfo,
    weekly: dict[int, Sequence[Window]],
    exceptions: Iterable[DayException],
    first_day: date,
    last_day: date,
) -> list[Span]:
    """The coach's open time from `first_day` to `last_day` (local dates, both included):
    each day's weekly windows, less its unavailable exceptions, plus its available ones."""
    by_day: dict[date, list[DayException]] = {}
    for exception in exceptions:
        by_day.setdefault(exception.on_date, []).append(exception)
    spans: list[Span] = []
    day = first_day
    while day <= last_day:
        todays = by_day.get(day, [])
        if not any(e.starts_at is None and not e.available for e in todays):
            open_today = [
                local_span(day, w.starts_at, w.ends_at, tz) for w in weekly.get(day.weekday(), ())
            ]
            open_today += [
                local_span(day, e.starts_at, e.ends_at, tz)
                for e in todays
                if e.available and e.starts_at is not None
            ]
            closed = [
                local_span(day, e.starts_at, e.ends_at, tz)
                for e in todays
                if not e.available and e.starts_at is not None
            ]
            spans += subtract(merge(open_today), closed)
        day += timedelta(days=1)
    return merge(spans)


def merge(spans: Iterable[Span]) -> list[Span]:
    """Spans sorted, touching and overlapping ones joined."""
    merged: list[Span] = []
    for span in sorted(spans):
        if span.ends_at <= span.starts_at:
            continue
        if merged and span.starts_at <= merged[-1].ends_at:
            last = merged[-1]
            merged[-1] = Span(last.starts_at, max(last.ends_at, span.ends_at))
        else:
            merged.append(span)
    return merged


def subtract(spans: Iterable[Span], busy: Iterable[Span]) -> list[Span]:
    """`spans` less every `busy` span."""
    result = list(spans)
    for cut in sorted(busy):
        pieces: list[Span] = []
        for span in result:
            if cut.ends_at <= span.starts_at or cut.starts_at >= span.ends_at:
                pieces.append(span)
                continue
            if span.starts_at < cut.starts_at:
                pieces.append(Span(span.starts_at, cut.starts_at))
            if cut.ends_at < span.ends_at:
                pieces.append(Span(cut.ends_at, span.ends_at))
        result = pieces
    return result


def slots_in(
    spans: Iterable[Span],
    *,
    minutes: int,
    not_before: datetime,
    step_minutes: int = STEP_MINUTES,
) -> list[Span]:
    """Every slot of `minutes` inside the open `spans`, starting at multiples of
    `step_minutes` of real time from its span's start, none starting before `not_before`."""
    if minutes not in SLOT_LENGTHS:
        raise ValueError(f"A slot lasts {' or '.join(map(str, SLOT_LENGTHS))} minutes.")
    length, step = timedelta(minutes=minutes), timedelta(minutes=step_minutes)
    slots = []
    for span in spans:
        start = on_grid(span.starts_at, step_minutes)
        while start + length <= span.ends_at:
            if start >= not_before:
                slots.append(Span(start, start + length))
            start += step
    return slots


def on_grid(moment: datetime, step_minutes: int = STEP_MINUTES) -> datetime:
    """`moment`, or the next instant on the half-hour grid of real time, so a span left after
    a boot camp ending at 10:45 offers 11:00, not 10:45 (every zone whose offset is a whole
    number of half hours sees these as :00 and :30)."""
    epoch_minutes = moment.timestamp() / 60
    late = epoch_minutes % step_minutes
    return moment if late == 0 else moment + timedelta(minutes=step_minutes - late)


def free_minutes(spans: Iterable[Span]) -> int:
    return sum(span.minutes for span in spans)
