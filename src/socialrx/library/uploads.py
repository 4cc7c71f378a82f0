"""What the library accepts as a resource's file, judged by the file's content.

A file is what its bytes say (the `filetype` package reads their signature), never what the
browser or the file's name claims: a PDF named "policy.docx" is stored and served as a PDF, a
program or a web page named "policy.pdf" is refused. Word, PowerPoint and Excel files are ZIP
archives: one is accepted only when its `[Content_Types].xml` part declares the main part of
that kind (macro-enabled variants declare another type and are refused).

Sizes are limited by kind (settings LIBRARY_DOCUMENT_MAX_MB, LIBRARY_MEDIA_MAX_MB), counted while
the upload streams in (`install`) and checked again by the service for files from elsewhere."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings

from socialrx.core import uploads
from socialrx.core.uploads import FORM_OVERHEAD_BYTES, SizeLimitUploadHandler, size_text

from .models import FileKind

HEAD_BYTES = 8192  # what filetype reads of a file
CONTENT_TYPES_PART = "[Content_Types].xml"
CONTENT_TYPES_MAX_BYTES = 1024 * 1024  # a real one is a few KB; more is a decoy or a bomb
OOXML = "application/vnd.openxmlformats-officedocument"


@dataclass(frozen=True)
class Format:
    extension: str
    content_type: str
    kind: str  # FileKind
    label: str
    main_part: str = ""  # Office files: the type their [Content_Types].xml gives the main part


FORMATS: tuple[Format, ...] = (
    Format("pdf", "application/pdf", FileKind.DOCUMENT, "PDF"),
    Format(
        "docx",
        f"{OOXML}.wordprocessingml.document",
        FileKind.DOCUMENT,
        "Word (DOCX)",
        f"{OOXML}.wordprocessingml.document.main+xml",
    ),
    Format(
        "pptx",
        f"{OOXML}.presentationml.presentation",
        FileKind.DOCUMENT,
        "PowerPoint (PPTX)",
        f"{OOXML}.presentationml.presentation.main+xml",
    ),
    Format(
        "xlsx",
        f"{OOXML}.spreadsheetml.sheet",
        FileKind.DOCUMENT,
        "Excel (XLSX)",
        f"{OOXML}.spreadsheetml.sheet.main+xml",
    ),
    Format("mp3", "audio/mpeg", FileKind.AUDIO, "MP3 audio"),
    Format("m4a", "audio/mp4", FileKind.AUDIO, "M4A audio"),
    Format("wav", "audio/wav", FileKind.AUDIO, "WAV audio"),
    Format("mp4", "video/mp4", FileKind.VIDEO, "MP4 video"),
    Format("webm", "video/webm", FileKind.VIDEO, "WebM video"),
)
BY_EXTENSION = {fmt.extension: fmt for fmt in FORMATS}
OFFICE = tuple(fmt for fmt in FORMATS if fmt.main_part)
ACCEPTED_TEXT = (
    "a PDF, Word (DOCX), PowerPoint (PPTX) or Excel (XLSX) document, MP3, M4A or WAV audio, "
    "or MP4 or WebM video"
)
# What some refused contents are, for the message.
REFUSED_NAMES = {
    "exe": "a Windows program",
    "elf": "a program",
    "zip": "a ZIP archive",
    "doc": "an old Word (DOC) file: save it as DOCX",
    "ppt": "an old PowerPoint (PPT) file: save it as PPTX",
    "xls": "an old Excel (XLS) file: save it as XLSX",
    "mov": "a QuickTime (MOV) video: export it as MP4",
}


class Refused(ValueError):
    """The file's content is not one the library takes; the message says what it is."""


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _guess(head: bytes):
    return filetype.guess(head) if head else None


def kind_of_head(head: bytes) -> str | None:
    """The kind (document, audio, video) the first bytes of a file announce, None when they
    are no format the library takes (a ZIP counts as a document: Office files are ZIPs)."""
    guess = _guess(head)
    if guess is None:
        return None
    if guess.extension == "zip":
        return FileKind.DOCUMENT
    fmt = BY_EXTENSION.get(guess.extension)
    return fmt.kind if fmt else None


def limit_for_kind(kind: str | None) -> int:
    """The largest file of a kind; unknown contents get the smallest limit."""
    if kind in (FileKind.AUDIO, FileKind.VIDEO):
        return uploads.megabytes(settings.LIBRARY_MEDIA_MAX_MB)
    return uploads.megabytes(settings.LIBRARY_DOCUMENT_MAX_MB)


def too_large_message(size: int, kind: str | None) -> str:
    limit = size_text(limit_for_kind(kind))
    if kind in (FileKind.AUDIO, FileKind.VIDEO):
        return f"This file is {size_text(size)}; audio and video files may be up to {limit}."
    if kind == FileKind.DOCUMENT:
        return f"This file is {size_text(size)}; documents may be up to {limit}."
    return (
        f"This file is {size_text(size)} and is not a file the library takes; "
        f"upload {ACCEPTED_TEXT}."
    )


