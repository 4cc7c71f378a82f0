"""Embedded videos: which addresses a lesson may embed, in which form, and the CSP that lets the
lesson page frame them.

A lesson embeds only https players on a host of `settings.TRAINING_EMBED_HOSTS`. The links
people copy from their browser are turned into the player's address: a YouTube watch,
youtu.be, shorts or embed link becomes `https://www.youtube-nocookie.com/embed/<id>` (no
tracking cookies until the learner presses play) and a Vimeo page becomes
`https://player.vimeo.com/video/<id>`. Anything else is refused with a message saying why.

The lesson view frames these players under the strict CSP with django-csp 4:

    @allow_embed_frames
    def lesson(request, ...): ...

or, where the hosts are known when the module loads, `csp_update({"frame-src":
csp_frame_sources()})`."""

from __future__ import annotations

import functools
import re
from urllib.parse import parse_qs, urlencode, urlsplit

from csp.decorators import csp_update
from django.conf import settings

from socialrx.core.errors import DomainError

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"}
YOUTUBE_NOCOOKIE_HOSTS = {"youtube-nocookie.com", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{1,12}$")
START_TIME = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$")
MAX_LENGTH = 300  # Lesson.embed_url's length


def _refuse(message: str) -> DomainError:
    return DomainError(message, field="embed_url")


def _hosts() -> list[str]:
    return [host.lower() for host in settings.TRAINING_EMBED_HOSTS]


def _start_seconds(value: str) -> int | None:
    """YouTube's t= / start= ("90", "90s", "1m30s") in seconds, None when not one."""
    match = START_TIME.match(value.strip())
    if not match or not value.strip():
        return None
    hours, minutes, seconds = (int(part) if part else 0 for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _youtube(host: str, path: str, query: dict[str, list[str]]) -> str | None:
    """The video id of a YouTube link, or None when the link is not one of a video."""
    parts = [part for part in path.split("/") if part]
    if host == "youtu.be":
        return parts[0] if len(parts) == 1 else None
    if host in YOUTUBE_HOSTS and parts == ["watch"]:
        return (query.get("v") or [None])[0]
    in_player = len(parts) == 2 and parts[0] in {"embed", "shorts", "live", "v"}
    if host in YOUTUBE_HOSTS | YOUTUBE_NOCOOKIE_HOSTS and in_player:
        return parts[1]
    return None


def _vimeo(host: str, path: str) -> str | None:
    parts = [part for part in path.split("/") if part]
    if host == "player.vimeo.com":
        return parts[1] if len(parts) == 2 and parts[0] == "video" else None
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 3 and parts[0] == "channels":  # vimeo.com/channels/staffpicks/123
        return parts[2]
    return None


def normalise_embed_url(url: str) -> str:
    """The player address to embed for `url` (see the module's docstring); raises DomainError
    (field "embed_url") with the reason when it may not be embedded."""
    url = (url or "").strip()
    if not url:
        raise _refuse("Enter the address of the video to embed.")
    if len(url) > MAX_LENGTH or any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise _refuse("That is not a video address: copy it again from the browser's bar.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise _refuse("That is not a web address: it should start with https://.") from error
    if parts.scheme.lower() != "https":
        raise _refuse("Only secure (https://) video addresses can be embedded.")
    host = (parts.hostname or "").lower()
    if not host or parts.username is not None or parts.password is not None:
        raise _refuse("That is not a web address: it should start with https://.")
    if port not in (None, 443):
        raise _refuse("Video addresses with a port number cannot be embedded.")
    query = parse_qs(parts.query)
    player = _player_url(host, parts.path, query)
    if player is None:
        if host in YOUTUBE_HOSTS | YOUTUBE_NOCOOKIE_HOSTS | {"youtu.be"} | VIMEO_HOSTS:
            raise _refuse("That link is not one video: open the video itself and copy its link.")
        player = f"https://{host}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")
    if urlsplit(player).hostname not in _hosts():
        allowed = ", ".join(_hosts()) or "none"
        raise _refuse(f"Videos from {host} cannot be embedded. Allowed hosts: {allowed}.")
    return player


def _player_url(host: str, path: str, query: dict[str, list[str]]) -> str | None:
    if host in YOUTUBE_HOSTS | YOUTUBE_NOCOOKIE_HOSTS | {"youtu.be"}:
        video = _youtube(host, path, query)
        if video is None or not YOUTUBE_ID.match(video):
            return None
        start = _start_seconds((query.get("start") or query.get("t") or [""])[0])
        suffix = f"?{urlencode({'start': start})}" if start else ""
        return f"https://www.youtube-nocookie.com/embed/{video}{suffix}"
    if host in VIMEO_HOSTS:
        video = _vimeo(host, path)
        if video is None or not VIMEO_ID.match(video):
            return None
        return f"https://player.vimeo.com/video/{video}"
    return None


def csp_frame_sources() -> list[str]:
    """The https origins of the allowed embed hosts, for the CSP's frame-src."""
    return [f"https://{host}" for host in _hosts()]


def allow_embed_frames(view):
    """Decorate a view whose page frames embedded videos: its response's CSP adds the embed
    hosts to frame-src (read at request time, so a settings change applies at once)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        return csp_update({"frame-src": csp_frame_sources()})(view)(request, *args, **kwargs)

    return wrapped
