"""Lesson video, audio and captions files, streamed from the private storage to the people
who may open a lesson using them (`selectors.authoring.media_for`); anyone else, visitors
included, gets a 404 whatever the address. Byte ranges are honoured so players can seek
(`core.files.stream`)."""

from __future__ import annotations

from django.views.decorators.http import require_http_methods

from socialrx.core.errors import NotFound
from socialrx.core.files import stream

from ..selectors.authoring import media_for


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
