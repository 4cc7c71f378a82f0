"""Shared data for the authoring tests: sample media files (real signatures), captions, a
throw-away private storage, and courses with a draft."""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from socialrx.training.models import Lesson, LessonKind, LessonMedia, Module
from socialrx.training.services import authoring
from tests.training.factories import make_course

# The first bytes of each format, padded: enough for the signature check.
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 200
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm" + b"\x00" * 200
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 50
OGG = b"OggS\x00\x02" + b"\x00" * 200
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 200
VTT = (
    b"WEBVTT\n\n"
    b"1\n00:00:00.000 --> 00:00:02.500\nWelcome to the course.\n\n"
    b"00:02.500 --> 00:05.000 align:start\nLet us begin.\n"
)


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def use_private_storage(tmp_path, monkeypatch) -> FileSystemStorage:
    """Lesson media files go to a throw-away directory (the fields' storage is resolved when
    the model loads, so it is replaced on the fields themselves). Each test module wraps it
    in its own `private_storage` fixture."""
    storage = FileSystemStorage(location=str(tmp_path / "private"))
    for name in ("file", "captions"):
        monkeypatch.setattr(LessonMedia._meta.get_field(name), "storage", storage)
    return storage


def stored_files(storage) -> list[str]:
    """Every file name under the storage's training/ folder."""
    try:
        return sorted(storage.listdir("training")[1])
    except FileNotFoundError:
        return []


def with_draft(course, actor):
    """The published `course` with a draft copy of its published version."""
    return authoring.start_new_draft(actor=actor, course=course)


def draft_course(actor, **kwargs):
    """A never-published course (make_course's content as its draft version 1)."""
    return make_course(published=False, **kwargs)


def add_media_lesson(module: Module, *, kind=LessonKind.VIDEO, media=None, title="Watch this"):
    position = module.lessons.count() + 1
    return Lesson.objects.create(
        module=module, title=title, position=position, kind=kind, media=media
    )


def make_media(storage, *, content=MP4, content_type="video/mp4", captions=VTT, by=None):
    media = LessonMedia(
        content_type=content_type,
        size_bytes=len(content),
        original_name="welcome.mp4",
        uploaded_by=by,
    )
    media.file.save("welcome.mp4", upload("welcome.mp4", content), save=False)
    if captions:
        media.captions.save("welcome.vtt", upload("welcome.vtt", captions), save=False)
    media.save()
    return media
