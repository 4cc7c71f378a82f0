"""Events' public session and speaker pages: the abstract, time, room, track and speakers of a
session, its recording and slides; an event's speakers; a speaker's bio, photo and sessions."""

from datetime import timedelta

import pytest
from django.urls import reverse

from socialrx.events.models import EventFormat, StarredSession
from tests.events.factories import make_event, make_room, make_session, make_speaker
from tests.events.public_support import make_summit

pytestmark = pytest.mark.integration


@pytest.fixture
def summit(db):
    return make_summit()


def _html(client, name, *args, **query):
    response = client.get(reverse(name, args=args), query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- sessions and speakers --------------------------------------------------------------------


def test_the_session_page(client, summit):
    html = _html(client, "events:session", summit.event.slug, summit.keynote.slug)
    assert "<h1>Why physicians should post</h1>" in html
    assert "Patients look for <em>their</em> doctors online." in html
    assert "Mon, Apr 15, 2030, 9:00–10:00 AM CDT" in html
    assert "<dt>Room</dt><dd>Hall A</dd>" in html
    assert "<dt>Track</dt><dd>Strategy</dd>" in html
    assert "<dt>Kind</dt><dd>Keynote</dd>" in html
    assert '<span class="ev-initials ev-photo-96" aria-hidden="true">AO</span>' in html
    assert "MD, MPH" in html
    ics = reverse("events:session_ics", args=[summit.event.slug, summit.keynote.slug])
    assert ics in html
    assert "Watch the recording" not in html


def test_the_session_page_links_recording_and_slides_when_set(client, summit):
    summit.keynote.recording_url = "https://video.example.org/keynote"
    summit.keynote.slides_url = "https://slides.example.org/keynote.pdf"
    summit.keynote.save()
    html = _html(client, "events:session", summit.event.slug, summit.keynote.slug)
    assert 'href="https://video.example.org/keynote"' in html
    assert 'href="https://slides.example.org/keynote.pdf"' in html


def test_a_session_of_another_event_is_not_found(client, summit):
    other = make_event(title="Other summit")
    foreign = make_session(other, title="Elsewhere")
    url = reverse("events:session", args=[summit.event.slug, foreign.slug])
    assert client.get(url).status_code == 404


def test_the_speakers_page_lists_each_speaker_with_their_sessions(client, summit):
    html = _html(client, "events:speakers", summit.event.slug)
    assert html.index("Dr. Amina Okafor") < html.index("Jordan Lee") < html.index("Priya Raman")
    assert html.count('class="card ev-speaker-card"') == 3
    okafor_card = html[html.index("Dr. Amina Okafor") : html.index("Jordan Lee")]
    assert "Why physicians should post" in okafor_card and "Measuring what matters" in okafor_card
    assert "Chief Medical Officer, Riverside Health" in okafor_card


def test_the_speaker_page_shows_their_bio_and_sessions_at_this_event_only(client, summit):
    other = make_event(title="Other summit")
    make_session(other, title="Elsewhere talk", speakers=[summit.okafor])

    html = _html(client, "events:speaker", summit.event.slug, summit.okafor.slug)

    assert "<h1>Dr. Amina Okafor</h1>" in html
    assert "Amina leads <strong>digital health</strong> at Riverside." in html
    assert "Why physicians should post" in html and "Measuring what matters" in html
    assert "Elsewhere talk" not in html
    assert "Monday, April 15, 2030, " in html and "9:00 AM CDT</time> · Hall A · Strategy" in html


def test_a_speaker_not_on_this_events_agenda_is_not_found(client, summit):
    stranger = make_speaker(full_name="Not speaking here")
    url = reverse("events:speaker", args=[summit.event.slug, stranger.slug])
    assert client.get(url).status_code == 404


def test_a_speaker_photo_has_its_size_and_alt_text(client, summit, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    settings.MEDIA_ROOT = tmp_path
    summit.okafor.photo = SimpleUploadedFile("okafor.png", PNG, content_type="image/png")
    summit.okafor.photo_alt = "Amina Okafor smiling at a lectern"
    summit.okafor.save()

    html = _html(client, "events:speaker", summit.event.slug, summit.okafor.slug)

    src = f"/media/events/speakers/{summit.okafor.public_id}.png"
    assert (
        f'<img class="ev-photo ev-photo-160" src="{src}" width="160" height="160" '
        'alt="Amina Okafor smiling at a lectern"'
    ) in html
    summit.okafor.photo_alt = ""
    summit.okafor.save()
    html = _html(client, "events:speakers", summit.event.slug)
    assert f'src="{src}" width="96" height="96" alt="Dr. Amina Okafor"' in html


def test_a_room_less_session_of_a_virtual_event_is_online(client, db):
    event = make_event(title="Webinar", kind="webinar", format=EventFormat.VIRTUAL, days=1)
    session = make_session(event, title="Live Q&A")
    html = _html(client, "events:session", event.slug, session.slug)
    assert "<dt>Room</dt><dd>Online</dd>" in html


def test_rooms_are_offered_as_filters_only_when_the_event_has_some(client, db):
    event = make_event(title="Webinar", kind="webinar", format=EventFormat.VIRTUAL, days=1)
    make_session(event, title="Live Q&A")
    html = _html(client, "events:agenda", event.slug)
    assert 'name="room"' not in html and 'name="track"' not in html
    room = make_room(event, "Studio")
    make_session(event, title="Second", room=room, starts_at=event.starts_at + timedelta(hours=2))
    assert 'name="room"' in _html(client, "events:agenda", event.slug)


# A 1×1 transparent PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082"
)


def test_a_signed_in_person_stars_sessions_on_the_session_page_and_the_agenda(client, summit, user):
    StarredSession.objects.create(person=user, session=summit.tiktok)
    client.force_login(user)

    html = _html(client, "events:session", summit.event.slug, summit.keynote.slug)
    star = reverse("events:session_star", args=[summit.event.slug, summit.keynote.slug])
    assert f'action="{star}"' in html
    assert "Add to my agenda" in html

    html = _html(client, "events:agenda", summit.event.slug)
    assert html.count('class="star-form"') == 3  # the first day's three sessions
    assert html.count("Remove from my agenda") == 1  # TikTok for nurses


def test_visitors_are_asked_to_sign_in_to_star_on_the_session_page_only(client, summit):
    html = _html(client, "events:session", summit.event.slug, summit.keynote.slug)
    assert "Sign in to add" in html
    assert "star-" not in _html(client, "events:agenda", summit.event.slug)


def test_sessions_of_a_draft_or_cancelled_event_have_no_star(client, staff):
    for status in ("draft", "cancelled"):
        summit = make_summit(status=status, title=f"A {status} summit")
        client.force_login(staff)
        html = _html(client, "events:session", summit.event.slug, summit.keynote.slug)
        assert "star-form" not in html
        assert "star-form" not in _html(client, "events:agenda", summit.event.slug)
