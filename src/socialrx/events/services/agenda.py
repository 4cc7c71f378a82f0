"""The agenda builder: an event's sessions (rooms and tracks: `agenda_places`, re-exported
here; speakers: `services.speakers`).

A speaker or a room is never in two places at once. The database holds that rule
(`events_speaker_no_overlap` on the speakers' copies of their sessions' times,
`events_room_no_overlap` on sessions; migration 0002), so two staff saving at the same moment
cannot both win. A session is written inside a savepoint: when the database refuses it, the
savepoint is rolled back and the refusal becomes a `Conflict` naming the session already there
and its time, and nothing of the change is kept. Intervals are half-open: a session ending at
10:45 and one starting at 10:45 do not overlap.

Before writing, a save takes a lock per room and per speaker it books (in key order): two saves
inserting clashing rows at the same moment each waited for the other's row inside PostgreSQL's
exclusion check, and one died of a deadlock (a server error) instead of being refused. With the
locks the second waits for the first to finish and meets its row as a plain clash."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.locks import hold_transaction_lock, lock_key
from socialrx.core.permissions import require

from ..calendars import describe_moment, local
from ..models import Event, Session, SessionKind, SessionSpeaker
from .agenda_places import (  # noqa: F401 - the builder's whole API, importable from here
    create_room,
    create_track,
    delete_room,
    delete_track,
    update_room,
    update_track,
    writable,
)
from .event_admin import PERMISSION

SPEAKER_RULE = "events_speaker_no_overlap"
ROOM_RULE = "events_room_no_overlap"
SLUG_RULE = "events_session_slug_once"
SESSION_FIELDS = ("title", "kind", "abstract", "track", "room", "starts_at", "ends_at")
SESSION_LINKS = ("recording_url", "slides_url")


def clock(moment, event) -> str:
    """ "10:00 AM CDT" on the event's clock."""
    shown = local(moment, event)
    return f"{shown:%-I:%M %p} {shown.tzname()}"


def clock_range(starts, ends, event) -> str:
    """ "10:00–10:45 AM" or "11:30 AM–12:15 PM" on the event's clock."""
    start, end = local(starts, event), local(ends, event)
    if f"{start:%p}" == f"{end:%p}":
        return f"{start:%-I:%M}–{end:%-I:%M %p}"
    return f"{start:%-I:%M %p}–{end:%-I:%M %p}"


# --- sessions -----------------------------------------------------------------------------------


def _snapshot(session: Session, speakers) -> dict:
    return {
        "title": session.title,
        "kind": session.kind,
        "room": session.room.name if session.room_id else "",
        "track": session.track.name if session.track_id else "",
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "speakers": [speaker.full_name for speaker in speakers],
        "recording_url": session.recording_url,
        "slides_url": session.slides_url,
    }


def _check_session(event: Event, data: dict) -> list:
    title = (data.get("title") or "").strip()
    if not title:
        raise DomainError("Give the session a title.", field="title")
    if len(title) > 200:
        raise DomainError("Keep the title to 200 characters.", field="title")
    if data.get("kind", SessionKind.TALK) not in SessionKind.values:
        raise DomainError("Choose a kind of session.", field="kind")
    starts, ends = data.get("starts_at"), data.get("ends_at")
    if starts is None or ends is None:
        raise DomainError("Say when the session starts and ends.", field="starts_at")
    if ends <= starts:
        raise DomainError("The session must end after it starts.", field="ends_at")
    if starts < event.starts_at or ends > event.ends_at:
        first, last = describe_moment(event.starts_at, event), describe_moment(event.ends_at, event)
        raise DomainError(
            f"Sessions take place during the event: from {first} to {last}.",
            field="starts_at",
        )
    for name, what in (("room", "room"), ("track", "track")):
        chosen = data.get(name)
        if chosen is not None and chosen.event_id != event.pk:
            raise DomainError(f"Choose a {what} of this event.", field=name)
    speakers = list(data.get("speakers") or [])
    if len({speaker.pk for speaker in speakers}) != len(speakers):
        raise DomainError("A speaker is listed twice.", field="speakers")
    return speakers


