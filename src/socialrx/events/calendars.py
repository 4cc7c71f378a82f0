"""Event times in the event's own zone, and calendar files (RFC 5545) for an event, a session
and a person's starred sessions.

Times are stored in UTC and shown in the event's zone (`Event.time_zone`: a conference meets
where its venue is). Virtual and hybrid events also show the viewer's own zone: the page
carries each moment as ISO 8601 in a `<time datetime>` and `static/events/local-times.js`
writes the viewer's clock beside it. Calendar files give times in UTC, which every calendar
program shows in its own user's zone."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

PRODID = "-//SocialRx//Events//EN"
UTC = ZoneInfo("UTC")


def is_time_zone(name: str) -> bool:
    """An IANA zone name this machine knows ("America/Chicago")."""
    if not name or name not in available_timezones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def event_zone(event) -> ZoneInfo:
    try:
        return ZoneInfo(event.time_zone)
    except (ZoneInfoNotFoundError, ValueError):  # validated on save; never trust old rows
        return ZoneInfo(settings.TIME_ZONE)


def local(moment: datetime, event) -> datetime:
    """`moment` on the event's clock."""
    return timezone.localtime(moment, event_zone(event))


def describe_moment(moment: datetime, event) -> str:
    """For example "Mar 4, 2027 at 9:00 AM CST", on the event's clock."""
    shown = local(moment, event)
    return f"{shown:%b} {shown.day}, {shown:%Y} at {shown:%-I:%M %p} {shown.tzname()}"


def describe_span(event) -> str:
    """The event's dates on its own clock: "Apr 15–16, 2027", "Apr 30 – May 1, 2027" or, for a
    one-day event, "Apr 15, 2027, 12:00–1:00 PM CDT"."""
    start, end = local(event.starts_at, event), local(event.ends_at, event)
    if start.date() == end.date():
        # "12:00–1:00 PM", but "8:00 AM–3:00 PM" when the span crosses noon.
        same_half = start.strftime("%p") == end.strftime("%p")
        opening = f"{start:%-I:%M}" if same_half else f"{start:%-I:%M %p}"
        return f"{start:%b} {start.day}, {start:%Y}, {opening}–{end:%-I:%M %p} {end.tzname()}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%b} {start.day}–{end.day}, {start:%Y}"
    if start.year == end.year:
        return f"{start:%b} {start.day} – {end:%b} {end.day}, {start:%Y}"
    return f"{start:%b} {start.day}, {start:%Y} – {end:%b} {end.day}, {end:%Y}"


def event_uid(event) -> str:
    return f"event-{event.public_id}@socialrx"


def session_uid(session) -> str:
    """Stable across downloads and edits of the session, distinct for every session."""
    return f"session-{session.public_id}@socialrx"


def _calendar(name: str, *, method: str = "PUBLISH") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    return calendar


def _location(event, room_name: str = "") -> str:
    if event.format == "virtual":
        return "Online"
    parts = [room_name, event.venue_name, event.venue_address]
    return ", ".join(part for part in parts if part)


def _status(event) -> str:
    return "CANCELLED" if event.status == "cancelled" else "CONFIRMED"


def event_component(event, *, url: str) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", event.updated_at or timezone.now())
    entry.add("dtstart", event.starts_at.astimezone(UTC))
    entry.add("dtend", event.ends_at.astimezone(UTC))
    entry.add("summary", event.title)
    entry.add("location", _location(event))
    entry.add("description", "\n\n".join(part for part in (event.summary, url) if part))
    entry.add("url", url)
    entry.add("status", _status(event))
    return entry


def session_component(session, *, url: str) -> CalendarEvent:
    """`session.event` and `session.room` are read: select them with the session."""
    event = session.event
    entry = CalendarEvent()
    entry.add("uid", session_uid(session))
    entry.add("dtstamp", session.updated_at or timezone.now())
    entry.add("dtstart", session.starts_at.astimezone(UTC))
    entry.add("dtend", session.ends_at.astimezone(UTC))
    entry.add("summary", f"{session.title} ({event.title})")
    entry.add("location", _location(event, session.room.name if session.room_id else ""))
    entry.add("description", url)
    entry.add("url", url)
    entry.add("status", _status(event))
    return entry


def event_calendar(event, *, url: str) -> bytes:
    calendar = _calendar(event.title)
    calendar.add_component(event_component(event, url=url))
    return calendar.to_ical()


def session_calendar(session, *, url: str) -> bytes:
    calendar = _calendar(session.title)
    calendar.add_component(session_component(session, url=url))
    return calendar.to_ical()


def sessions_calendar(name: str, sessions_with_urls: Iterable[tuple[object, str]]) -> bytes:
    """A feed of several sessions (a person's starred sessions): one VEVENT each."""
    calendar = _calendar(name)
    for session, url in sessions_with_urls:
        calendar.add_component(session_component(session, url=url))
    return calendar.to_ical()
