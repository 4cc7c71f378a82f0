"""Video platforms: YouTube channels and TikTok accounts. A link to a video names its
account on TikTok but not on YouTube."""

from __future__ import annotations

import re
from urllib.parse import quote

from .source import (
    Source,
    at_account,
    first_segment,
    invalid,
    no_account,
    own_page,
    quoted,
    without_at,
)
from .vocabulary import AccountAddress, AccountAddressError, Platform, word_set

_YOUTUBE_HANDLE = re.compile(r"[A-Za-z0-9_.-]{3,30}")
_YOUTUBE_CHANNEL = re.compile(r"UC[A-Za-z0-9_-]{22}")
_YOUTUBE_CUSTOM = re.compile(r"[\w.-]{1,100}")
_YOUTUBE_NOT_CHANNELS = {
    "watch": "a video",
    "shorts": "a video",
    "embed": "a video",
    "live": "a video",
    "v": "a video",
    "playlist": "a playlist",
    "results": "search results",
}
_YOUTUBE_RESERVED = word_set(
    "feed account premium gaming redirect hashtag post signin logout upload kids about t music"
)


def _youtube_handle(src: Source, name: str) -> AccountAddress:
    if not _YOUTUBE_HANDLE.fullmatch(name):
        raise invalid(
            src,
            Platform.YOUTUBE,
            "YouTube handles are 3 to 30 letters, digits, underscores, hyphens or periods",
        )
    return AccountAddress(
        Platform.YOUTUBE.value, f"@{name}", f"@{name.lower()}", f"https://www.youtube.com/@{name}"
    )


def _youtube_channel(src: Source, channel: str) -> AccountAddress:
    if not _YOUTUBE_CHANNEL.fullmatch(channel):
        raise invalid(src, Platform.YOUTUBE, "channel IDs are 24 characters and start with UC")
    # Channel IDs are case-sensitive: UCabc… and UCABC… are different channels.
    return AccountAddress(
        Platform.YOUTUBE.value,
        channel,
        f"channel:{channel}",
        f"https://www.youtube.com/channel/{channel}",
    )


def _youtube_custom(src: Source, kind: str, name: str) -> AccountAddress:
    """The older custom (/c/Name) and user (/user/Name) addresses, which still work."""
    if not _YOUTUBE_CUSTOM.fullmatch(name):
        raise invalid(
            src, Platform.YOUTUBE, "channel names are letters, digits, hyphens or periods"
        )
    return AccountAddress(
        Platform.YOUTUBE.value,
        f"{kind}/{name}",
        f"{kind}:{name.lower()}",
        f"https://www.youtube.com/{kind}/{quote(name, safe='')}",
    )


def normalize_youtube(src: Source) -> AccountAddress:
    """YouTube: @handles, channel IDs, and the older /c/ and /user/ names. A video link does not
    say which channel it is, so it is refused rather than guessed."""
    yt = Platform.YOUTUBE
    if src.base_host == "youtu.be":
        raise AccountAddressError(f"{quoted(src.text)} is a link to a video, not a channel.")
    first = first_segment(src, yt, "youtube.com/@name")
    if not src.is_url and len(src.segments) == 1:
        # A bare channel ID is recognisable by its shape; anything else is a handle.
        if _YOUTUBE_CHANNEL.fullmatch(first):
            return _youtube_channel(src, first)
        return _youtube_handle(src, without_at(first))
    kind = first.lower()
    if kind in _YOUTUBE_NOT_CHANNELS:
        raise AccountAddressError(
            f"{quoted(src.text)} is a link to {_YOUTUBE_NOT_CHANNELS[kind]}, not a channel."
        )
    if first.startswith("@"):
        return _youtube_handle(src, first[1:])
    if kind in ("channel", "c", "user"):
        if len(src.segments) < 2:
            raise no_account(src, yt, "youtube.com/@name")
        if kind == "channel":
            return _youtube_channel(src, src.segments[1])
        return _youtube_custom(src, kind, src.segments[1])
    if kind in _YOUTUBE_RESERVED:
        raise own_page(src, yt, first)
    # youtube.com/Name is the short form of the custom address youtube.com/c/Name.
    return _youtube_custom(src, "c", first)


_TIKTOK_USERNAME = re.compile(r"[A-Za-z0-9_.]{1,23}[A-Za-z0-9_]")


def normalize_tiktok(src: Source) -> AccountAddress:
    """TikTok: tiktok.com/@name; a video link (/@name/video/123) names its account."""
    tt = Platform.TIKTOK
    if src.host.startswith(("vm.", "vt.")):
        raise AccountAddressError(
            f"{quoted(src.text)} is a short link to a TikTok video, not an account: "
            "open it and copy the account's address, as in tiktok.com/@name."
        )
    name = at_account(src, tt, "tiktok.com/@name")
    if len(name) < 2 or not _TIKTOK_USERNAME.fullmatch(name):
        raise invalid(
            src,
            tt,
            "TikTok usernames are 2 to 24 letters, digits, underscores or periods, "
            "and do not end with a period",
        )
    return AccountAddress(tt.value, f"@{name}", name.lower(), f"https://www.tiktok.com/@{name}")
