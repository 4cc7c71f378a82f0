"""Serving a stored file (Django's storage API: local disk, or S3-compatible storage) from a
view that has already decided the person may have it: lesson media, library downloads, podcast
audio. Nothing here checks permission.

Byte ranges (RFC 9110) are honoured so that players can seek and downloads resume: 206 with
Content-Range for one satisfiable range, 416 for an unsatisfiable one; a Range header that
cannot be read (a position of more than 19 digits included), or asks for several ranges, is
ignored (the whole file, 200)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.http import FileResponse, HttpResponse

from .errors import NotFound

# At most 19 digits a side (a position below 10**19 bytes): a longer number is no real file's
# position, and int() refuses strings of more than 4,300 digits.
RANGE = re.compile(r"^bytes=(\d{0,19})-(\d{0,19})$")
UNSATISFIABLE = object()

# Cache-Control for each audience. "private": a member's file, kept by their browser only
# (and varying on the session cookie); "public": a file anyone may have (public podcast
# audio), which shared caches and podcast apps may keep for an hour.
CACHE_POLICIES = {"private": "private", "public": "public, max-age=3600"}


def byte_range(header: str, size: int):
    """(first, last) byte positions for a Range header, None to send the whole file, or
    UNSATISFIABLE."""
    match = RANGE.match((header or "").strip())
    if match is None:
        return None  # absent, another unit, several ranges, malformed: ignored
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            return UNSATISFIABLE
        return max(0, size - length), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if last and end < start:
        return None  # invalid: ignored
    if start >= size:
        return UNSATISFIABLE
    return start, min(end, size - 1)


class _Slice:
    """`length` bytes of an open file from its current position (no tell/seek, so
    FileResponse leaves Content-Length to the view)."""

    def __init__(self, file, length: int):
        self._file = file
        self._left = length

    def read(self, size: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        size = self._left if size is None or size < 0 else min(size, self._left)
        data = self._file.read(size)
        self._left -= len(data)
        return data

    def close(self) -> None:
        self._file.close()


def attachment_disposition(name: str) -> str:
    """Content-Disposition for a download named `name` (RFC 6266): an ASCII `filename` every
    browser reads and, when the name is not plain ASCII, the exact name in `filename*`
    (RFC 8187). Line breaks, other control characters and path separators become "_", so
    no name can break the header or reach another folder."""
    name = (
        "".join(
            "_" if unicodedata.category(c).startswith("C") or c in "/\\" else c for c in name
        ).strip()
        or "download"
    )
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    fallback = re.sub(r"\s+", " ", fallback).strip()
    if not fallback or re.fullmatch(r"\.[^.]*", fallback):  # nothing ASCII but the extension
        fallback = "download" + fallback
    quoted = fallback.replace("\\", "\\\\").replace('"', '\\"')
    if fallback == name:
        return f'attachment; filename="{quoted}"'
    return f"attachment; filename=\"{quoted}\"; filename*=UTF-8''{quote(name, safe='')}"


def _headers(response, content_type: str, attachment_name: str | None, cache: str) -> HttpResponse:
    response["Content-Type"] = content_type
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = CACHE_POLICIES[cache]
    if cache == "private":
        response["Vary"] = "Cookie"
    if attachment_name:
        # An ASCII `filename` and, for any other name, RFC 5987's `filename*` (RFC 6266).
        response["Content-Disposition"] = attachment_disposition(attachment_name)
    return response


def stream(
    request,
    field_file,
    content_type: str,
    *,
    attachment_name: str | None = None,
    cache: str = "private",
):
    """The stored file (or the requested range of it) as a streaming response.

    `attachment_name`: the name a browser saves it under (Content-Disposition: attachment);
    without it the browser shows the file inline. `cache`: "private" (the default: Cache-Control
    private, Vary: Cookie) or "public" (public, an hour, no Vary). A file missing from storage
    is a 404."""
    if cache not in CACHE_POLICIES:
        raise ValueError(f"cache must be one of {sorted(CACHE_POLICIES)}, not {cache!r}")
    storage, name = field_file.storage, field_file.name
    try:
        size = storage.size(name)
        handle = storage.open(name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise NotFound("This file is missing.") from error
    wanted = byte_range(request.headers.get("Range", ""), size)
    if wanted is UNSATISFIABLE:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return _headers(response, content_type, attachment_name, cache)
    if wanted is None:
        response = FileResponse(handle, content_type=content_type)
        response["Content-Length"] = str(size)
        return _headers(response, content_type, attachment_name, cache)
    first, last = wanted
    handle.seek(first)
    response = FileResponse(_Slice(handle, last - first + 1), content_type=content_type, status=206)
    response["Content-Length"] = str(last - first + 1)
    response["Content-Range"] = f"bytes {first}-{last}/{size}"
    return _headers(response, content_type, attachment_name, cache)
