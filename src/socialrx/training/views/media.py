"""Lesson video, audio and captions files, streamed from the private storage to the people
who may open a lesson using them (`selectors.authoring.media_for`); anyone else, visitors
included, gets a 404 whatever the address. Byte ranges (RFC 9110) are honoured so players can
seek: 206 with Content-Range for one satisfiable range, 416 for an unsatisfiable one; a range
header that cannot be read is ignored (the whole file, 200)."""

from __future__ import annotations

import re

from django.http import FileResponse, HttpResponse
from django.views.decorators.http import require_http_methods

from socialrx.core.errors import NotFound

from ..selectors.authoring import media_for

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
UNSATISFIABLE = object()


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


def _headers(response, content_type: str) -> HttpResponse:
    response["Content-Type"] = content_type
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    response["Vary"] = "Cookie"
    return response


def stream(request, field_file, content_type: str):
    """The file (or the requested range of it) as a streaming response."""
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
        return _headers(response, content_type)
    if wanted is None:
        response = FileResponse(handle, content_type=content_type)
        response["Content-Length"] = str(size)
        return _headers(response, content_type)
    first, last = wanted
    handle.seek(first)
    response = FileResponse(_Slice(handle, last - first + 1), content_type=content_type, status=206)
    response["Content-Length"] = str(last - first + 1)
    response["Content-Range"] = f"bytes {first}-{last}/{size}"
    return _headers(response, content_type)


@require_http_methods(["GET", "HEAD"])
def media_file(request, public_id):
    media = media_for(request.user, public_id)
    return stream(request, media.file, media.content_type)


@require_http_methods(["GET", "HEAD"])
def media_captions(request, public_id):
    media = media_for(request.user, public_id)
    if not media.captions:
        raise NotFound("This file has no captions.")
    return stream(request, media.captions, "text/vtt; charset=utf-8")
