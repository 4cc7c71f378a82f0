"""Speakers: profiles with a photo judged by its content (JPEG, PNG or WebP up to 5 MB,
re-encoded without metadata), a description required with a photo, and deletion only while
the speaker is on no session."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from socialrx.events.models import Speaker
from socialrx.events.services import speakers
from socialrx.events.speaker_photos import MAX_PHOTO_BYTES
from tests.events.agenda_support import image_bytes, june_conference, upload
from tests.events.factories import make_session, make_speaker

pytestmark = pytest.mark.django_db

PROFILE = {
    "full_name": "Dr. Ada Lovelace",
    "credentials": "MD, MPH",
    "job_title": "Chief Digital Officer",
    "organization_name": "Riverside Regional Medical Center",
    "bio": "Leads **social media** for a regional health system.",
    "photo_alt": "",
}


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_speaker_without_a_photo(staff):
    speaker = speakers.create_speaker(actor=staff, data=PROFILE)
    assert (speaker.slug, speaker.credentials, bool(speaker.photo)) == (
        "dr-ada-lovelace",
        "MD, MPH",
        False,
    )
    assert AuditEvent.objects.get(action="events.speaker.created").after["full_name"] == (
        "Dr. Ada Lovelace"
    )
    second = speakers.create_speaker(actor=staff, data=PROFILE)
    assert second.slug == "dr-ada-lovelace-2"


def test_a_photo_is_re_encoded_and_stored_under_its_real_format(staff):
    # A JPEG sent with a .png name and type is stored as the JPEG it is.
    photo = upload("portrait.png", image_bytes("JPEG", size=(2400, 1800)), "image/png")
    speaker = speakers.create_speaker(
        actor=staff, data=PROFILE | {"photo_alt": "Ada smiling at a lectern"}, photo=photo
    )
    assert speaker.photo.name == f"events/speakers/{speaker.public_id}.jpg"
    with speaker.photo.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert (image.format, image.size) == ("JPEG", (1200, 900))
        assert "exif" not in image.info


def test_a_photo_needs_a_description(staff):
    with pytest.raises(DomainError) as refused:
        speakers.create_speaker(actor=staff, data=PROFILE, photo=upload())
    assert (refused.value.field, refused.value.message) == (
        "photo_alt",
        "Describe the photo for people who cannot see it.",
    )
    assert Speaker.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4 not a photo at all", "this file is not an image."),
        (image_bytes("GIF"), "this file is a GIF image."),
        (image_bytes("PNG")[:60], "could not be read"),
    ],
)
def test_what_is_not_a_jpeg_png_or_webp_photo_is_refused(staff, content, message):
    with pytest.raises(DomainError) as refused:
        speakers.create_speaker(
            actor=staff, data=PROFILE | {"photo_alt": "A photo"}, photo=upload(content=content)
        )
    assert refused.value.field == "photo"
    assert message in refused.value.message
    assert Speaker.objects.count() == 0


def test_a_photo_over_5_mb_is_refused(staff):
    big = upload(content=image_bytes() + b"\0" * MAX_PHOTO_BYTES)
    with pytest.raises(DomainError, match="The photo must be 5 MB or smaller."):
        speakers.create_speaker(actor=staff, data=PROFILE | {"photo_alt": "A photo"}, photo=big)


def test_replacing_and_removing_a_photo_deletes_the_old_file(
    staff, django_capture_on_commit_callbacks
):
    speaker = speakers.create_speaker(
        actor=staff, data=PROFILE | {"photo_alt": "Ada"}, photo=upload()
    )
    first = speaker.photo.name
    storage = speaker.photo.storage
    with django_capture_on_commit_callbacks(execute=True):
        speaker = speakers.update_speaker(
            actor=staff,
            speaker=speaker,
            data=PROFILE | {"photo_alt": "Ada, new"},
            photo=upload("new.webp", image_bytes("WEBP"), "image/webp"),
        )
    assert speaker.photo.name.endswith(".webp")
    assert not storage.exists(first)
    second = speaker.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        speakers.update_speaker(
            actor=staff, speaker=speaker, data=PROFILE | {"photo_alt": ""}, remove_photo=True
        )
    speaker.refresh_from_db()
    assert not speaker.photo
    assert not storage.exists(second)


def test_keeping_a_photo_keeps_its_description_required(staff):
    speaker = speakers.create_speaker(
        actor=staff, data=PROFILE | {"photo_alt": "Ada"}, photo=upload()
    )
    with pytest.raises(DomainError, match="Describe the photo"):
        speakers.update_speaker(actor=staff, speaker=speaker, data=PROFILE | {"photo_alt": " "})
    speaker.refresh_from_db()
    assert speaker.photo_alt == "Ada"


def test_a_speaker_on_a_session_cannot_be_deleted(staff):
    busy, free = make_speaker(full_name="Busy Speaker"), make_speaker(full_name="Free Speaker")
    make_session(june_conference(), speakers=[busy])
    with pytest.raises(Conflict, match="Busy Speaker speaks at 1 session"):
        speakers.delete_speaker(actor=staff, speaker=busy)
    speakers.delete_speaker(actor=staff, speaker=free)
    assert list(Speaker.objects.values_list("full_name", flat=True)) == ["Busy Speaker"]
    assert AuditEvent.objects.filter(action="events.speaker.deleted").count() == 1


def test_a_name_is_required(staff):
    with pytest.raises(DomainError, match="Give the speaker's full name."):
        speakers.create_speaker(actor=staff, data=PROFILE | {"full_name": "  "})
