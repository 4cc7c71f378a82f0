"""Lesson video and audio files with their WebVTT captions.

A file is accepted by what it is, not what it is called: its extension must be one the
lesson's kind takes AND its first bytes must carry that format's signature. Captions must be
WebVTT whose cues all have valid timings. Files go through Django's storage API into the
private storage (never MEDIA_ROOT) and are served only by `views.media`, which checks who may
open a lesson using them.

Media rows are shared between versions: starting a new draft copies lessons with the same
media, so a published version and its draft may use one file. A file is deleted only when no
row refers to it any more."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction

from socialrx.core import audit
from socialrx.core.errors import DomainError, NotFound
from socialrx.core.permissions import require

from ..models import CourseVersion, Lesson, LessonKind, LessonMedia, VersionStatus
from ..uploads import CAPTIONS_MAX_BYTES, size_text, too_large_message

# extension -> content type, per lesson kind
FORMATS = {
    LessonKind.VIDEO: {"mp4": "video/mp4", "webm": "video/webm"},
    LessonKind.AUDIO: {
        "mp3": "audio/mpeg",
        "m4a": "audio/mp4",
        "ogg": "audio/ogg",
        "wav": "audio/wav",
    },
}
HEAD_BYTES = 64


def sniff(head: bytes) -> set[str]:
    """The extensions whose signature `head` (a file's first bytes) carries."""
    found: set[str] = set()
    if head[4:8] == b"ftyp":  # ISO base media (MP4, M4A)
        found |= {"mp4", "m4a"}
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head[:HEAD_BYTES]:  # EBML, doctype webm
        found.add("webm")
    if head[:4] == b"OggS":
        found.add("ogg")
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        found.add("wav")
    if head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        found.add("mp3")
    return found


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_media_file(uploaded, kind: str) -> str:
    """The content type of `uploaded` for a lesson of `kind`; DomainError (field "file") when
    it is too big, of another format, or not what its name says."""
    formats = FORMATS.get(kind)
    if formats is None:
        raise DomainError(
            "Only video and audio lessons take a file: change the lesson's kind first.",
            field="file",
        )
    limit = settings.TRAINING_MEDIA_MAX_BYTES
    if uploaded.size > limit:
        raise DomainError(
            too_large_message(uploaded.size, limit, "This file"), field="file", code="too_large"
        )
    if uploaded.size == 0:
        raise DomainError("The file is empty.", field="file")
    extension = _extension(uploaded.name or "")
    allowed = ", ".join(f".{ext}" for ext in formats)
    if extension not in formats:
        noun = "video" if kind == LessonKind.VIDEO else "audio"
        raise DomainError(f"A {noun} lesson takes {allowed} files.", field="file")
    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    uploaded.seek(0)
    if extension not in sniff(head):
        raise DomainError(
            f"This file is named .{extension} but its content is not {extension.upper()}: "
            f"export it again as one of {allowed}.",
            field="file",
        )
    return formats[extension]


# --- WebVTT ---------------------------------------------------------------------------------

TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
TIMING_LINE = re.compile(rf"^{TIMESTAMP}[ \t]+-->[ \t]+{TIMESTAMP}(?:[ \t].*)?$")
NEWLINES = re.compile(r"\r\n|\r")


def _seconds(hours: str | None, minutes: str, seconds: str, millis: str) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _captions_error(message: str) -> DomainError:
    return DomainError(message, field="captions")


def parse_webvtt(data: bytes) -> int:
    """The number of cues in a WebVTT file; DomainError (field "captions") saying what is
    wrong, with its line number, when it is not valid WebVTT."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _captions_error("The captions file is not UTF-8 text: save it as UTF-8.") from error
    if "\x00" in text:
        raise _captions_error("The captions file holds binary data: it is not WebVTT.")
    lines = NEWLINES.sub("\n", text).split("\n")
    first = lines[0]
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise _captions_error(
            "Captions must be WebVTT: the file's first line must be “WEBVTT”. "
            "(SRT files can be converted by most caption editors.)"
        )
    cues = 0
    index = 1
    while index < len(lines) and lines[index].strip():  # the header block
        index += 1
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        start = index
        while index < len(lines) and lines[index].strip():
            index += 1
        cues += _check_block(lines[start:index], start + 1)
    if cues == 0:
        raise _captions_error("The captions file has no cues (timed lines of text).")
    return cues


def _check_block(block: list[str], line_number: int) -> int:
    """1 for a valid cue, 0 for a NOTE, STYLE or REGION block; DomainError otherwise."""
    head = block[0]
    if head.split(" ")[0].split("\t")[0] in {"NOTE", "STYLE", "REGION"} and "-->" not in head:
        return 0
    timing_index = 0 if "-->" in head else 1
    if timing_index >= len(block) or "-->" not in block[timing_index]:
        raise _captions_error(
            f"Line {line_number} of the captions starts a cue without a timing line "
            "(such as 00:00:01.000 --> 00:00:04.000)."
        )
    line_number += timing_index
    match = TIMING_LINE.match(block[timing_index].strip())
    if match is None:
        raise _captions_error(
            f"Line {line_number} of the captions has a timing that is not valid: "
            "write it as 00:00:01.000 --> 00:00:04.000."
        )
    groups = match.groups()
    if _seconds(*groups[4:]) <= _seconds(*groups[:4]):
        raise _captions_error(
            f"Line {line_number} of the captions: the cue must end after it starts."
        )
    return 1


def check_captions_file(uploaded) -> None:
    if uploaded.size > CAPTIONS_MAX_BYTES:
        raise DomainError(
            f"The captions file is {size_text(uploaded.size)}; captions may be up to "
            f"{size_text(CAPTIONS_MAX_BYTES)}.",
            field="captions",
            code="too_large",
        )
    if _extension(uploaded.name or "") != "vtt":
        raise _captions_error("Captions must be a WebVTT (.vtt) file.")
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    parse_webvtt(data)


# --- storing ----------------------------------------------------------------------------------


def _draft_lesson(lesson: Lesson) -> Lesson:
    """The lesson, with its draft version locked (as every draft edit does) so a publication
    cannot happen half-way through the upload; NotFound once the version is published."""
    version_id = Lesson.objects.filter(pk=lesson.pk).values_list("module__version_id").first()
    draft = (
        CourseVersion.objects.select_for_update()
        .filter(pk=version_id[0] if version_id else None, status=VersionStatus.DRAFT)
        .first()
    )
    if draft is None:
        raise NotFound("No such lesson in the course's draft.")
    locked = (
        Lesson.objects.select_for_update(of=("self",))
        .select_related("media", "module__version")
        .filter(pk=lesson.pk, module__version__status=VersionStatus.DRAFT)
        .first()
    )
    if locked is None:
        raise NotFound("No such lesson in the course's draft.")
    return locked


def upload_media(*, actor, lesson: Lesson, media_file=None, captions_file=None) -> LessonMedia:
    """Give a draft's video or audio lesson its file and/or captions.

    A new file makes a new media row (the published version keeps the one it had). Captions
    alone replace those of the lesson's media: in place when only drafts use it, otherwise
    on a new row that shares the file, so learners' published lesson does not change."""
    require(actor, "training.author_courses")
    if media_file is None and captions_file is None:
        raise DomainError("Choose a video or audio file, a captions file, or both.", field="file")
    saved: list[str] = []
    storage = LessonMedia._meta.get_field("file").storage
    try:
        with transaction.atomic():
            media = _store(actor, _draft_lesson(lesson), media_file, captions_file, saved)
    except BaseException:
        for name in saved:  # nothing half-written: the files go with the rolled-back rows
            storage.delete(name)
        raise
    return media


def _store(actor, lesson: Lesson, media_file, captions_file, saved: list[str]) -> LessonMedia:
    if lesson.kind not in FORMATS:
        raise DomainError(
            "Only video and audio lessons take a file: change the lesson's kind first.",
            field="file",
        )
    content_type = check_media_file(media_file, lesson.kind) if media_file is not None else ""
    if captions_file is not None:
        check_captions_file(captions_file)
    previous = lesson.media
    if media_file is None and previous is None:
        raise DomainError("Upload the video or audio file first.", field="file")
    if media_file is not None:
        media = LessonMedia(
            content_type=content_type,
            size_bytes=media_file.size,
            original_name=(media_file.name or "")[-200:],
            uploaded_by=actor,
        )
        media.file.save(media_file.name, media_file, save=False)
        saved.append(media.file.name)
    elif _used_outside_drafts(previous):
        media = LessonMedia(
            file=previous.file.name,
            content_type=previous.content_type,
            size_bytes=previous.size_bytes,
            original_name=previous.original_name,
            duration_seconds=previous.duration_seconds,
            uploaded_by=actor,
        )
    else:
        media = previous
    old_captions = media.captions.name if media.pk and media.captions else ""
    if captions_file is not None:
        media.captions.save("captions.vtt", captions_file, save=False)
        saved.append(media.captions.name)
    elif media_file is not None and previous is not None and previous.captions:
        media.captions = previous.captions.name  # a new recording keeps the captions so far
    media.save()
    if media.pk != getattr(previous, "pk", None):
        lesson.media = media
        lesson.save(update_fields=["media"])
        if previous is not None:
            discard_if_unused(previous)
    elif old_captions and old_captions != media.captions.name:
        _delete_files_on_commit([old_captions])
    audit.record(
        actor=actor,
        action="training.media.uploaded",
        target=media,
        after={
            "lesson": lesson.title,
            "lesson_key": lesson.key,
            "file": media.original_name if media_file is not None else "(unchanged)",
            "size_bytes": media.size_bytes,
            "content_type": media.content_type,
            "captions": bool(media.captions),
        },
    )
    return media


def _used_outside_drafts(media: LessonMedia) -> bool:
    return media.lessons.exclude(module__version__status=VersionStatus.DRAFT).exists()


def discard_if_unused(media: LessonMedia) -> None:
    """Delete a media row no lesson uses any more, and (after commit) its files unless another
    row shares them. Call inside the transaction that stopped using it."""
    if media.lessons.exists():
        return
    names = [name for name in (media.file.name, media.captions.name) if name]
    media.delete()
    _delete_files_on_commit(names)


def _delete_files_on_commit(names: list[str]) -> None:
    storage = LessonMedia._meta.get_field("file").storage

    def delete() -> None:
        for name in names:
            shared = LessonMedia.objects.filter(file=name).exists() or (
                LessonMedia.objects.filter(captions=name).exists()
            )
            if not shared:
                storage.delete(name)

    transaction.on_commit(delete)
