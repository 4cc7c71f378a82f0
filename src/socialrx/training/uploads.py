"""Size limits on lesson media uploads, enforced while the request body streams in.

The upload view first refuses a body whose declared length (CONTENT_LENGTH) is already too big,
before reading any of it. core's size-limit handler, first in `request.upload_handlers`, then
counts what actually arrives, file by file: a file over its limit stops the upload at once, the
partial temporary file is closed and removed by Django's parser, and `refusal` says why, so a
client whose file is bigger than it claimed never fills the disk."""

from __future__ import annotations

from socialrx.core import uploads
from socialrx.core.uploads import FORM_OVERHEAD_BYTES, SizeLimitUploadHandler, size_text

__all__ = [
    "CAPTIONS_MAX_BYTES",
    "FORM_OVERHEAD_BYTES",
    "SizeLimitUploadHandler",
    "declared_total_limit",
    "install",
    "size_text",
    "too_large_message",
]

CAPTIONS_MAX_BYTES = 2 * 1024 * 1024


def too_large_message(size: int, limit: int, what: str = "This upload") -> str:
    return (
        f"{what} is {size_text(size)}; lesson media files may be up to {size_text(limit)}. "
        "Compress the file (for example 720p video) or split the lesson."
    )


def declared_total_limit(media_limit: int) -> int:
    """The largest request body an acceptable upload can have."""
    return media_limit + CAPTIONS_MAX_BYTES + FORM_OVERHEAD_BYTES


def _refusal(field: str, limit: int, size: int | None) -> str:
    if size is not None:  # the whole body, declared too big
        return too_large_message(size, limit)
    what = "The captions file" if field == "captions" else "This file"
    return (
        f"{what} is larger than {size_text(limit)}, the most allowed: "
        "the upload was stopped and nothing was saved."
    )


def install(request, *, media_limit: int) -> SizeLimitUploadHandler:
    """Put the size-limit handler first on `request` (before its body is read)."""
    handler = SizeLimitUploadHandler(
        request,
        limits={"captions": CAPTIONS_MAX_BYTES, "file": media_limit},
        default_limit=media_limit,
        total=declared_total_limit(media_limit),
        refuse=_refusal,
    )
    return uploads.install(request, handler)
