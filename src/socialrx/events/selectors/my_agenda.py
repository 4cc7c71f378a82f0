"""Reading a person's own agenda: the sessions they starred (of published events), grouped by
event and by day on the event's clock; whether they starred a session; their live feed.

Each function takes the same number of queries however many sessions are starred."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet

from ..calendars import local
from ..models import AgendaFeed, Event, EventStatus, Session, SessionSpeaker, StarredSession


def _signed_in(person) -> bool:
    return bool(person is not None and getattr(person, "is_authenticated", False))


def starred_sessions(person) -> QuerySet[Session]:
    """The sessions `person` starred, of published events only, in time order, with their
    event, track and room joined."""
    return (
        Session.objects.filter(stars__person=person, event__status=EventStatus.PUBLISHED)
        .select_related("event", "track", "room")
        .order_by("starts_at", "event__starts_at", "title", "pk")
    )


def is_starred(person, session: Session) -> bool:
    """One query (none for a visitor)."""
    if not _signed_in(person):
        return False
    return StarredSession.objects.filter(person=person, session=session).exists()


def starred_ids(person, sessions: Iterable[Session] | None = None, *, event=None) -> set[int]:
    """The ids, among `sessions` (or all of `event`'s), of those `person` starred: one query
    (none for a visitor), for pages that draw a star button beside many sessions."""
    if not _signed_in(person):
        return set()
    stars = StarredSession.objects.filter(person=person)
    if sessions is not None:
        stars = stars.filter(session_id__in=[session.pk for session in sessions])
    if event is not None:
        stars = stars.filter(session__event=event)
    return set(stars.values_list("session_id", flat=True))


@dataclass
class AgendaDayOfMine:
    day: date  # on the event's clock
    sessions: list[Session] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.day.isoformat()


@dataclass
class EventOfMine:
    event: Event
    days: list[AgendaDayOfMine] = field(default_factory=list)

    @property
    def session_count(self) -> int:
        return sum(len(day.sessions) for day in self.days)


def my_agenda(person) -> list[EventOfMine]:
    """The person's starred sessions grouped by event (soonest event first) and by day on that
    event's clock, each session with its track, room and speakers: two queries."""
    sessions = starred_sessions(person).prefetch_related(
        Prefetch(
            "speaker_slots",
            queryset=SessionSpeaker.objects.select_related("speaker").order_by(
                "position", "speaker__full_name"
            ),
        )
    )
    by_event: dict[int, EventOfMine] = {}
    for session in sessions:
        mine = by_event.setdefault(session.event_id, EventOfMine(session.event))
        day = local(session.starts_at, session.event).date()
        if not mine.days or mine.days[-1].day != day:
            mine.days.append(AgendaDayOfMine(day))
        mine.days[-1].sessions.append(session)
    return sorted(by_event.values(), key=lambda mine: (mine.event.starts_at, mine.event.title))


def live_feed(person) -> AgendaFeed | None:
    """The person's subscription feed not yet revoked (at most one, by a database rule)."""
    if not _signed_in(person):
        return None
    return AgendaFeed.objects.filter(person=person, revoked_at__isnull=True).first()
