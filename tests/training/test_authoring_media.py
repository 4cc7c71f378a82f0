"""Uploading lesson media (checks, size limits, nothing half-written) and serving it to the
people who may open the lesson (ranges, headers, 404 for anyone else)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.training.models import Enrolment, Lesson, LessonKind, LessonMedia, Module
from socialrx.training.services import authoring
from socialrx.training.services.media import parse_webvtt, upload_media
from tests.training.authoring_helpers import (
    MP3,
    MP4,
    OGG,
    VTT,
    WAV,
    WEBM,
    add_media_lesson,
    make_media,
    stored_files,
    upload,
    use_private_storage,
)
from tests.training.factories import make_course, member_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_storage(tmp_path, monkeypatch):
    return use_private_storage(tmp_path, monkeypatch)


GIGABYTES_2 = str(2 * 1024**3)


@pytest.fixture
def course(staff):
    """A never-published course whose draft has a video lesson without media."""
    course = make_course(published=False, with_quiz=False)
    add_media_lesson(Module.objects.get(version__course=course), title="Welcome video")
    return course


@pytest.fixture
def video_lesson(course):
    return Lesson.objects.get(module__version__course=course, title="Welcome video")


def upload_url(course, lesson):
    return reverse("training:staff_media_upload", args=[course.slug, lesson.pk])


# --- WebVTT -----------------------------------------------------------------------------------


def test_webvtt_cues_are_counted():
    assert parse_webvtt(VTT) == 2
    windows = (
        b"\xef\xbb\xbfWEBVTT - Lesson 1\r\n\r\nNOTE by hand\r\n\r\n"
        b"00:01.000 --> 00:02.000\r\nHi\r\n"
    )
    assert parse_webvtt(windows) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"1\n00:00:01,000 --> 00:00:02,000\nSRT\n", "the file's first line must be “WEBVTT”"),
        (b"WEBVTTX\n\n00:01.000 --> 00:02.000\nHi\n", "the file's first line must be “WEBVTT”"),
        (b"WEBVTT\n\n00:01,000 --> 00:02,000\nHi\n", "Line 3 of the captions has a timing that is"),
        (b"WEBVTT\n\n00:05.000 --> 00:02.000\nHi\n", "Line 3 of the captions: the cue must end"),
        (b"WEBVTT\n\nintro\nHello there\n", "Line 3 of the captions starts a cue without a timing"),
        (b"WEBVTT\n\n00:61.000 --> 01:02.000\nHi\n", "Line 3 of the captions has a timing that is"),
        (b"WEBVTT\n", "The captions file has no cues"),
        (b"WEBVTT\n\n\xff\xfe\n", "The captions file is not UTF-8 text"),
    ],
)  # fmt: skip
def test_invalid_webvtt_is_refused_with_the_line(content, message):
    with pytest.raises(DomainError) as refusal:
        parse_webvtt(content)
    assert message in refusal.value.message
    assert refusal.value.field == "captions"


# --- upload service ---------------------------------------------------------------------------


def test_a_video_and_its_captions_are_stored_privately(staff, video_lesson, private_storage):
    media = upload_media(
        actor=staff,
        lesson=video_lesson,
        media_file=upload("Welcome.MP4", MP4),
        captions_file=upload("welcome.vtt", VTT),
    )

    video_lesson.refresh_from_db()
    assert video_lesson.media == media
    assert (media.content_type, media.size_bytes, media.original_name) == (
        "video/mp4",
        len(MP4),
        "Welcome.MP4",
    )
    assert media.file.name == f"training/{media.public_id}.mp4"
    assert media.captions.name == f"training/{media.public_id}.vtt"
    assert private_storage.open(media.file.name).read() == MP4
    event = AuditEvent.objects.get(action="training.media.uploaded")
    assert event.after["captions"] is True


@pytest.mark.parametrize(
    ("kind", "name", "content", "content_type"),
    [
        (LessonKind.VIDEO, "clip.webm", WEBM, "video/webm"),
        (LessonKind.AUDIO, "episode.mp3", MP3, "audio/mpeg"),
        (LessonKind.AUDIO, "episode.m4a", MP4, "audio/mp4"),
        (LessonKind.AUDIO, "episode.ogg", OGG, "audio/ogg"),
        (LessonKind.AUDIO, "episode.wav", WAV, "audio/wav"),
    ],
)
def test_each_format_is_recognised(
    staff, course, private_storage, kind, name, content, content_type
):
    lesson = add_media_lesson(Module.objects.get(version__course=course), kind=kind, title="Other")
    media = upload_media(actor=staff, lesson=lesson, media_file=upload(name, content))
    assert media.content_type == content_type


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("clip.mp4", b"<html><script>alert(1)</script>" * 3, "named .mp4 but its content is"),
        ("clip.webm", MP4, "named .webm but its content is not WEBM"),
        ("clip.mp3", MP3, "A video lesson takes .mp4, .webm files."),
        ("clip.exe", MP4, "A video lesson takes .mp4, .webm files."),
        ("clip.mp4", b"", "The file is empty."),
    ],
)  # fmt: skip
def test_a_file_that_is_not_what_it_says_is_refused(
    staff, video_lesson, private_storage, name, content, message
):
    with pytest.raises(DomainError) as refusal:
        upload_media(actor=staff, lesson=video_lesson, media_file=upload(name, content))
    assert message in refusal.value.message
    assert not LessonMedia.objects.exists()
    assert stored_files(private_storage) == []


def test_bad_captions_leave_nothing_behind(staff, video_lesson, private_storage):
    with pytest.raises(DomainError):
        upload_media(
            actor=staff,
            lesson=video_lesson,
            media_file=upload("clip.mp4", MP4),
            captions_file=upload("clip.vtt", b"not captions"),
        )
    assert not LessonMedia.objects.exists()
    assert stored_files(private_storage) == []


def test_a_reading_lesson_takes_no_file(staff, course, private_storage):
    reading = Lesson.objects.get(module__version__course=course, title="Lesson 1")
    with pytest.raises(DomainError, match="Only video and audio lessons take a file"):
        upload_media(actor=staff, lesson=reading, media_file=upload("clip.mp4", MP4))


def test_captions_for_a_published_file_make_a_new_row_sharing_it(staff, private_storage):
    course = make_course(with_quiz=False)
    media = make_media(private_storage, captions=None)
    module = Module.objects.get(version=course.published_version)
    published_lesson = add_media_lesson(module, media=media)
    draft = authoring.start_new_draft(actor=staff, course=course)
    draft_lesson = Lesson.objects.get(module__version=draft, key=published_lesson.key)

    new = upload_media(actor=staff, lesson=draft_lesson, captions_file=upload("c.vtt", VTT))

    published_lesson.refresh_from_db()
    assert published_lesson.media == media
    assert not media.captions
    assert new.pk != media.pk
    assert new.file.name == media.file.name
    assert new.captions


def test_a_replaced_draft_only_file_is_deleted_after_commit(
    staff, video_lesson, private_storage, django_capture_on_commit_callbacks
):
    first = upload_media(
        actor=staff, lesson=video_lesson, media_file=upload("a.mp4", MP4),
        captions_file=upload("a.vtt", VTT),
    )  # fmt: skip
    old_names = [first.file.name, first.captions.name]

    with django_capture_on_commit_callbacks(execute=True):
        second = upload_media(actor=staff, lesson=video_lesson, media_file=upload("b.webm", WEBM))

    assert not LessonMedia.objects.filter(pk=first.pk).exists()
    assert second.captions.name == first.captions.name  # the captions carry over
    assert private_storage.exists(old_names[1])
    assert not private_storage.exists(old_names[0])


# --- upload page ------------------------------------------------------------------------------


def test_uploading_through_the_page(client, staff, course, video_lesson, private_storage):
    client.force_login(staff)

    response = client.post(
        upload_url(course, video_lesson),
        {"file": upload("clip.mp4", MP4), "captions": upload("clip.vtt", VTT)},
    )

    assert response.status_code == 302
    video_lesson.refresh_from_db()
    assert video_lesson.media.captions


def test_a_declared_2_gb_upload_is_refused_before_it_is_read(
    staff, course, video_lesson, private_storage
):
    # A client that enforces CSRF: reading the body to find the token would be reading it.
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)

    response = client.post(
        upload_url(course, video_lesson),
        {"file": upload("clip.mp4", MP4)},
        CONTENT_LENGTH=GIGABYTES_2,
    )

    assertContains(
        response,
        "This upload is 2.0 GB; lesson media files may be up to 500.0 MB.",
        status_code=413,
    )
    assert not LessonMedia.objects.exists()
    assert stored_files(private_storage) == []


def test_a_file_bigger_than_it_claims_is_stopped_while_streaming(
    client, staff, course, video_lesson, private_storage, settings
):
    settings.TRAINING_MEDIA_MAX_BYTES = 100
    client.force_login(staff)

    response = client.post(
        upload_url(course, video_lesson),
        {"file": upload("clip.mp4", MP4), "captions": upload("clip.vtt", VTT)},
    )

    assertContains(
        response,
        "This file is larger than 0.1 KB, the most allowed: the upload was stopped",
        status_code=413,
    )
    assert not LessonMedia.objects.exists()
    assert stored_files(private_storage) == []


def test_bad_captions_through_the_page_are_shown_beside_the_field(
    client, staff, course, video_lesson, private_storage
):
    client.force_login(staff)
    response = client.post(
        upload_url(course, video_lesson),
        {"file": upload("clip.mp4", MP4), "captions": upload("clip.vtt", b"1\n00:01 --> 00:02\n")},
    )
    assertContains(response, "the file&#x27;s first line must be “WEBVTT”", status_code=400)
    assert not LessonMedia.objects.exists()


def test_an_empty_upload_says_what_to_choose(client, staff, course, video_lesson, private_storage):
    client.force_login(staff)
    response = client.post(upload_url(course, video_lesson), {})
    assertContains(
        response, "Choose a video or audio file, a captions file, or both.", status_code=400
    )


def test_an_upload_without_csrf_is_refused(staff, course, video_lesson, private_storage):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    response = client.post(upload_url(course, video_lesson), {"file": upload("clip.mp4", MP4)})
    assert response.status_code == 403
    assert not LessonMedia.objects.exists()


def test_a_member_cannot_upload(client, user, course, video_lesson, private_storage):
    client.force_login(user)
    response = client.post(upload_url(course, video_lesson), {"file": upload("clip.mp4", MP4)})
    assert response.status_code == 403
    assert not LessonMedia.objects.exists()


# --- serving ----------------------------------------------------------------------------------


@pytest.fixture
def published(private_storage):
    """A published course with a video lesson (not a preview) using `media`, and a preview
    video lesson using `preview_media`."""
    course = make_course(with_quiz=False)
    module = Module.objects.get(version=course.published_version)
    media = make_media(private_storage)
    preview_media = make_media(private_storage)
    add_media_lesson(module, media=media, title="Members' video")
    lesson = add_media_lesson(module, media=preview_media, title="Preview video")
    Lesson.objects.filter(pk=lesson.pk).update(is_preview=True)
    return course, media, preview_media


def media_url(media):
    return reverse("training:media", args=[media.public_id])


def test_faculty_and_enrolled_members_get_the_file(client, staff, published):
    course, media, _ = published
    _, _, member = member_org()
    Enrolment.objects.create(course=course, person=member, access="member")

    for person in (staff, member):
        client.force_login(person)
        response = client.get(media_url(media))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == MP4
        assert response["Content-Type"] == "video/mp4"
        assert response["Content-Length"] == str(len(MP4))
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private"
        assert response["Accept-Ranges"] == "bytes"


def test_visitors_get_a_preview_lesson_s_file_only(client, published):
    _, media, preview_media = published
    assert client.get(media_url(preview_media)).status_code == 200
    assert client.get(media_url(media)).status_code == 404
    assert client.get(reverse("training:media_captions", args=[media.public_id])).status_code == 404


def test_members_not_enrolled_and_outsiders_get_404(client, user, published):
    _, media, _ = published
    _, _, member = member_org()
    for person in (user, member):
        client.force_login(person)
        assert client.get(media_url(media)).status_code == 404


def test_an_enrolled_person_whose_membership_lapsed_gets_404(client, user, published):
    course, media, _ = published
    Enrolment.objects.create(course=course, person=user, access="member")
    client.force_login(user)
    assert client.get(media_url(media)).status_code == 404


def test_a_draft_only_file_is_for_the_faculty(client, coach, private_storage):
    course = make_course(with_quiz=False)
    draft = authoring.start_new_draft(actor=coach, course=course)
    media = make_media(private_storage)
    add_media_lesson(Module.objects.get(version=draft), media=media)
    Lesson.objects.filter(media=media).update(is_preview=True)
    _, _, member = member_org()
    Enrolment.objects.create(course=course, person=member, access="member")

    assert client.get(media_url(media)).status_code == 404
    client.force_login(member)
    assert client.get(media_url(media)).status_code == 404
    client.force_login(coach)
    assert client.get(media_url(media)).status_code == 200


def test_an_unknown_id_is_404(client, staff):
    client.force_login(staff)
    url = reverse("training:media", args=["7b1d3f4e-0000-4000-8000-000000000000"])
    assert client.get(url).status_code == 404
    assert client.get("/training/media/not-a-uuid/").status_code == 404


def test_a_file_missing_from_storage_is_404(client, staff, published, private_storage):
    _, media, _ = published
    private_storage.delete(media.file.name)
    client.force_login(staff)
    assert client.get(media_url(media)).status_code == 404


def test_captions_are_served_as_webvtt(client, staff, published):
    _, media, _ = published
    client.force_login(staff)
    response = client.get(reverse("training:media_captions", args=[media.public_id]))
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert b"".join(response.streaming_content) == VTT


# The byte ranges themselves are core.files' (tests/core/test_files.py): here, that the
# lesson media route honours them.
def test_a_lesson_file_is_served_by_byte_ranges(client, staff, published):
    _, media, _ = published
    client.force_login(staff)

    partial = client.get(media_url(media), headers={"Range": "bytes=4-7"})
    unsatisfiable = client.get(media_url(media), headers={"Range": f"bytes={len(MP4)}-"})

    assert partial.status_code == 206
    assert partial["Content-Range"] == f"bytes 4-7/{len(MP4)}"
    assert b"".join(partial.streaming_content) == b"ftyp"
    assert unsatisfiable.status_code == 416
    assert unsatisfiable["Content-Range"] == f"bytes */{len(MP4)}"


def test_the_streaming_limit_holds_with_csrf_checked(
    staff, course, video_lesson, private_storage, settings
):
    # A browser sends the CSRF token first (the form's first field), then the file.
    settings.TRAINING_MEDIA_MAX_BYTES = 100
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    client.get(reverse("training:staff_lesson_edit", args=[course.slug, video_lesson.pk]))
    token = client.cookies["csrftoken"].value

    response = client.post(
        upload_url(course, video_lesson),
        {"csrfmiddlewaretoken": token, "file": upload("clip.mp4", MP4)},
    )

    assert response.status_code == 413
    assert not LessonMedia.objects.exists()
    assert stored_files(private_storage) == []
