"""Reading an event's agenda for the public pages: days (on the event's clock), time slots,
sessions with their track, room and speakers; one session; the speakers of an event.

Every function here takes the same number of queries however many sessions and speakers
the event has (joins and prefetches, never a query per row)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Case, Prefetch, QuerySet, Value, When

from socialrx.core.errors import NotFound

from ..calendars import local
from ..models import Event, Room, Session, SessionKind, SessionSpeaker, Speaker, Track
from .listing import event_for_viewer, published_events

__all__ = [
    "Agenda",
    "AgendaDay",
    "TimeSlot",
    "agenda",
    "agenda_preview",
    "event_for_viewer",
    "published_events",
    "session_at",
    "speaker_at",
    "speaker_list",
    "speakers_at",
]


def _with_speakers(queryset: QuerySet[Session]) -> QuerySet[Session]:
    """Sessions with track and room joined and their speakers, in order, in one more query
    (each session's `speaker_slots.all()`, each slot's `speaker`)."""
    return queryset.select_related("track", "room").prefetch_related(
        Prefetch(
            "speaker_slots",
            queryset=SessionSpeaker.objects.select_related("speaker").order_by(
                "position", "speaker__full_name"
            ),
        )
    )


def sessions_of(event: Event) -> QuerySet[Session]:
    return _with_speakers(
        Session.objects.filter(event=event).order_by(
            "starts_at", "room__position", "room__name", "title"
        )
    )


@dataclass(frozen=True)
class TimeSlot:
    """Sessions starting at the same moment (side by side on a wide screen)."""

    starts_at: datetime
    sessions: list[Session]


@dataclass(frozen=True)
class AgendaDay:
    day: date  # on the event's clock
    slots: list[TimeSlot] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.day.isoformat()

    @property
    def session_count(self) -> int:
        return sum(len(slot.sessions) for slot in self.slots)


@dataclass(frozen=True)
class Agenda:
    event: Event
    days: list[AgendaDay]  # every day of the event, and any other day with a session
    tracks: list[Track]
    rooms: list[Room]
    sessions: list[Session]  # all of them (before filters), in time order
    track: Track | None = None  # the filters applied, if any
    room: Room | None = None

    def day(self, key: str | None) -> AgendaDay | None:
        """The day `key` ("2027-04-15"), else None."""
        return next((day for day in self.days if day.key == key), None)

    @property
    def shown_count(self) -> int:
        return sum(day.session_count for day in self.days)


def _event_days(event: Event) -> list[date]:
    first, last = local(event.starts_at, event).date(), local(event.ends_at, event).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def agenda(event: Event, *, track_id: int | None = None, room_id: int | None = None) -> Agenda:
    """The event's agenda by day, then start time, each session with its track, room and
    speakers. `track_id` / `room_id` keep only that track's / room's sessions (an id of
    another event's track or room is ignored). Four queries: tracks, rooms, sessions, speakers."""
    tracks = list(Track.objects.filter(event=event).order_by("position", "name"))
    rooms = list(Room.objects.filter(event=event).order_by("position", "name"))
    sessions = list(sessions_of(event))
    for session in sessions:
        session.event = event  # the caller's copy: no query for session.event
    track = next((t for t in tracks if t.pk == track_id), None)
    room = next((r for r in rooms if r.pk == room_id), None)
    shown = [
        session
        for session in sessions
        if (track is None or session.track_id == track.pk)
        and (room is None or session.room_id == room.pk)
    ]
    by_day: dict[date, dict[datetime, list[Session]]] = {d: {} for d in _event_days(event)}
    for session in shown:
        day = local(session.starts_at, event).date()
        by_day.setdefault(day, {}).setdefault(session.starts_at, []).append(session)
    for session in sessions:  # a day with sessions stays in the switcher under any filter
        by_day.setdefault(local(session.starts_at, event).date(), {})
    days = [
        AgendaDay(day, [TimeSlot(start, group) for start, group in sorted(slots.items())])
        for day, slots in sorted(by_day.items())
    ]
    return Agenda(event, days, tracks, rooms, sessions, track=track, room=room)


def agenda_preview(event: Event, *, limit: int = 5) -> list[Session]:
    """A few sessions for the event page, keynotes first, breaks left out, shown in time
    order (two queries: the sessions, their speakers)."""
    keynotes_first = Case(When(kind=SessionKind.KEYNOTE, then=Value(0)), default=Value(1))
    picked = list(
        sessions_of(event)
        .exclude(kind=SessionKind.BREAK)
        .order_by(keynotes_first, "starts_at", "title")[:limit]
    )
    return sorted(picked, key=lambda session: (session.starts_at, session.title))


def speaker_list(event: Event) -> list[Speaker]:
    """The event's speakers by name, without their sessions (one query)."""
    return list(
        Speaker.objects.filter(speaker_slots__session__event=event)
        .distinct()
        .order_by("full_name", "pk")
    )


def session_at(event: Event, slug: str) -> Session:
    """One session of `event` with its track, room and speakers (two queries), or NotFound."""
    session = sessions_of(event).filter(slug=slug).first()
    if session is None:
        raise NotFound("Session not found.")
    session.event = event  # the caller's copy: no query for session.event
    return session


def _speaking_at(event: Event) -> QuerySet[Speaker]:
    """Speakers on at least one session of `event`, each with `slots_here`: their sessions at
    this event in time order (two queries)."""
    return (
        Speaker.objects.filter(speaker_slots__session__event=event)
        .distinct()
        .order_by("full_name", "pk")
        .prefetch_related(
            Prefetch(
                "speaker_slots",
                queryset=SessionSpeaker.objects.filter(session__event=event)
                .select_related("session", "session__room", "session__track")
                .order_by("starts_at", "session__title"),
                to_attr="slots_here",
            )
        )
    )


def speakers_at(event: Event) -> list[Speaker]:
    return list(_speaking_at(event))


def speaker_at(event: Event, slug: str) -> Speaker:
    """A speaker of `event` with their sessions there, or NotFound (also for a speaker who
    is not on this event's agenda)."""
    speaker = _speaking_at(event).filter(slug=slug).first()
    if speaker is None:
        raise NotFound("Speaker not found.")
    return speaker
