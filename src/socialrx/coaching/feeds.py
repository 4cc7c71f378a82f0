"""The coach's private calendar feed (RFC 5545, METHOD:PUBLISH): their coaching sessions from
60 days ago on, which Google Calendar, Outlook and Apple Calendar subscribe to.

Each session is the VEVENT its email invitations carry (`calendars.session_event`: the same
UID, SEQUENCE, SUMMARY, DESCRIPTION, LOCATION and URL), so the entry an invitation put in the
coach's calendar and the feed's entry are one and the same, and a reschedule or a cancellation
updates it. Booked and held sessions are confirmed; cancelled ones stay in the feed
as STATUS:CANCELLED, so calendars take them off rather than keep a stale copy. Times are in UTC,
which every calendar program shows on its own user's clock."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

# One description of a session everywhere: its invitations' and this feed's.
from .calendars import PRODID, session_event, session_url
from .links import absolute
from .models import CoachingSession, CoachProfile

FEED_NAME = "Coaching sessions (SocialRx)"
# How far back the feed reaches: last weeks' sessions stay in the calendar as a record.
LOOK_BACK = timedelta(days=60)


def feed_url(profile: CoachProfile) -> str:
    """The absolute http(s) address of the coach's feed ("" before one is issued)."""
    if not profile.feed_token:
        return ""
    return absolute(reverse("coaching:feed", args=[profile.feed_token]))


def webcal_url(url: str) -> str:
    """The same address for calendar programs that subscribe on a click (webcal://)."""
    return "webcal://" + url.split("://", 1)[-1] if url else ""


def feed_sessions(profile: CoachProfile, *, now: datetime | None = None) -> list[CoachingSession]:
    """The coach's sessions starting from 60 days ago, with their engagement and organization
    (one query)."""
    since = (now or timezone.now()) - LOOK_BACK
    return list(
        CoachingSession.objects.filter(coach_id=profile.user_id, starts_at__gte=since)
        .select_related("engagement__organization")
        .order_by("starts_at", "pk")
    )


def session_component(session: CoachingSession, *, page: str) -> CalendarEvent:
    """The session's VEVENT as its invitations describe it, stamped with its last change.
    `session.engagement.organization` is read: select them with the session."""
    return session_event(session, stamp=session.updated_at or timezone.now(), page=page)


def coach_calendar(
    sessions: Iterable[CoachingSession],
    *,
    page_of: Callable[[CoachingSession], str] = session_url,
) -> bytes:
    """The feed's .ics: one VEVENT per session. `page_of(session)` is the session's page."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", FEED_NAME)
    # Refresh hint for the programs that honour it (Apple Calendar, Outlook).
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for session in sessions:
        calendar.add_component(session_component(session, page=page_of(session)))
    return calendar.to_ical()
