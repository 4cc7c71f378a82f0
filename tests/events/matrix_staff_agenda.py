"""Events' permission-matrix rows for the staff_agenda area (merged in matrix_rows.py): the
events back office and the agenda builder, center staff only (signed-out people go to the
sign-in page, everyone else is refused); POST-only actions answer GET with 405."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    DONE,
    FORBIDDEN,
    STAFF,
    STAFF_ONLY,
    Case,
    get,
    only,
    post,
    post_only,
)

STAFF_ACTION = only(STAFF, grant=DONE, deny=FORBIDDEN)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def agenda_event(self):
        """A draft conference with a ticket type (ready to publish), a room, a track and one
        session with a speaker."""
        from tests.events.agenda_support import june_conference  # noqa: PLC0415
        from tests.events.factories import (  # noqa: PLC0415
            make_room,
            make_session,
            make_ticket_type,
            make_track,
        )

        event = june_conference(title="Matrix agenda conference", status="draft")
        make_ticket_type(event)
        room, track = make_room(event, "Room A"), make_track(event, "Strategy")
        make_session(
            event, title="Matrix keynote", room=room, track=track, speakers=[self.agenda_speaker]
        )
        return event

    @cached_property
    def agenda_speaker(self):
        from tests.events.factories import make_speaker  # noqa: PLC0415

        return make_speaker(full_name="Matrix Speaker")

    @cached_property
    def agenda_free_speaker(self):
        from tests.events.factories import make_speaker  # noqa: PLC0415

        return make_speaker(full_name="Matrix Free Speaker")

    @cached_property
    def agenda_session(self):
        return self.agenda_event.sessions.get()

    @cached_property
    def agenda_spare_room(self):
        from tests.events.factories import make_room  # noqa: PLC0415

        return make_room(self.agenda_event, "Spare room")

    @cached_property
    def agenda_spare_track(self):
        from tests.events.factories import make_track  # noqa: PLC0415

        return make_track(self.agenda_event, "Spare track")


def _fixed(name: str):
    return lambda world: reverse(name)


def _event(name: str):
    return lambda world: reverse(name, args=[world.agenda_event.slug])


def _session(name: str):
    return lambda world: reverse(name, args=[world.agenda_event.slug, world.agenda_session.slug])


def _speaker(name: str, attribute: str = "agenda_speaker"):
    return lambda world: reverse(name, args=[getattr(world, attribute).slug])


def _room_delete(world) -> str:
    return reverse(
        "events:staff_room_delete", args=[world.agenda_event.slug, world.agenda_spare_room.pk]
    )


def _track_delete(world) -> str:
    return reverse(
        "events:staff_track_delete", args=[world.agenda_event.slug, world.agenda_spare_track.pk]
    )


def _published(world) -> bool:
    world.agenda_event.refresh_from_db()
    return world.agenda_event.status == "published"


def _gone(model_path: str, attribute: str):
    def check(world) -> bool:
        from django.apps import apps  # noqa: PLC0415

        model = apps.get_model(model_path)
        return not model.objects.filter(pk=getattr(world, attribute).pk).exists()

    return check


def _room_added(world) -> bool:
    return world.agenda_event.rooms.filter(name="Matrix room").exists()


ROWS: dict[str, tuple[Case, ...]] = {
    "events:staff_events": (get(_fixed("events:staff_events"), STAFF_ONLY),),
    "events:staff_event_new": (get(_fixed("events:staff_event_new"), STAFF_ONLY),),
    "events:staff_event": (get(_event("events:staff_event"), STAFF_ONLY),),
    "events:staff_event_edit": (get(_event("events:staff_event_edit"), STAFF_ONLY),),
    "events:staff_event_status": post_only(
        _event("events:staff_event_status"),
        STAFF_ACTION,
        data=lambda world: {"action": "publish"},
        effect=_published,
    ),
    "events:staff_agenda": (get(_event("events:staff_agenda"), STAFF_ONLY),),
    "events:staff_session_new": (get(_event("events:staff_session_new"), STAFF_ONLY),),
    "events:staff_session_edit": (get(_session("events:staff_session_edit"), STAFF_ONLY),),
    "events:staff_session_delete": post_only(
        _session("events:staff_session_delete"),
        STAFF_ACTION,
        effect=_gone("events.Session", "agenda_session"),
    ),
    "events:staff_rooms": (
        get(_event("events:staff_rooms"), STAFF_ONLY),
        post(
            _event("events:staff_rooms"),
            STAFF_ACTION,
            label="POST, add a room",
            data=lambda world: {"name": "Matrix room"},
            effect=_room_added,
        ),
    ),
    "events:staff_room_delete": post_only(
        _room_delete, STAFF_ACTION, effect=_gone("events.Room", "agenda_spare_room")
    ),
    "events:staff_tracks": (get(_event("events:staff_tracks"), STAFF_ONLY),),
    "events:staff_track_delete": post_only(
        _track_delete, STAFF_ACTION, effect=_gone("events.Track", "agenda_spare_track")
    ),
    "events:staff_speakers": (get(_fixed("events:staff_speakers"), STAFF_ONLY),),
    "events:staff_speaker_new": (get(_fixed("events:staff_speaker_new"), STAFF_ONLY),),
    "events:staff_speaker_edit": (get(_speaker("events:staff_speaker_edit"), STAFF_ONLY),),
    "events:staff_speaker_delete": post_only(
        _speaker("events:staff_speaker_delete", "agenda_free_speaker"),
        STAFF_ACTION,
        effect=_gone("events.Speaker", "agenda_free_speaker"),
    ),
}
