"""The agenda builder's services: rooms and tracks, sessions and their speakers' copied times,
and the database rule that a speaker or a room is never in two places at once (refused with the
clashing session and its time, nothing written)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from socialrx.events.models import Room, Session, SessionSpeaker, StarredSession, Track
from socialrx.events.services import agenda
from tests.events.agenda_support import at, june_conference
from tests.events.factories import make_room, make_session, make_speaker, make_track

pytestmark = pytest.mark.django_db


def _session(event, title, starts, ends, *, room=None, speakers=(), **extra):
    return {
        "title": title,
        "kind": "talk",
        "abstract": "",
        "track": None,
        "room": room,
        "starts_at": starts,
        "ends_at": ends,
        "speakers": list(speakers),
        "recording_url": "",
        "slides_url": "",
        **extra,
    }


def _add(staff, event, title, starts, ends, **kwargs):
    return agenda.create_session(
        actor=staff, event=event, data=_session(event, title, starts, ends, **kwargs)
    )


@pytest.fixture
def event():
    return june_conference(title="Social Health 2031")


@pytest.fixture
def ada():
    return make_speaker(full_name="Dr. Ada Lovelace")


# --- sessions -------------------------------------------------------------------------------


def test_a_session_copies_its_times_to_its_speakers_in_order(staff, event, ada):
    grace = make_speaker(full_name="Grace Hopper")
    room = make_room(event, "Room A")
    session = _add(
        staff, event, "Opening keynote", at(10, 9), at(10, 10), room=room, speakers=[grace, ada]
    )
    slots = list(SessionSpeaker.objects.filter(session=session).order_by("position"))
    assert [(s.speaker.full_name, s.position) for s in slots] == [
        ("Grace Hopper", 0),
        ("Dr. Ada Lovelace", 1),
    ]
    assert {(s.starts_at, s.ends_at) for s in slots} == {(at(10, 9), at(10, 10))}
    assert session.slug == "opening-keynote"
    audit = AuditEvent.objects.get(action="events.session.created")
    assert audit.after["room"] == "Room A"
    assert audit.after["speakers"] == ["Dr. Ada Lovelace", "Grace Hopper"]


def test_a_second_session_with_the_same_title_gets_its_own_address(staff, event):
    _add(staff, event, "Lunch", at(10, 12), at(10, 13))
    second = _add(staff, event, "Lunch", at(11, 12), at(11, 13))
    assert second.slug == "lunch-2"


def test_a_speaker_in_two_places_at_once_is_refused_naming_the_other_session(staff, event, ada):
    _add(staff, event, "Opening keynote", at(10, 10), at(10, 10, 45), speakers=[ada])

    with pytest.raises(Conflict) as refused:
        _add(staff, event, "Ethics panel", at(10, 10, 30), at(10, 11, 30), speakers=[ada])

    assert refused.value.message == (
        "Dr. Ada Lovelace is already speaking at 10:00 AM CDT: Opening keynote."
    )
    assert (refused.value.code, refused.value.field) == ("double_booked", "speakers")
    assert list(Session.objects.values_list("title", flat=True)) == ["Opening keynote"]
    assert SessionSpeaker.objects.count() == 1
    assert not AuditEvent.objects.filter(after__title="Ethics panel").exists()


def test_a_room_in_two_sessions_at_once_is_refused_naming_the_other(staff, event):
    room = make_room(event, "Room A")
    _add(staff, event, "Opening keynote", at(10, 10), at(10, 10, 45), room=room)

    with pytest.raises(Conflict) as refused:
        _add(staff, event, "Workshop", at(10, 10, 15), at(10, 11), room=room)

    assert refused.value.message == "Room A is taken 10:00–10:45 AM by Opening keynote."
    assert (refused.value.code, refused.value.field) == ("double_booked", "room")
    assert Session.objects.count() == 1


def test_a_room_clash_across_noon_names_both_halves_of_the_day(staff, event):
    room = make_room(event, "Room A")
    _add(staff, event, "Long workshop", at(10, 11, 30), at(10, 12, 15), room=room)
    with pytest.raises(Conflict, match=r"Room A is taken 11:30 AM–12:15 PM by Long workshop\."):
        _add(staff, event, "Lunch talk", at(10, 12), at(10, 13), room=room)


def test_adjacent_sessions_share_a_speaker_and_a_room(staff, event, ada):
    room = make_room(event, "Room A")
    _add(staff, event, "First", at(10, 10), at(10, 10, 45), room=room, speakers=[ada])
    second = _add(staff, event, "Second", at(10, 10, 45), at(10, 11, 30), room=room, speakers=[ada])
    assert second.pk is not None
    assert SessionSpeaker.objects.filter(speaker=ada).count() == 2


def test_sessions_without_a_room_may_run_side_by_side(staff, event):
    _add(staff, event, "Plenary", at(10, 9), at(10, 10))
    _add(staff, event, "Online stream", at(10, 9), at(10, 10))
    assert Session.objects.count() == 2


def test_a_speaker_busy_at_another_event_is_refused_with_that_event_named(staff, event, ada):
    other = june_conference(title="Webinar week")
    make_session(other, title="Telehealth now", starts_at=at(10, 14), minutes=60, speakers=[ada])
    with pytest.raises(Conflict) as refused:
        _add(staff, event, "Afternoon talk", at(10, 14, 30), at(10, 15), speakers=[ada])
    assert refused.value.message == (
        "Dr. Ada Lovelace is already speaking at 2:00 PM CDT: Telehealth now (Webinar week)."
    )


def test_moving_a_session_carries_its_speakers_times(staff, event, ada):
    grace = make_speaker(full_name="Grace Hopper")
    session = _add(staff, event, "Keynote", at(10, 9), at(10, 10), speakers=[ada, grace])

    agenda.update_session(
        actor=staff,
        session=session,
        data=_session(event, "Keynote", at(11, 14), at(11, 15, 30), speakers=[ada, grace]),
    )

    session.refresh_from_db()
    assert (session.starts_at, session.ends_at) == (at(11, 14), at(11, 15, 30))
    times = set(SessionSpeaker.objects.values_list("starts_at", "ends_at"))
    assert times == {(at(11, 14), at(11, 15, 30))}
    audit = AuditEvent.objects.get(action="events.session.updated")
    assert audit.before["starts_at"] != audit.after["starts_at"]


def test_moving_a_session_onto_its_speakers_other_session_changes_nothing(staff, event, ada):
    _add(staff, event, "Morning talk", at(10, 10), at(10, 11), speakers=[ada])
    moving = _add(staff, event, "Afternoon talk", at(10, 14), at(10, 15), speakers=[ada])

    with pytest.raises(Conflict, match="already speaking at 10:00 AM CDT: Morning talk"):
        agenda.update_session(
            actor=staff,
            session=moving,
            data=_session(event, "Renamed", at(10, 10, 30), at(10, 11, 30), speakers=[ada]),
        )

    moving.refresh_from_db()
    assert (moving.title, moving.starts_at) == ("Afternoon talk", at(10, 14))
    slot = SessionSpeaker.objects.get(session=moving)
    assert (slot.starts_at, slot.ends_at) == (at(10, 14), at(10, 15))


def test_changing_speakers_adds_removes_and_reorders(staff, event, ada):
    grace, alan = make_speaker(full_name="Grace Hopper"), make_speaker(full_name="Alan Turing")
    session = _add(staff, event, "Panel", at(10, 9), at(10, 10), speakers=[ada, grace])
    agenda.update_session(
        actor=staff,
        session=session,
        data=_session(event, "Panel", at(10, 9), at(10, 10), speakers=[alan, ada]),
    )
    slots = SessionSpeaker.objects.filter(session=session).order_by("position")
    assert [slot.speaker.full_name for slot in slots] == ["Alan Turing", "Dr. Ada Lovelace"]


@pytest.mark.parametrize(
    ("starts", "ends", "field", "message"),
    [
        (at(10, 11), at(10, 10), "ends_at", "The session must end after it starts."),
        (at(10, 7), at(10, 8, 30), "starts_at", "Sessions take place during the event"),
        (at(11, 16), at(11, 18), "starts_at", "to Jun 11, 2031 at 5:00 PM CDT."),
    ],
)
def test_sessions_outside_the_event_or_ending_first_are_refused(
    staff, event, starts, ends, field, message
):
    with pytest.raises(DomainError) as refused:
        _add(staff, event, "Early bird breakfast", starts, ends)
    assert refused.value.field == field
    assert message in refused.value.message
    assert Session.objects.count() == 0


def test_a_room_or_track_of_another_event_is_refused(staff, event):
    other = june_conference()
    with pytest.raises(DomainError, match="Choose a room of this event."):
        _add(staff, event, "Talk", at(10, 9), at(10, 10), room=make_room(other))
    with pytest.raises(DomainError, match="Choose a track of this event."):
        _add(staff, event, "Talk", at(10, 9), at(10, 10), track=make_track(other))


def test_deleting_a_session_removes_its_slots_and_stars(staff, event, ada, user):
    session = _add(staff, event, "Keynote", at(10, 9), at(10, 10), speakers=[ada])
    StarredSession.objects.create(person=user, session=session)
    agenda.delete_session(actor=staff, session=session)
    assert (Session.objects.count(), SessionSpeaker.objects.count()) == (0, 0)
    assert StarredSession.objects.count() == 0
    assert AuditEvent.objects.get(action="events.session.deleted").before["title"] == "Keynote"


def test_a_cancelled_events_agenda_cannot_change(staff, ada):
    event = june_conference(status="cancelled")
    with pytest.raises(DomainError, match="The event is cancelled"):
        _add(staff, event, "Keynote", at(10, 9), at(10, 10))


def test_only_staff_change_the_agenda(user, event):
    with pytest.raises(PermissionDenied):
        _add(user, event, "Keynote", at(10, 9), at(10, 10))
    with pytest.raises(PermissionDenied):
        agenda.create_room(actor=user, event=event, name="Room A")
    assert (Session.objects.count(), Room.objects.count()) == (0, 0)


# --- rooms and tracks ------------------------------------------------------------------------


def test_rooms_are_added_in_order_renamed_and_named_once(staff, event):
    first = agenda.create_room(actor=staff, event=event, name=" Room A ", seats=120)
    second = agenda.create_room(actor=staff, event=event, name="Room B")
    assert [(r.name, r.position, r.seats) for r in (first, second)] == [
        ("Room A", 0, 120),
        ("Room B", 1, None),
    ]
    with pytest.raises(DomainError, match="already has a room named room a"):
        agenda.create_room(actor=staff, event=event, name="room a")
    agenda.update_room(actor=staff, room=second, name="Ballroom", seats=300)
    second.refresh_from_db()
    assert (second.name, second.seats) == ("Ballroom", 300)
    with pytest.raises(DomainError, match="already has a room named Room A"):
        agenda.update_room(actor=staff, room=second, name="Room A")
    assert AuditEvent.objects.filter(action__startswith="events.room.").count() == 3


def test_a_room_in_use_cannot_be_deleted_an_empty_one_can(staff, event):
    used, empty = make_room(event, "Room A"), make_room(event, "Room B")
    make_session(event, room=used)
    with pytest.raises(Conflict) as refused:
        agenda.delete_room(actor=staff, room=used)
    assert refused.value.message == (
        "Room A holds 1 session: move or delete it before deleting the room."
    )
    agenda.delete_room(actor=staff, room=empty)
    assert list(Room.objects.values_list("name", flat=True)) == ["Room A"]


def test_tracks_are_added_renamed_and_deleted_only_when_unused(staff, event):
    track = agenda.create_track(actor=staff, event=event, name="Strategy", description="Plans")
    spare = agenda.create_track(actor=staff, event=event, name="Spare")
    agenda.update_track(actor=staff, track=track, name="Strategy and policy")
    make_session(event, track=track)
    make_session(event, track=track, starts_at=at(10, 11))
    with pytest.raises(Conflict, match="Strategy and policy has 2 sessions"):
        agenda.delete_track(actor=staff, track=track)
    agenda.delete_track(actor=staff, track=spare)
    assert list(Track.objects.values_list("name", flat=True)) == ["Strategy and policy"]


@pytest.mark.parametrize(("name", "message"), [("  ", "Give the room a name."), ("x" * 81, "80")])
def test_a_room_needs_a_short_name(staff, event, name, message):
    with pytest.raises(DomainError, match=message):
        agenda.create_room(actor=staff, event=event, name=name)
