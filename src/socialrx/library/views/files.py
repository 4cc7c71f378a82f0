"""A resource's file, streamed from the private storage to the people who may read the
resource (core.files.stream honours byte ranges, so players can seek); anyone else, visitors
included, gets a 404 whatever the address. Documents download as attachments under the name
their content gives them; audio and video play inline."""

from __future__ import annotations

from django.views.decorators.http import require_http_methods

from socialrx.core.files import stream

from ..selectors.files import download_name, file_for_reader, is_inline, may_cache_publicly
from ..services.usage import record_download


def _is_a_download(request, response) -> bool:
    """One download per fetch of the file from its start: a player's later range requests
    (seeking) and HEAD requests are not counted again."""
    if request.method != "GET" or response.status_code not in (200, 206):
        return False
    wanted = request.headers.get("Range", "").replace(" ", "")
    return not wanted or wanted.startswith("bytes=0-")


@require_http_methods(["GET", "HEAD"])
def resource_file(request, public_id, name):
    attached = file_for_reader(request.user, public_id)
    response = stream(
        request,
        attached.file,
        attached.content_type,
        attachment_name=None if is_inline(attached) else download_name(attached),
        cache="public" if may_cache_publicly(attached) else "private",
    )
    if _is_a_download(request, response):
        record_download(attached.resource, request.user)
    return response
