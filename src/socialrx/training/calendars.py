"""Boot camp times in the center's time zone, and the cohort's calendar file (RFC 5545).

Days are stored in UTC and always shown, entered and sent in the center's zone
(`settings.TIME_ZONE`), whatever zone the person at the screen uses: the class meets at the
center. The calendar file gives each day in UTC, which every calendar program (Google Calendar,
Outlook, Apple Calendar) shows in its own user's zone."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//SocialRx//Boot camps//EN"


def center_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def center_zone_name() -> str:
    return settings.TIME_ZONE


def at_center(day: date, clock: time) -> datetime:
    """A date and a time on the center's clock, as an aware datetime."""
    return datetime.combine(day, clock, tzinfo=center_zone())


def local(moment: datetime) -> datetime:
    return timezone.localtime(moment, center_zone())


def describe_moment(moment: datetime) -> str:
    """For example "Mar 4, 2026 at 5:00 PM CST", on the center's clock."""
    shown = local(moment)
    return f"{shown:%b} {shown.day}, {shown:%Y} at {shown:%-I:%M %p} {shown.tzname()}"


def day_uid(boot_camp, day) -> str:
    """Stable across downloads and edits of the day, distinct for every day."""
    return f"boot-camp-{boot_camp.public_id}-day-{day.pk}@socialrx"


def boot_camp_calendar(boot_camp, days, *, url: str) -> bytes:
    """One VEVENT per day, with a stable UID, the day's times in UTC, the location (room
    included), the title, the agenda and the boot camp's page."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", boot_camp.title)
    stamp = boot_camp.updated_at or timezone.now()
    total = len(days)
    for number, day in enumerate(days, start=1):
        event = Event()
        event.add("uid", day_uid(boot_camp, day))
        event.add("dtstamp", stamp)
        event.add("dtstart", day.starts_at.astimezone(ZoneInfo("UTC")))
        event.add("dtend", day.ends_at.astimezone(ZoneInfo("UTC")))
        summary = boot_camp.title if total == 1 else f"{boot_camp.title} (day {number} of {total})"
        event.add("summary", summary)
        location = ", ".join(part for part in (day.room, boot_camp.location) if part)
        event.add("location", location)
        description = "\n\n".join(
            part for part in (boot_camp.summary, day.agenda.strip(), url) if part
        )
        event.add("description", description)
        event.add("url", url)
        if boot_camp.status == "cancelled":
            event.add("status", "CANCELLED")
        else:
            event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
