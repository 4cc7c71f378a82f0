"""The address of a social-media account, reduced to one identity.

The same account is written many ways: ``@MayoClinic`` (on X), ``twitter.com/mayoclinic``,
``https://mobile.twitter.com/#!/MayoClinic`` and ``x.com/MayoClinic/`` are one account.
Whoever counts accounts (the registry counts hospitals' and physicians') must never count that
one account four times: every accepted way of writing it is turned into one ``key`` (equal
keys mean the same account), one canonical ``url`` and one ``handle`` for display.

Each platform has its own rules, which this package follows rather than guesses at:

- which hosts are the platform's (``twitter.com`` and ``x.com`` are both X);
- which paths are accounts and which are the platform's own pages (``x.com/search`` is not an
  account, and a Facebook group is not an organization's page);
- which characters a handle may have, and whether the platform ignores case (all do) or other
  differences (Facebook also ignores the periods in a username);
- a link to a post identifies the account that posted it, so it is accepted as the account,
  but a YouTube video link does not name its channel, so it is refused.

The rules are grouped by family of platform: `social` (X, Facebook, Instagram, Threads,
LinkedIn), `video` (YouTube, TikTok), `decentralized` (Bluesky, Mastodon) and `web` (blogs,
podcasts, other sites); `vocabulary` lists the platforms and their hosts, `source` reads what
was written, and `normalize` picks the rules. Import from this package, not its modules.

Refusals raise `AccountAddressError` with a sentence a hospital communications manager can
act on. The package is pure: no database, no network, only the standard library.
"""

from .labels import platform_from_label
from .normalize import detect_platform, normalize_account
from .vocabulary import (
    MAX_LENGTH,
    PLATFORM_ORDER,
    SOCIAL_PLATFORMS,
    AccountAddress,
    AccountAddressError,
    Platform,
)

__all__ = [
    "MAX_LENGTH",
    "PLATFORM_ORDER",
    "SOCIAL_PLATFORMS",
    "AccountAddress",
    "AccountAddressError",
    "Platform",
    "detect_platform",
    "normalize_account",
    "platform_from_label",
]
