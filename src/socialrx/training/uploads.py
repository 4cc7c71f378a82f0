"""Size limits on lesson media uploads, enforced while the request body streams in.

The upload view first refuses a body whose declared length (CONTENT_LENGTH) is already too big,
before reading any of it. This handler, first in `request.upload_handlers`, then counts what
actually arrives, file by file: a file over its limit stops the upload at once (`StopUpload`),
the partial temporary file is closed and removed by Django's parser, and `refusal` says why,
so a client whose file is bigger than it claimed never fills the disk."""

from __future__ import annotations

from django.core.files.uploadhandler import (
    FileUploadHandler,
    MemoryFileUploadHandler,
    StopUpload,
    TemporaryFileUploadHandler,
)
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

# Room in a request body for the form's other fields, the captions and multipart boundaries.
FORM_OVERHEAD_BYTES = 64 * 1024
CAPTIONS_MAX_BYTES = 2 * 1024 * 1024


def size_text(size: int) -> str:
    """A size for a person ("1.5 GB", "500.0 MB", "12.0 KB"), one decimal so a file just over
    a limit never reads as equal to it."""
    if size >= 1024**3:
        return f"{size / 1024**3:,.1f} GB"
    if size >= 1024**2:
        return f"{size / 1024**2:,.1f} MB"
    return f"{size / 1024:,.1f} KB"


def too_large_message(size: int, limit: int, what: str = "This upload") -> str:
    return (
        f"{what} is {size_text(size)}; lesson media files may be up to {size_text(limit)}. "
        "Compress the file (for example 720p video) or split the lesson."
    )


def declared_total_limit(media_limit: int) -> int:
    """The largest request body an acceptable upload can have."""
    return media_limit + CAPTIONS_MAX_BYTES + FORM_OVERHEAD_BYTES


class SizeLimitUploadHandler(FileUploadHandler):
    """Counts each file's bytes as they stream in and stops the upload past its limit.

    `limits` maps a form field name to its largest file; files of other fields are limited to
    `default_limit`. After parsing, `refusal` is "" or the reason the upload was stopped."""

    def __init__(self, request=None, *, limits: dict[str, int], default_limit: int, total: int):
        super().__init__(request)
        self.limits = limits
        self.default_limit = default_limit
        self.total = total
        self.refusal = ""
        self._limit = default_limit
        self._field = ""
        self._received = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # A body declared bigger than any acceptable upload is not read at all. (The view has
        # refused it already; this keeps the handler safe on its own.)
        if content_length > self.total:
            self.refusal = too_large_message(content_length, self.default_limit)
            return QueryDict(encoding=encoding), MultiValueDict()
        return None

    def new_file(self, field_name, *args, **kwargs):
        self._limit = self.limits.get(field_name, self.default_limit)
        self._field = field_name
        self._received = 0
        super().new_file(field_name, *args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self._received += len(raw_data)
        if self._received > self._limit:
            what = "The captions file" if self._field == "captions" else "This file"
            self.refusal = (
                f"{what} is larger than {size_text(self._limit)}, the most allowed: "
                "the upload was stopped and nothing was saved."
            )
            raise StopUpload(connection_reset=False)
        return raw_data  # passed on to the handler that keeps it (memory or temporary file)

    def file_complete(self, file_size):
        return None  # the next handler builds the uploaded file


def install(request, *, media_limit: int) -> SizeLimitUploadHandler:
    """Put the size-limit handler first on `request` (before its body is read); files go to
    memory when small and to a temporary file otherwise, never whole into memory."""
    handler = SizeLimitUploadHandler(
        request,
        limits={"captions": CAPTIONS_MAX_BYTES, "file": media_limit},
        default_limit=media_limit,
        total=declared_total_limit(media_limit),
    )
    request.upload_handlers = [
        handler,
        MemoryFileUploadHandler(request),
        TemporaryFileUploadHandler(request),
    ]
    return handler
