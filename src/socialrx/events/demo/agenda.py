"""An event's agenda built from the demo's programme text, through the staff's agenda services
(rooms, tracks, speakers, sessions): the database's rule that a speaker or a room is never in
two places at once checks every session as staff saving it would."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..models import Event, Room, Session, Speaker, Track
from ..services import agenda, speakers
from .program import SessionText, SpeakerText


def at_event(day: date, clock: str | time, zone: str) -> datetime:
    """A day and a time ("09:00") on an event's clock, as an aware datetime."""
    if isinstance(clock, str):
        hours, minutes = (int(part) for part in clock.split(":"))
        clock = time(hours, minutes)
    return datetime.combine(day, clock, tzinfo=ZoneInfo(zone))


def speaker_profiles(staff, texts: Iterable[SpeakerText]) -> dict[str, Speaker]:
    """Each speaker's profile by slug: made when missing (one profile across events)."""
    found = {speaker.slug: speaker for speaker in Speaker.objects.filter(slug__in=_slugs(texts))}
    for text in texts:
        if text.slug in found:
            continue
        found[text.slug] = speakers.create_speaker(
            actor=staff,
            data={
                "full_name": text.full_name,
                "credentials": text.credentials,
                "job_title": text.job_title,
                "organization_name": text.organization_name,
                "bio": text.bio,
            },
        )
    return found


def _slugs(texts: Iterable[SpeakerText]) -> list[str]:
    return [text.slug for text in texts]


def build_agenda(
    staff,
    event: Event,
    *,
    first_day: date,
    rooms: dict[str, str],
    tracks: dict[str, str],
    sessions: Iterable[SessionText],
    profiles: dict[str, Speaker],
    links=None,
) -> list[Session]:
    """Rooms, tracks and sessions of `event` (its first day `first_day`); `links(text)` gives
    a session's (recording URL, slides URL) when it has them."""
    made_rooms: dict[str, Room] = {
        key: agenda.create_room(actor=staff, event=event, name=name) for key, name in rooms.items()
    }
    made_tracks: dict[str, Track] = {
        key: agenda.create_track(actor=staff, event=event, name=name)
        for key, name in tracks.items()
    }
    made = []
    for text in sessions:
        starts = at_event(first_day + timedelta(days=text.day - 1), text.start, event.time_zone)
        data = {
            "title": text.title,
            "kind": text.kind,
            "abstract": text.abstract,
            "track": made_tracks[text.track] if text.track else None,
            "room": made_rooms[text.room] if text.room else None,
            "starts_at": starts,
            "ends_at": starts + timedelta(minutes=text.minutes),
            "speakers": [profiles[slug] for slug in text.speakers],
        }
        if links is not None:
            recording, slides = links(text)
            data |= {"recording_url": recording, "slides_url": slides}
        made.append(agenda.create_session(actor=staff, event=event, data=data))
    return made


def session_data(session: Session) -> dict:
    """What `agenda.update_session` needs to keep `session` as it is (change a copy)."""
    return {
        "title": session.title,
        "kind": session.kind,
        "abstract": session.abstract,
        "track": session.track,
        "room": session.room,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "speakers": [slot.speaker for slot in session.speaker_slots.select_related("speaker")],
        "recording_url": session.recording_url,
        "slides_url": session.slides_url,
    }
