"""Reading the agenda for the builder: the day-by-day grid (rooms as columns, start times as
rows), rooms and tracks with how many sessions use them, and speakers.

The grid takes a constant number of queries however many sessions there are: the rooms, the
sessions with their room and track, and the speakers of all sessions at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Prefetch, QuerySet

from socialrx.core.errors import NotFound

from ..calendars import local
from ..models import Event, Room, Session, SessionSpeaker, Speaker, Track

NO_ROOM = "No room"


@dataclass
class Column:
    name: str
    room: Room | None = None


@dataclass
class Slot:
    """One session as the grid shows it, with its times on the event's clock."""

    session: Session
    starts: str
    ends: str
    speakers: list[Speaker]


@dataclass
class Row:
    starts: str
    cells: list[list[Slot]]


@dataclass
class Day:
    number: int
    date: date
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)  # in time order, for the phone list

    @property
    def anchor(self) -> str:
        return f"day-{self.number}"


def _clock(moment, event) -> str:
    return f"{local(moment, event):%-I:%M %p}"


def event_dates(event: Event) -> list[date]:
    """Every date of the event on its own clock, first to last."""
    first, last = local(event.starts_at, event).date(), local(event.ends_at, event).date()
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def agenda_sessions(event: Event) -> QuerySet[Session]:
    speakers = SessionSpeaker.objects.select_related("speaker").order_by("position")
    return (
        Session.objects.filter(event=event)
        .select_related("room", "track")
        .prefetch_related(Prefetch("speaker_slots", queryset=speakers))
        .order_by("starts_at", "room__position", "room__name", "title")
    )


def agenda_grid(event: Event) -> list[Day]:
    """The event's days, each with its columns (the rooms, plus "No room" when a session of
    that day has none), its rows (one per start time) and its sessions in order."""
    rooms = list(Room.objects.filter(event=event).order_by("position", "name"))
    by_date: dict[date, list[Slot]] = {day: [] for day in event_dates(event)}
    for session in agenda_sessions(event):
        slot = Slot(
            session=session,
            starts=_clock(session.starts_at, event),
            ends=_clock(session.ends_at, event),
            speakers=[entry.speaker for entry in session.speaker_slots.all()],
        )
        by_date.setdefault(local(session.starts_at, event).date(), []).append(slot)
    days = []
    for number, (day, slots) in enumerate(sorted(by_date.items()), start=1):
        columns = [Column(room.name, room) for room in rooms]
        if any(slot.session.room_id is None for slot in slots):
            columns.append(Column(NO_ROOM))
        index = {column.room.pk if column.room else None: i for i, column in enumerate(columns)}
        rows: dict[object, Row] = {}
        for slot in slots:
            key = slot.session.starts_at
            if key not in rows:
                rows[key] = Row(starts=slot.starts, cells=[[] for _ in columns])
            rows[key].cells[index[slot.session.room_id]].append(slot)
        days.append(Day(number, day, columns, list(rows.values()), slots))
    return days


def staff_session(event: Event, session_slug: str) -> Session:
    session = (
        Session.objects.filter(event=event, slug=session_slug)
        .select_related("event", "room", "track")
        .first()
    )
    if session is None:
        raise NotFound("Session not found.")
    return session


def rooms_in_use(event: Event) -> QuerySet[Room]:
    return (
        Room.objects.filter(event=event)
        .annotate(session_count=Count("sessions"))
        .order_by("position", "name")
    )


def tracks_in_use(event: Event) -> QuerySet[Track]:
    return (
        Track.objects.filter(event=event)
        .annotate(session_count=Count("sessions"))
        .order_by("position", "name")
    )


def staff_room(event: Event, room_id: int) -> Room:
    room = Room.objects.filter(event=event, pk=room_id).select_related("event").first()
    if room is None:
        raise NotFound("Room not found.")
    return room


def staff_track(event: Event, track_id: int) -> Track:
    track = Track.objects.filter(event=event, pk=track_id).select_related("event").first()
    if track is None:
        raise NotFound("Track not found.")
    return track


def speakers_list() -> QuerySet[Speaker]:
    """Every speaker, by name, with how many sessions they speak at."""
    return Speaker.objects.annotate(session_count=Count("speaker_slots")).order_by(
        "full_name", "pk"
    )


def staff_speaker(slug: str) -> Speaker:
    speaker = Speaker.objects.filter(slug=slug).first()
    if speaker is None:
        raise NotFound("Speaker not found.")
    return speaker
