"""The agenda builder's rooms and tracks: added in order, renamed, named once per event, and
deleted only while no session uses them. Every change is audited."""

from __future__ import annotations

from django.db import transaction

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import require

from ..models import Event, EventStatus, Room, Session, Track
from .event_admin import PERMISSION


def writable(event: Event) -> None:
    if event.status == EventStatus.CANCELLED:
        raise DomainError("The event is cancelled: its agenda cannot change.")


def _clean_name(name: str, what: str) -> str:
    name = (name or "").strip()
    if not name:
        raise DomainError(f"Give the {what} a name.", field="name")
    if len(name) > 80:
        raise DomainError(f"Keep the {what}'s name to 80 characters.", field="name")
    return name


def _unique_name(model, event: Event, name: str, what: str, *, exclude=None) -> None:
    others = model.objects.filter(event=event, name__iexact=name)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise DomainError(f"This event already has a {what} named {name}.", field="name")


def _next_position(model, event: Event) -> int:
    last = model.objects.filter(event=event).order_by("-position").first()
    return last.position + 1 if last else 0


@transaction.atomic
def create_room(*, actor, event: Event, name: str, seats: int | None = None) -> Room:
    require(actor, PERMISSION)
    writable(event)
    name = _clean_name(name, "room")
    _unique_name(Room, event, name, "room")
    if seats is not None and seats < 1:
        raise DomainError("Seats must be at least 1 (or left empty).", field="seats")
    room = Room.objects.create(
        event=event, name=name, seats=seats, position=_next_position(Room, event)
    )
    audit.record(
        actor=actor,
        action="events.room.created",
        target=room,
        after={"event": event.slug, "name": name, "seats": seats},
    )
    return room


@transaction.atomic
def update_room(*, actor, room: Room, name: str, seats: int | None = None) -> Room:
    require(actor, PERMISSION)
    writable(room.event)
    name = _clean_name(name, "room")
    _unique_name(Room, room.event, name, "room", exclude=room)
    if seats is not None and seats < 1:
        raise DomainError("Seats must be at least 1 (or left empty).", field="seats")
    before = {"name": room.name, "seats": room.seats}
    room.name, room.seats = name, seats
    room.save(update_fields=["name", "seats"])
    audit.record(
        actor=actor,
        action="events.room.updated",
        target=room,
        before=before,
        after={"name": name, "seats": seats},
    )
    return room


@transaction.atomic
def delete_room(*, actor, room: Room) -> None:
    require(actor, PERMISSION)
    writable(room.event)
    used = Session.objects.filter(room=room).count()
    if used:
        raise Conflict(
            f"{room.name} holds {used} session{'s' if used != 1 else ''}: "
            f"move or delete {'it' if used == 1 else 'them'} before deleting the room.",
            code="in_use",
        )
    audit.record(
        actor=actor,
        action="events.room.deleted",
        target=room,
        before={"event": room.event.slug, "name": room.name},
    )
    room.delete()


@transaction.atomic
def create_track(*, actor, event: Event, name: str, description: str = "") -> Track:
    require(actor, PERMISSION)
    writable(event)
    name = _clean_name(name, "track")
    _unique_name(Track, event, name, "track")
    track = Track.objects.create(
        event=event,
        name=name,
        description=(description or "").strip()[:300],
        position=_next_position(Track, event),
    )
    audit.record(
        actor=actor,
        action="events.track.created",
        target=track,
        after={"event": event.slug, "name": name},
    )
    return track


@transaction.atomic
def update_track(*, actor, track: Track, name: str, description: str = "") -> Track:
    require(actor, PERMISSION)
    writable(track.event)
    name = _clean_name(name, "track")
    _unique_name(Track, track.event, name, "track", exclude=track)
    before = {"name": track.name, "description": track.description}
    track.name, track.description = name, (description or "").strip()[:300]
    track.save(update_fields=["name", "description"])
    audit.record(
        actor=actor,
        action="events.track.updated",
        target=track,
        before=before,
        after={"name": track.name, "description": track.description},
    )
    return track


@transaction.atomic
def delete_track(*, actor, track: Track) -> None:
    require(actor, PERMISSION)
    writable(track.event)
    used = Session.objects.filter(track=track).count()
    if used:
        raise Conflict(
            f"{track.name} has {used} session{'s' if used != 1 else ''}: "
            f"move {'it' if used == 1 else 'them'} to another track before deleting it.",
            code="in_use",
        )
    audit.record(
        actor=actor,
        action="events.track.deleted",
        target=track,
        before={"event": track.event.slug, "name": track.name},
    )
    track.delete()
