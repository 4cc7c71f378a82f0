"""The agenda builder's pages: the grid (rooms as columns, a list on phones, constant queries
as sessions grow), adding, moving and deleting sessions (times typed on the event's clock,
double booking refused beside the field), rooms, tracks and speakers with their photos."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from socialrx.events.models import Room, Session, SessionSpeaker, Speaker, Track
from tests.events.agenda_support import at, image_bytes, june_conference, upload
from tests.events.factories import make_room, make_session, make_speaker, make_track

pytestmark = pytest.mark.integration


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def event():
    return june_conference(title="Social Health 2031")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _session_form(**changes) -> dict:
    data = {
        "title": "Opening keynote",
        "kind": "keynote",
        "abstract": "Why **now**.",
        "track": "",
        "room": "",
        "day": "2031-06-10",
        "starts": "10:00",
        "ends": "10:45",
        "speakers": [],
        "recording_url": "",
        "slides_url": "",
    }
    return {**data, **changes}


def _fill(event, rooms, tracks, count: int):
    """`count` sessions of 50 minutes, round the rooms, hour after hour from 8:00 AM."""
    for number in range(count):
        slot = number // len(rooms)
        make_session(
            event,
            title=f"Talk {number}",
            starts_at=at(10 + slot // 8, 8 + slot % 8),
            minutes=50,
            room=rooms[number % len(rooms)],
            track=tracks[number % len(tracks)],
            speakers=[make_speaker(), make_speaker()],
        )


# The session, the person, their authenticator (MFA); the event, its rooms, the sessions with
# their rooms and tracks, and all their speakers.
AGENDA_QUERIES = 7


def test_the_agenda_page_takes_the_same_queries_for_3_or_30_sessions(
    staff_client, event, django_assert_num_queries
):
    rooms = [make_room(event, f"Room {name}") for name in "ABC"]
    tracks = [make_track(event, "Strategy"), make_track(event, "Clinical")]
    _fill(event, rooms, tracks, 3)
    url = reverse("events:staff_agenda", args=[event.slug])
    with django_assert_num_queries(AGENDA_QUERIES):
        assert staff_client.get(url).status_code == 200
    other = june_conference(title="Another")
    _fill(other, [make_room(other)], [make_track(other)], 3)
    Session.objects.filter(event=event).delete()
    _fill(event, rooms, tracks, 30)
    assert Session.objects.filter(event=event).count() == 30
    with django_assert_num_queries(AGENDA_QUERIES):
        response = staff_client.get(url)
    assert response.content.decode().count("evs-session-title") == 60  # grid and phone list


def test_the_grid_has_a_column_per_room_and_a_list_for_phones(staff_client, event):
    room_a, room_b = make_room(event, "Room A"), make_room(event, "Room B")
    ada = make_speaker(full_name="Dr. Ada Lovelace")
    make_session(event, title="Opening keynote", starts_at=at(10, 9), room=room_a, speakers=[ada])
    make_session(event, title="Hallway track", starts_at=at(11, 9), minutes=30)
    html = staff_client.get(reverse("events:staff_agenda", args=[event.slug])).content.decode()
    assert '<th scope="col">Room A</th><th scope="col">Room B</th>' in html
    assert "Day 1: Tuesday, June 10, 2031" in html and "Day 2: Wednesday, June 11, 2031" in html
    assert '<th scope="col">No room</th>' in html  # day 2 has a session without a room
    assert "9:00 AM–9:45 AM" in html and "Dr. Ada Lovelace" in html
    assert html.count("Opening keynote</a></h3>") == 2  # once in the grid, once in the list
    assert 'class="evs-list"' in html
    assert room_b.name in html


def test_adding_a_session_on_the_events_clock(staff_client, event):
    room = make_room(event, "Room A")
    ada = make_speaker(full_name="Dr. Ada Lovelace")
    response = staff_client.post(
        reverse("events:staff_session_new", args=[event.slug]),
        _session_form(room=room.pk, speakers=[ada.pk]),
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.starts_at, session.ends_at) == (at(10, 10), at(10, 10, 45))
    assert session.room == room
    slot = SessionSpeaker.objects.get()
    assert (slot.speaker, slot.starts_at) == (ada, at(10, 10))


def test_a_double_booked_speaker_is_refused_beside_the_speakers(staff_client, event):
    ada = make_speaker(full_name="Dr. Ada Lovelace")
    make_session(event, title="Opening keynote", starts_at=at(10, 10), speakers=[ada])
    response = staff_client.post(
        reverse("events:staff_session_new", args=[event.slug]),
        _session_form(title="Ethics panel", starts="10:30", ends="11:15", speakers=[ada.pk]),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_speakers_error"' in html
    assert "Dr. Ada Lovelace is already speaking at 10:00 AM CDT: Opening keynote." in html
    assert Session.objects.count() == 1


def test_a_double_booked_room_is_refused_beside_the_room(staff_client, event):
    room = make_room(event, "Room A")
    make_session(event, title="Opening keynote", starts_at=at(10, 10), room=room)
    response = staff_client.post(
        reverse("events:staff_session_new", args=[event.slug]),
        _session_form(title="Workshop", starts="10:15", ends="11:00", room=room.pk),
    )
    assert response.status_code == 400
    assert "Room A is taken 10:00–10:45 AM by Opening keynote." in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends": "09:00"}, "The session must end after it starts."),
        ({"starts": "06:00", "ends": "07:00"}, "Sessions take place during the event"),
        ({"day": "2031-07-01"}, "Select a valid choice."),
        ({"starts": "25:00"}, "Enter a valid time."),
        ({"title": ""}, "This field is required."),
        ({"recording_url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"speakers": ["999999"]}, "Select a valid choice."),
    ],
)
def test_bad_session_input_is_refused_and_nothing_written(staff_client, event, changes, message):
    response = staff_client.post(
        reverse("events:staff_session_new", args=[event.slug]), _session_form(**changes)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Session.objects.count() == 0


def test_editing_moves_a_session_and_its_speakers(staff_client, event):
    ada = make_speaker(full_name="Dr. Ada Lovelace")
    session = make_session(event, title="Keynote", starts_at=at(10, 9), speakers=[ada])
    url = reverse("events:staff_session_edit", args=[event.slug, session.slug])
    html = staff_client.get(url).content.decode()
    assert 'value="09:00"' in html
    assert f'type="checkbox" name="speakers" value="{ada.pk}"' in html
    assert re.search(
        rf'<input type="checkbox" name="speakers" value="{ada.pk}"[^>]* checked>', html
    )
    response = staff_client.post(
        url,
        _session_form(
            title="Keynote", day="2031-06-11", starts="13:00", ends="14:00", speakers=[ada.pk]
        ),
    )
    assert response.status_code == 302
    assert SessionSpeaker.objects.get().starts_at == at(11, 13)


def test_deleting_a_session_by_post(staff_client, event):
    session = make_session(event, title="Keynote")
    url = reverse("events:staff_session_delete", args=[event.slug, session.slug])
    assert staff_client.get(url).status_code == 405
    assert staff_client.post(url).status_code == 302
    assert Session.objects.count() == 0
    other = june_conference()
    stranger = make_session(other, title="Elsewhere")
    wrong = reverse("events:staff_session_delete", args=[event.slug, stranger.slug])
    assert staff_client.post(wrong).status_code == 404
    assert Session.objects.count() == 1


def test_rooms_are_added_renamed_and_deleted_when_unused(staff_client, event):
    url = reverse("events:staff_rooms", args=[event.slug])
    assert staff_client.post(url, {"name": "Room A", "seats": "80"}).status_code == 302
    room = Room.objects.get()
    response = staff_client.post(url, {"name": "room a"})
    assert response.status_code == 400
    assert "This event already has a room named room a." in response.content.decode()
    assert (
        staff_client.post(url, {"id": room.pk, "name": "Ballroom", "seats": ""}).status_code == 302
    )
    room.refresh_from_db()
    assert (room.name, room.seats) == ("Ballroom", None)
    make_session(event, room=room)
    delete = reverse("events:staff_room_delete", args=[event.slug, room.pk])
    page = staff_client.post(delete, follow=True).content.decode()
    assert "Ballroom holds 1 session: move or delete it before deleting the room." in page
    assert Room.objects.count() == 1


def test_a_room_of_another_event_cannot_be_renamed_or_deleted(staff_client, event):
    other_room = make_room(june_conference(), "Their room")
    url = reverse("events:staff_rooms", args=[event.slug])
    assert staff_client.post(url, {"id": other_room.pk, "name": "Mine"}).status_code == 404
    delete = reverse("events:staff_room_delete", args=[event.slug, other_room.pk])
    assert staff_client.post(delete).status_code == 404
    other_room.refresh_from_db()
    assert other_room.name == "Their room"


def test_tracks_are_added_and_deleted(staff_client, event):
    url = reverse("events:staff_tracks", args=[event.slug])
    response = staff_client.post(url, {"name": "Strategy", "description": "Plans"})
    assert response.status_code == 302
    track = Track.objects.get()
    html = staff_client.get(url).content.decode()
    assert "Strategy" in html and f'id="id_track_{track.pk}_name"' in html
    delete = reverse("events:staff_track_delete", args=[event.slug, track.pk])
    assert staff_client.post(delete).status_code == 302
    assert Track.objects.count() == 0


def test_adding_a_speaker_with_a_photo(staff_client):
    response = staff_client.post(
        reverse("events:staff_speaker_new"),
        {
            "full_name": "Dr. Ada Lovelace",
            "credentials": "MD",
            "photo": upload("ada.webp", image_bytes("WEBP"), "image/webp"),
            "photo_alt": "Ada at a lectern",
        },
    )
    assert response.status_code == 302
    speaker = Speaker.objects.get()
    assert speaker.photo.name.endswith(".webp")
    html = staff_client.get(reverse("events:staff_speakers")).content.decode()
    assert 'alt="Ada at a lectern"' in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"photo_alt": ""}, "Describe the photo for people who cannot see it."),
        ({"photo": "TEXT"}, "this file is not an image."),
    ],
)
def test_a_speakers_photo_is_refused_clearly(staff_client, fields, message):
    data = {"full_name": "Dr. Ada Lovelace", "photo": upload(), "photo_alt": "Ada"} | fields
    if data["photo"] == "TEXT":
        data["photo"] = upload("cv.png", b"Curriculum vitae", "image/png")
    response = staff_client.post(reverse("events:staff_speaker_new"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Speaker.objects.count() == 0


def test_editing_a_speaker_and_removing_the_photo(staff_client):
    speaker = make_speaker(full_name="Grace Hopper")
    url = reverse("events:staff_speaker_edit", args=[speaker.slug])
    assert "Remove the current photo" not in staff_client.get(url).content.decode()
    response = staff_client.post(url, {"full_name": "Rear Adm. Grace Hopper", "bio": "Navy."})
    assert response.status_code == 302
    speaker.refresh_from_db()
    assert (speaker.full_name, speaker.slug) == ("Rear Adm. Grace Hopper", speaker.slug)
    assert (
        staff_client.get(reverse("events:staff_speaker_edit", args=["nobody"])).status_code == 404
    )
