"""Size limits on uploaded files, enforced while the request body streams in.

A view first refuses a body whose declared length (CONTENT_LENGTH) is already too big, before
reading any of it. `SizeLimitUploadHandler`, first in `request.upload_handlers`, then counts what
actually arrives, file by file, so a client whose file is bigger than it claimed never fills the
disk: past its limit a file is no longer handed to the handlers that keep it, the partial
temporary file is closed and removed by Django's parser (`StopUpload`), and `refusal` says why.

A file's limit may depend on what the file is: `limit_for` sees the file's first chunk (64 KB,
enough to recognise a format by its content) and answers its limit. With `measure`, the handler
counts the rest of a refused file without keeping it (the parser reads a refused body to its end
anyway) so the message can give the file's real size."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.uploadhandler import (
    FileUploadHandler,
    MemoryFileUploadHandler,
    StopUpload,
    TemporaryFileUploadHandler,
)
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

# Room in a request body for a form's other fields and the multipart boundaries.
FORM_OVERHEAD_BYTES = 64 * 1024

# (field name, the file's first chunk) -> the file's largest size in bytes
LimitFor = Callable[[str, bytes], int]
# (field name or "" for the whole body, limit, size or None when unknown) -> a message
Refuse = Callable[[str, int, int | None], str]


def size_text(size: int) -> str:
    """A size for a person ("1.5 GB", "500.0 MB", "12.0 KB"), one decimal so a file just over
    a limit never reads as equal to it."""
    if size >= 1024**3:
        return f"{size / 1024**3:,.1f} GB"
    if size >= 1024**2:
        return f"{size / 1024**2:,.1f} MB"
    return f"{size / 1024:,.1f} KB"


def megabytes(count: int) -> int:
    return count * 1024 * 1024


def declared_length(request) -> int:
    """The body length the request declares (0 when absent or malformed, as Django reads it)."""
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def _default_refusal(field: str, limit: int, size: int | None) -> str:
    if size is None:
        return (
            f"This file is larger than {size_text(limit)}, the most allowed: "
            "the upload was stopped and nothing was saved."
        )
    return f"This upload is {size_text(size)}; files may be up to {size_text(limit)}."


class SizeLimitUploadHandler(FileUploadHandler):
    """Counts each file's bytes as they stream in and refuses a file past its limit.

    `limits` maps a form field name to its largest file, files of other fields are limited to
    `default_limit`, unless `limit_for` decides from the file's first chunk. `total` is the
    largest body read at all. After parsing, `refusal` is "" or the reason (from `refuse`)."""

    def __init__(
        self,
        request=None,
        *,
        limits: dict[str, int] | None = None,
        default_limit: int,
        total: int,
        limit_for: LimitFor | None = None,
        refuse: Refuse | None = None,
        measure: bool = False,
    ):
        super().__init__(request)
        self.limits = limits or {}
        self.default_limit = default_limit
        self.total = total
        self.limit_for = limit_for
        self.refuse = refuse or _default_refusal
        self.measure = measure
        self.refusal = ""
        self._limit = default_limit
        self._field = ""
        self._received = 0
        self._over = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # A body declared bigger than any acceptable upload is not read at all. (The view has
        # refused it already; this keeps the handler safe on its own.)
        if content_length > self.total:
            self.refusal = self.refuse("", self.default_limit, content_length)
            return QueryDict(encoding=encoding), MultiValueDict()
        return None

    def new_file(self, field_name, *args, **kwargs):
        self._limit = self.limits.get(field_name, self.default_limit)
        self._field = field_name
        self._received = 0
        self._over = False
        super().new_file(field_name, *args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        if start == 0 and self.limit_for is not None:
            self._limit = self.limit_for(self._field, raw_data)
        self._received += len(raw_data)
        if self._received > self._limit:
            self._over = True
            if not self.measure:
                self.refusal = self.refuse(self._field, self._limit, None)
                raise StopUpload(connection_reset=False)
            return None  # counted, no longer kept by the handlers after this one
        return raw_data  # passed on to the handler that keeps it (memory or temporary file)

    def file_complete(self, file_size):
        if self._over:  # measured to its end: refused with its size, nothing kept
            self.refusal = self.refuse(self._field, self._limit, self._received)
            raise StopUpload(connection_reset=False)
        return None  # the next handler builds the uploaded file


MULTIPART = "multipart/form-data"
NOT_MULTIPART_MESSAGE = (
    "Send the form as multipart/form-data (as the page's own form does): "
    "this request carried no file and nothing was saved."
)


def is_multipart(request) -> bool:
    """Whether the request's body is a multipart form, the only kind that carries files."""
    return request.content_type == MULTIPART


def install(request, handler: SizeLimitUploadHandler) -> SizeLimitUploadHandler:
    """Put `handler` first on `request` (before its body is read); files go to memory when
    small and to a temporary file otherwise, never whole into memory.

    A body that is not multipart carries no file and may have been read already (the NUL check
    reads url-encoded forms), when Django no longer accepts upload handlers: it is left as it
    is. Upload views answer such a request 400 with NOT_MULTIPART_MESSAGE."""
    if not is_multipart(request):
        return handler
    request.upload_handlers = [
        handler,
        MemoryFileUploadHandler(request),
        TemporaryFileUploadHandler(request),
    ]
    return handler
