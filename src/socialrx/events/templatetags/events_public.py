"""Template filters for events' pages: moments on the event's own clock, and a speaker's
initials for the avatar shown when there is no photo.

    {% load events_public %}
    {{ event|event_span }}                       Apr 15–16, 2027
    {{ session.starts_at|event_clock:event }}    9:00 AM
    {{ session|session_time:event }}             Thu, Apr 15, 2027, 9:00–9:45 AM CDT
    {{ session.starts_at|iso_utc }}              2027-04-15T14:00:00+00:00 (for <time datetime>)
    {{ speaker.full_name|initials }}             AO ("Dr. Amina Okafor")"""

from __future__ import annotations

from datetime import date, datetime

from django import template

from socialrx.events.calendars import UTC, describe_moment, describe_span, local

register = template.Library()

# Words that are not part of the name for an avatar's initials.
_HONORIFICS = {"dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame", "rev"}


@register.filter
def event_span(event) -> str:
    return describe_span(event)


@register.filter
def one_day(event) -> bool:
    """The event starts and ends on the same day, on its own clock."""
    return local(event.starts_at, event).date() == local(event.ends_at, event).date()


@register.filter
def event_moment(moment: datetime | None, event) -> str:
    """ "Apr 15, 2027 at 9:00 AM CDT" on the event's clock."""
    return describe_moment(moment, event) if moment else ""


@register.filter
def event_clock(moment: datetime | None, event) -> str:
    """ "9:00 AM" on the event's clock."""
    if not moment:
        return ""
    shown = local(moment, event)
    return f"{shown:%-I:%M %p}"


@register.filter
def event_zone_abbreviation(moment: datetime | None, event) -> str:
    """ "CDT": the event zone's abbreviation at that moment."""
    return local(moment, event).tzname() if moment else ""


@register.filter
def day_label(day: date | datetime | None, event=None) -> str:
    """ "Thursday, April 15, 2027" (a datetime is first put on the event's clock)."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = local(day, event).date() if event is not None else day.date()
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


@register.filter
def short_day(day: date | None) -> str:
    """ "Thu, Apr 15" for the day switcher."""
    return f"{day:%a}, {day:%b} {day.day}" if day else ""


@register.filter
def session_time(session, event) -> str:
    """ "Thu, Apr 15, 2027, 9:00–9:45 AM CDT" on the event's clock (the end's date too when
    the session runs past midnight there)."""
    start, end = local(session.starts_at, event), local(session.ends_at, event)
    day = f"{start:%a}, {start:%b} {start.day}, {start.year}"
    if start.date() != end.date():
        return (
            f"{day}, {start:%-I:%M %p} – {end:%a}, {end:%b} {end.day}, "
            f"{end:%-I:%M %p} {end.tzname()}"
        )
    if start.strftime("%p") == end.strftime("%p"):
        return f"{day}, {start:%-I:%M}–{end:%-I:%M %p} {end.tzname()}"
    return f"{day}, {start:%-I:%M %p} – {end:%-I:%M %p} {end.tzname()}"


@register.filter
def iso_utc(moment: datetime | None) -> str:
    """The moment in ISO 8601, UTC, for `<time datetime>` (scripts read it)."""
    return moment.astimezone(UTC).isoformat() if moment else ""


@register.filter
def initials(name: str | None) -> str:
    """Up to two initials of a name, titles left out: "Dr. Amina Okafor" -> "AO"."""
    words = [word for word in (name or "").replace(",", " ").split() if word[:1].isalnum()]
    named = [word for word in words if word.rstrip(".").lower() not in _HONORIFICS] or words
    if not named:
        return "?"
    letters = named[0][0] + (named[-1][0] if len(named) > 1 else "")
    return letters.upper()
