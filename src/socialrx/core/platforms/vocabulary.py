"""The platforms, what an account address becomes (`AccountAddress`), and how each platform's
hosts are recognised."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models


class Platform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    X = "x", "X (Twitter)"
    YOUTUBE = "youtube", "YouTube"
    INSTAGRAM = "instagram", "Instagram"
    LINKEDIN = "linkedin", "LinkedIn"
    TIKTOK = "tiktok", "TikTok"
    THREADS = "threads", "Threads"
    BLUESKY = "bluesky", "Bluesky"
    MASTODON = "mastodon", "Mastodon"
    BLOG = "blog", "Blog"
    PODCAST = "podcast", "Podcast"
    OTHER = "other", "Other"


PLATFORM_ORDER: tuple[str, ...] = tuple(Platform.values)
# Blogs, podcasts and other sites are plain web addresses: they have no handles.
WEBSITES = (Platform.BLOG.value, Platform.PODCAST.value, Platform.OTHER.value)
SOCIAL_PLATFORMS: tuple[str, ...] = tuple(p for p in PLATFORM_ORDER if p not in WEBSITES)


@dataclass(frozen=True)
class AccountAddress:
    platform: str  # a Platform value
    handle: str  # how people write it, for display
    key: str  # the account's identity on that platform: equal keys == same account
    url: str  # canonical https URL


class AccountAddressError(ValueError):
    """An address that is not a usable account address. ``message`` is a sentence a hospital
    communications manager understands, e.g. '“twitter.com/search” is not an X account:
    “search” is one of X's own pages.'"""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


MAX_LENGTH = 500


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- Hosts -------------------------------------------------------------------------------------

HOSTS: dict[str, tuple[str, ...]] = {
    Platform.X.value: ("x.com", "twitter.com"),
    Platform.FACEBOOK.value: ("facebook.com", "fb.com", "fb.me"),
    # youtu.be is recognised so that its links are refused as videos rather than as strangers.
    Platform.YOUTUBE.value: ("youtube.com", "youtu.be"),
    Platform.INSTAGRAM.value: ("instagram.com",),
    Platform.LINKEDIN.value: ("linkedin.com",),
    Platform.TIKTOK.value: ("tiktok.com",),
    Platform.THREADS.value: ("threads.com", "threads.net"),
    Platform.BLUESKY.value: ("bsky.app",),
    # Anyone can run a Mastodon server; only the large ones can be recognised by name.
    Platform.MASTODON.value: (
        "mastodon.social",
        "mastodon.online",
        "mstdn.social",
        "med-mastodon.com",
    ),
}
# The mobile and "www" versions of a site show the same accounts.
_COMMON_PREFIXES = frozenset({"www", "m", "mobile"})
_EXTRA_PREFIXES: dict[str, frozenset[str]] = {
    Platform.FACEBOOK.value: frozenset({"web", "business", "mbasic"}),
    # TikTok's short links (vm.tiktok.com/…) are recognised so they can be refused clearly.
    Platform.TIKTOK.value: frozenset({"vm", "vt"}),
}
# Where people find each platform's accounts, for messages.
HOME: dict[str, str] = {
    Platform.X.value: "x.com",
    Platform.FACEBOOK.value: "facebook.com",
    Platform.YOUTUBE.value: "youtube.com",
    Platform.INSTAGRAM.value: "instagram.com",
    Platform.LINKEDIN.value: "linkedin.com",
    Platform.TIKTOK.value: "tiktok.com",
    Platform.THREADS.value: "threads.com",
    Platform.BLUESKY.value: "bsky.app",
}


def known_host(host: str) -> tuple[str, str] | None:
    """(platform, the platform's own host) for a lowercased host name, or None."""
    prefix, _, rest = host.partition(".")
    for platform, bases in HOSTS.items():
        if host in bases:
            return platform, host
        if rest in bases and (
            prefix in _COMMON_PREFIXES
            or prefix in _EXTRA_PREFIXES.get(platform, ())
            # LinkedIn serves countries from their own subdomains: uk.linkedin.com.
            or (platform == Platform.LINKEDIN and re.fullmatch(r"[a-z]{2}", prefix))
        ):
            return platform, rest
    return None


_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
# Internationalised site names (a hospital's blog may have one) have letters of any script.
_UNICODE_LABEL = re.compile(r"(?!-)(?:[^\W_]|-){1,63}(?<!-)")


def is_domain(name: str, allow_unicode: bool = False) -> bool:
    """A domain name with at least two labels whose last one starts with a letter, which rules
    out bare words, IP addresses and "localhost"."""
    labels = name.split(".")
    if len(name) > 253 or len(labels) < 2 or not labels[-1][:1].isalpha():
        return False
    label_pattern = _UNICODE_LABEL if allow_unicode else _LABEL
    return all(label_pattern.fullmatch(label) for label in labels)