def _unique_slug(event: Event, title: str) -> str:
    base = slugify(title)[:70].strip("-") or "session"
    taken = set(
        Session.objects.filter(event=event, slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _double_booked(error: IntegrityError, session: Session, speakers) -> Conflict:
    """The database's refusal, as a message naming what is already there."""
    text = str(error)
    event = session.event
    if ROOM_RULE in text:
        other = (
            Session.objects.filter(
                room_id=session.room_id,
                starts_at__lt=session.ends_at,
                ends_at__gt=session.starts_at,
            )
            .exclude(pk=session.pk)
            .order_by("starts_at")
            .first()
        )
        room = session.room.name if session.room_id else "The room"
        if other is None:
            message = f"{room} is taken at that time."
        else:
            span = clock_range(other.starts_at, other.ends_at, event)
            message = f"{room} is taken {span} by {other.title}."
        return Conflict(message, field="room", code="double_booked")
    if SPEAKER_RULE in text:
        slot = (
            SessionSpeaker.objects.filter(
                speaker__in=speakers,
                starts_at__lt=session.ends_at,
                ends_at__gt=session.starts_at,
            )
            .exclude(session_id=session.pk)
            .select_related("speaker", "session__event")
            .order_by("starts_at")
            .first()
        )
        if slot is None:
            message = "A speaker is already speaking at that time."
        else:
            where = slot.session.title
            if slot.session.event_id != event.pk:
                where += f" ({slot.session.event.title})"
            message = (
                f"{slot.speaker.full_name} is already speaking at "
                f"{clock(slot.starts_at, event)}: {where}."
            )
        return Conflict(message, field="speakers", code="double_booked")
    if SLUG_RULE in text:
        return Conflict(
            "Another session was saved with the same title at the same moment: try again.",
            code="slug_taken",
        )
    raise error


def _lock_places(session: Session, speakers: list) -> None:
    """Hold the lock of the session's room and of each speaker until the transaction ends, in
    key order (so two saves booking the same ones cannot wait for each other)."""
    names = [f"speaker:{speaker.pk}" for speaker in speakers]
    if session.room_id is not None:
        names.append(f"room:{session.room_id}")
    for key in sorted(lock_key(f"events.agenda:{name}") for name in names):
        hold_transaction_lock(key)


def _save(session: Session, speakers: list) -> None:
    """Write the session and its speakers' copies of its times, or nothing (a savepoint)."""
    _lock_places(session, speakers)
    try:
        with transaction.atomic():
            session.save()
            SessionSpeaker.objects.filter(session=session).exclude(
                speaker__in=[speaker.pk for speaker in speakers]
            ).delete()
            existing = {slot.speaker_id: slot for slot in session.speaker_slots.all()}
            for position, speaker in enumerate(speakers):
                slot = existing.get(speaker.pk)
                if slot is None:
                    SessionSpeaker.objects.create(
                        session=session,
                        speaker=speaker,
                        position=position,
                        starts_at=session.starts_at,
                        ends_at=session.ends_at,
                    )
                elif (slot.position, slot.starts_at, slot.ends_at) != (
                    position,
                    session.starts_at,
                    session.ends_at,
                ):
                    slot.position = position
                    slot.starts_at, slot.ends_at = session.starts_at, session.ends_at
                    slot.save(update_fields=["position", "starts_at", "ends_at"])
    except IntegrityError as error:
        raise _double_booked(error, session, speakers) from error


@transaction.atomic
def create_session(*, actor, event: Event, data: dict) -> Session:
    """`data`: title, kind, abstract, track, room, starts_at, ends_at (aware), speakers (in
    order), recording_url, slides_url."""
    require(actor, PERMISSION)
    writable(event)
    speakers = _check_session(event, data)
    session = Session(event=event, slug=_unique_slug(event, data["title"]))
    for name in SESSION_FIELDS + SESSION_LINKS:
        if name in data:
            setattr(session, name, data[name])
    session.title = session.title.strip()
    _save(session, speakers)
    audit.record(
        actor=actor,
        action="events.session.created",
        target=session,
        after=_snapshot(session, speakers),
    )
    return session


@transaction.atomic
def update_session(*, actor, session: Session, data: dict) -> Session:
    """Change a session; a move carries its speakers' times with it."""
    require(actor, PERMISSION)
    try:
        session = Session.objects.select_related("event", "room", "track").get(pk=session.pk)
    except Session.DoesNotExist as error:
        raise NotFound("Session not found.") from error
    event = session.event
    writable(event)
    speakers = _check_session(event, data)
    slots = session.speaker_slots.select_related("speaker")
    before = _snapshot(session, [slot.speaker for slot in slots])
    for name in SESSION_FIELDS + SESSION_LINKS:
        if name in data:
            setattr(session, name, data[name])
    session.title = session.title.strip()
    _save(session, speakers)
    audit.record(
        actor=actor,
        action="events.session.updated",
        target=session,
        before=before,
        after=_snapshot(session, speakers),
    )
    return session


@transaction.atomic
def delete_session(*, actor, session: Session) -> None:
    """Remove a session, its speakers' slots and the stars people gave it."""
    require(actor, PERMISSION)
    writable(session.event)
    speakers = [slot.speaker for slot in session.speaker_slots.select_related("speaker")]
    audit.record(
        actor=actor,
        action="events.session.deleted",
        target=session,
        before={"event": session.event.slug, **_snapshot(session, speakers)},
    )
    session.delete()
