"""Turning any way of writing an account into its one identity, by the rules of its platform,
and telling an address's platform from its host."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from .decentralized import MASTODON_ADDRESS, normalize_bluesky, normalize_mastodon
from .social import (
    normalize_facebook,
    normalize_instagram,
    normalize_linkedin,
    normalize_threads,
    normalize_x,
)
from .source import Source, a_platform, as_url, clean, platform_name, quoted, read_bare, read_url
from .video import normalize_tiktok, normalize_youtube
from .vocabulary import (
    HOME,
    HOSTS,
    PLATFORM_ORDER,
    WEBSITES,
    AccountAddress,
    AccountAddressError,
    Platform,
    known_host,
)
from .web import normalize_website

_NORMALIZERS: dict[str, Callable[[Source], AccountAddress]] = {
    Platform.FACEBOOK.value: normalize_facebook,
    Platform.X.value: normalize_x,
    Platform.YOUTUBE.value: normalize_youtube,
    Platform.INSTAGRAM.value: normalize_instagram,
    Platform.LINKEDIN.value: normalize_linkedin,
    Platform.TIKTOK.value: normalize_tiktok,
    Platform.THREADS.value: normalize_threads,
    Platform.BLUESKY.value: normalize_bluesky,
    Platform.MASTODON.value: normalize_mastodon,
    **{website: normalize_website(website) for website in WEBSITES},
}


def _platform_of_url(src: Source, platform: str) -> str:
    """The platform to read a URL with: the one asked for, if the host is compatible with it,
    or the host's own."""
    known = known_host(src.host)
    hosted_on = known[0] if known else None
    if not platform:
        if hosted_on is None:
            hint = " If it is a Mastodon account, choose Mastodon." if src.path[:2] == "/@" else ""
            raise AccountAddressError(
                f"The platform of {quoted(src.text)} is unknown: "
                f"choose Blog, Podcast or Other for a web site.{hint}"
            )
        return hosted_on
    if platform in WEBSITES:
        return platform  # a web site may be anywhere, even on a social platform's host
    if hosted_on is not None and hosted_on != platform:
        raise AccountAddressError(
            f"{quoted(src.text)} is {a_platform(hosted_on)} address, "
            f"not {a_platform(platform)} address."
        )
    if hosted_on is None and platform != Platform.MASTODON:
        raise AccountAddressError(
            f"{quoted(src.text)} is not {a_platform(platform)} address: "
            f"{platform_name(platform)} accounts are on {HOME[platform]}."
        )
    return platform


def normalize_account(value: str, platform: str | None = None) -> AccountAddress:
    """The one identity of the account `value` writes; `platform` (a Platform value) is needed
    for a bare handle and otherwise detected from the address. Raises AccountAddressError."""
    text = clean(value)
    platform = platform or ""
    if platform and platform not in PLATFORM_ORDER:
        raise AccountAddressError(f"“{platform}” is not a platform we know.")
    platform = str(platform)
    url = as_url(text, platform)
    if url is not None:
        src = read_url(text, url)
        platform = _platform_of_url(src, platform)
    else:
        src = read_bare(text)
        platform = platform or detect_platform(text) or ""
        if not platform:
            raise AccountAddressError(
                f"Say which platform this account is on: {quoted(text)} is a handle, "
                "and handles are written the same way on many platforms."
            )
    return _NORMALIZERS[Platform(platform).value](src)


def detect_platform(value: str) -> str | None:
    """The platform of an address by its host (or, for Mastodon, by the @name@server form);
    None when it cannot be told, as for a bare handle."""
    try:
        text = clean(value)
        url = as_url(text, "")
    except AccountAddressError:
        return None
    if url is None:
        match = MASTODON_ADDRESS.fullmatch(text)
        if match and (text.startswith("@") or match[2].lower() in HOSTS[Platform.MASTODON.value]):
            return Platform.MASTODON.value
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    known = known_host(host.rstrip("."))
    return known[0] if known else None
