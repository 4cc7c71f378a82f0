"""Test data of "My agenda": a published two-day summit in Chicago time and a published webinar
in New York time, each with sessions at fixed dates written out by hand, plus a draft event's
session (never starrable, never in a feed).

    Summit (America/Chicago, CDT = UTC−5)
      Mon, Apr 15, 2030  9:00–9:45 AM   "Why physicians should post"   Hall A · Strategy · Okafor
      Mon, Apr 15, 2030  1:00–1:45 PM   "Crisis communication on X"    Room 2
      Tue, Apr 16, 2030  9:00–9:45 AM   "Measuring what matters"       Hall A · Okafor, Lee
    Webinar (America/New_York, EDT = UTC−4)
      Wed, May 8, 2030   12:00–12:45 PM "Answering patients online"
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar

from socialrx.events.models import AgendaFeed, Event, EventFormat, EventKind, Session
from tests.events.factories import make_event, make_room, make_session, make_speaker, make_track


@dataclass
class Agendas:
    summit: Event
    webinar: Event
    draft: Event
    keynote: Session
    crisis: Session
    panel: Session
    answering: Session
    draft_session: Session


def make_agendas() -> Agendas:
    summit = make_event(
        title="Health Care Social Media Summit",
        slug="summit-2030",
        starts_at=datetime(2030, 4, 15, 14, 0, tzinfo=UTC),
        ends_at=datetime(2030, 4, 16, 22, 0, tzinfo=UTC),
        refund_until=datetime(2030, 4, 1, 14, 0, tzinfo=UTC),
        time_zone="America/Chicago",
    )
    hall = make_room(summit, "Hall A")
    room_two = make_room(summit, "Room 2")
    strategy = make_track(summit, "Strategy")
    okafor = make_speaker(full_name="Dr. Ada Okafor")
    lee = make_speaker(full_name="Sam Lee")
    keynote = make_session(
        summit,
        title="Why physicians should post",
        starts_at=datetime(2030, 4, 15, 14, 0, tzinfo=UTC),
        room=hall,
        track=strategy,
        speakers=[okafor],
    )
    crisis = make_session(
        summit,
        title="Crisis communication on X",
        starts_at=datetime(2030, 4, 15, 18, 0, tzinfo=UTC),
        room=room_two,
    )
    panel = make_session(
        summit,
        title="Measuring what matters",
        starts_at=datetime(2030, 4, 16, 14, 0, tzinfo=UTC),
        room=hall,
        speakers=[okafor, lee],
    )
    webinar = make_event(
        title="Patients Online Webinar",
        slug="webinar-2030",
        kind=EventKind.WEBINAR,
        format=EventFormat.VIRTUAL,
        starts_at=datetime(2030, 5, 8, 16, 0, tzinfo=UTC),
        ends_at=datetime(2030, 5, 8, 17, 0, tzinfo=UTC),
        time_zone="America/New_York",
    )
    answering = make_session(
        webinar,
        title="Answering patients online",
        starts_at=datetime(2030, 5, 8, 16, 0, tzinfo=UTC),
    )
    draft = make_event(title="Draft meeting", slug="draft-2030", status="draft")
    draft_session = make_session(draft, title="Not yet announced")
    return Agendas(summit, webinar, draft, keynote, crisis, panel, answering, draft_session)


def star_url(session: Session) -> str:
    return f"/events/{session.event.slug}/sessions/{session.slug}/star/"


def feed_path(token: str) -> str:
    return f"/events/agenda/{token}.ics"


def issue_link(client) -> str:
    """Ask for a new link as the signed-in person; the live token."""
    client.post("/events/my/agenda/new-link/")
    return AgendaFeed.objects.filter(revoked_at__isnull=True).order_by("-pk").first().token


def parsed(response) -> list:
    return [c for c in Calendar.from_ical(response.content).walk() if c.name == "VEVENT"]
