"""Coaching sessions in people's calendars: the session's VEVENT (RFC 5545), the invitation
file emailed to both sides, and times written on a person's own clock.

A session is described once (`session_event`): the emailed invitation and the coach's feed
(`feeds`) carry the same UID, SUMMARY, DESCRIPTION, LOCATION and URL, so a calendar holding
both never flips between two versions of one entry.

An invitation's UID names the session for its whole life (`session_uid`, the same in the
coach's subscription feed), and its SEQUENCE is `CoachingSession.sequence`: a reschedule sends
METHOD:REQUEST with a higher SEQUENCE and calendars move the one entry they hold; a
cancellation sends METHOD:CANCEL and they remove it. Times in the file are UTC, which every
calendar program shows on its own user's clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as CalendarEvent

from .links import absolute
from .slots import zone

PRODID = "-//SocialRx//Coaching//EN"
ORGANIZER_NAME = "SocialRx Center"
METHODS = ("REQUEST", "CANCEL", "PUBLISH")
CANCELLED_STATUSES = ("cancelled", "late_cancelled")
NO_LINK_YET = "Online (meeting link to follow)"


def session_uid(session) -> str:
    """Stable for the session's life, whatever is rescheduled; distinct for every session."""
    return f"coaching-session-{session.public_id}@socialrx"


def session_url(session) -> str:
    return absolute(reverse("coaching:session", args=[session.public_id]))


def free_until(session) -> datetime:
    """Until when the organization may cancel or move the session without the hour counting."""
    return session.starts_at - timedelta(hours=settings.COACHING_FREE_CANCEL_HOURS)


def policy_sentence() -> str:
    hours = settings.COACHING_FREE_CANCEL_HOURS
    return (
        f"Cancelling or moving is free until {hours} hours before the start; a later "
        "cancellation counts the hour against the engagement."
    )


# --- times on a person's clock ----------------------------------------------------------------


def on_clock(moment: datetime, zone_name: str) -> datetime:
    return timezone.localtime(moment, zone(zone_name))


def describe_time(moment: datetime, zone_name: str) -> str:
    """ "10:00 AM MST"."""
    shown = on_clock(moment, zone_name)
    return f"{shown:%-I:%M %p} {shown.tzname()}"


def describe_day(moment: datetime, zone_name: str) -> str:
    """ "Wed, Jan 13, 2027"."""
    shown = on_clock(moment, zone_name)
    return f"{shown:%a, %b} {shown.day}, {shown:%Y}"


def describe_moment(moment: datetime, zone_name: str, *, year: bool = True) -> str:
    """ "Wed, Jan 13, 2027, 10:00 AM MST" (without the year: "Wed, Jan 13, 10:00 AM MST")."""
    shown = on_clock(moment, zone_name)
    day = f"{shown:%a, %b} {shown.day}" + (f", {shown:%Y}" if year else "")
    return f"{day}, {describe_time(moment, zone_name)}"


def describe_session_time(session, zone_name: str) -> str:
    """ "Wed, Jan 13, 2027, 10:00 AM MST (60 minutes)"."""
    return f"{describe_moment(session.starts_at, zone_name)} ({session.minutes} minutes)"


def zone_label(zone_name: str, moment: datetime | None = None) -> str:
    """ "America/New_York (EST)": the zone and its abbreviation at `moment` (now)."""
    shown = on_clock(moment or timezone.now(), zone_name)
    return f"{shown.tzinfo} ({shown.tzname()})"


# --- the session as a calendar entry ------------------------------------------------------------


def summary(session) -> str:
    engagement = session.engagement
    return f"Coaching: {engagement.title} ({engagement.organization})"


def _address(email: str, name: str, *, attendee: bool) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(name or email)
    if attendee:
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["partstat"] = vText("NEEDS-ACTION")
        # The platform records no replies: calendars should not offer to send one.
        address.params["rsvp"] = vText("FALSE")
    return address


def _description(session, page: str) -> str:
    agenda = session.agenda.strip()
    parts = [f"Agenda:\n{agenda}" if agenda else "", f"Session page: {page}"]
    if session.meeting_url:
        parts.append(f"Meeting link: {session.meeting_url}")
    if session.status in CANCELLED_STATUSES and session.cancel_reason:
        parts.append(f"Reason for cancelling: {session.cancel_reason}")
    parts.append(policy_sentence())
    return "\n\n".join(part for part in parts if part)


def session_event(
    session, *, stamp: datetime, page: str | None = None, cancelled: bool = False
) -> CalendarEvent:
    """The session's VEVENT, the same in every invitation and in the coach's feed: its UID and
    SEQUENCE, UTC times, what it is, where it meets, and whether it still holds (cancelled
    sessions, or `cancelled=True`, are STATUS:CANCELLED and take no time). `page` is the
    session's page (its absolute address by default); `stamp` the DTSTAMP. Reads
    `session.engagement.organization`."""
    page = page or session_url(session)
    cancelled = cancelled or session.status in CANCELLED_STATUSES
    entry = CalendarEvent()
    entry.add("uid", session_uid(session))
    entry.add("sequence", session.sequence)
    entry.add("dtstamp", stamp.astimezone(UTC))
    entry.add("dtstart", session.starts_at.astimezone(UTC))
    entry.add("dtend", session.ends_at.astimezone(UTC))
    entry.add("summary", summary(session))
    entry.add("description", _description(session, page))
    entry.add("location", session.meeting_url or NO_LINK_YET)
    entry.add("url", session.meeting_url or page)
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    entry.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return entry


def invitation(session, *, method: str) -> bytes:
    """The session as a calendar file for its coach and booker: REQUEST (booked or moved),
    CANCEL (called off) or PUBLISH (a copy downloaded from the session page). Reads
    `session.engagement.organization`, `session.coach` and `session.booked_by`."""
    if method not in METHODS:
        raise ValueError(f"A coaching invitation's METHOD is one of {METHODS}.")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    entry = session_event(session, stamp=timezone.now(), cancelled=method == "CANCEL")
    organizer_email = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    entry.add("organizer", _address(organizer_email, ORGANIZER_NAME, attendee=False))
    seen: set[str] = set()
    for person in (session.coach, session.booked_by):
        if person.email.lower() in seen:
            continue
        seen.add(person.email.lower())
        entry.add("attendee", _address(person.email, person.full_name, attendee=True), encode=False)
    calendar.add_component(entry)
    return calendar.to_ical()