def upload_too_large_message(size: int) -> str:
    """For a request body declared bigger than any acceptable upload."""
    media = size_text(limit_for_kind(FileKind.VIDEO))
    documents = size_text(limit_for_kind(FileKind.DOCUMENT))
    return (
        f"This upload is {size_text(size)}; audio and video files may be up to {media} "
        f"and documents up to {documents}."
    )


def _read_head(uploaded) -> bytes:
    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    uploaded.seek(0)
    return head


def _office_format(uploaded) -> Format:
    """The Office format of a ZIP whose [Content_Types].xml declares its main part."""
    try:
        uploaded.seek(0)
        with zipfile.ZipFile(uploaded) as archive:
            info = archive.getinfo(CONTENT_TYPES_PART)
            if info.file_size > CONTENT_TYPES_MAX_BYTES:
                raise Refused("This Office file's list of parts is implausibly large.")
            declared = archive.read(info).decode("utf-8", errors="replace")
    except KeyError as error:
        raise Refused(
            "This file is a ZIP archive, not a Word, PowerPoint or Excel file: "
            f"upload {ACCEPTED_TEXT}."
        ) from error
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError) as error:
        raise Refused("This file looks like an Office file but cannot be opened.") from error
    finally:
        uploaded.seek(0)
    for fmt in OFFICE:
        if f'ContentType="{fmt.main_part}"' in declared:
            return fmt
    if "macroEnabled" in declared:
        raise Refused("Macro-enabled Office files are not accepted: save it as DOCX, PPTX or XLSX.")
    raise Refused(f"This Office file is of a kind the library does not take: {ACCEPTED_TEXT}.")


def identify(uploaded) -> Format:
    """The format of `uploaded` found in its content; Refused saying why when it is not one
    the library takes."""
    name_extension = extension_of(uploaded.name or "")
    guess = _guess(_read_head(uploaded))
    if guess is not None and (guess.extension == "zip" or guess.mime.startswith(OOXML)):
        return _office_format(uploaded)
    fmt = BY_EXTENSION.get(guess.extension) if guess is not None else None
    if fmt is not None:
        return fmt
    if guess is None:
        what = "not a format the library recognises (web pages, text and programs are refused)"
    else:
        what = REFUSED_NAMES.get(guess.extension, f"a {guess.extension.upper()} file")
    named = ""
    if name_extension and name_extension != getattr(guess, "extension", ""):
        named = f" It is named .{name_extension} but that is not what it holds."
    raise Refused(f"This file's content is {what}.{named} Upload {ACCEPTED_TEXT}.")


def read_duration(uploaded, fmt: Format) -> int | None:
    """Seconds of audio or video, read with mutagen when it knows the format (not WebM)."""
    if fmt.kind not in (FileKind.AUDIO, FileKind.VIDEO):
        return None
    import mutagen  # noqa: PLC0415 - only for audio and video

    try:
        uploaded.seek(0)
        found = mutagen.File(uploaded)
        length = getattr(getattr(found, "info", None), "length", None)
    except Exception:  # noqa: BLE001 - a file mutagen cannot read simply has no known length
        length = None
    finally:
        uploaded.seek(0)
    if not length or length <= 0:
        return None
    return max(1, round(length))


# --- the size limit while the body streams in ---------------------------------------------


def declared_total_limit() -> int:
    """The largest request body an acceptable upload can have (one file and a few fields)."""
    return limit_for_kind(FileKind.VIDEO) + FORM_OVERHEAD_BYTES


class _Limits:
    """Each file's limit from its first chunk, and the message naming it."""

    def __init__(self):
        self.kind: str | None = None

    def limit_for(self, field: str, head: bytes) -> int:
        self.kind = kind_of_head(head)
        return limit_for_kind(self.kind)

    def refuse(self, field: str, limit: int, size: int | None) -> str:
        if field == "":  # the whole body, declared too big
            return upload_too_large_message(size or 0)
        if size is None:
            return f"This file is larger than {size_text(limit)}, the most allowed."
        return too_large_message(size, self.kind)


def install(request) -> SizeLimitUploadHandler:
    """Put the library's size-limit handler first on `request` before its body is read;
    after parsing, the handler's `refusal` is "" or the message naming the limit."""
    limits = _Limits()
    handler = SizeLimitUploadHandler(
        request,
        default_limit=limit_for_kind(FileKind.VIDEO),
        total=declared_total_limit(),
        limit_for=limits.limit_for,
        refuse=limits.refuse,
        measure=True,
    )
    return uploads.install(request, handler)
