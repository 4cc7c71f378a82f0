"""The address of a hospital's or physician's social-media account, reduced to one identity.

The same account is written many ways: ``@MayoClinic`` (on X), ``twitter.com/mayoclinic``,
``https://mobile.twitter.com/#!/MayoClinic`` and ``x.com/MayoClinic/`` are one account. The
registry counts accounts, so it must never count that one account four times: every accepted
way of writing it is turned into one ``key`` (equal keys mean the same account), one canonical
``url`` and one ``handle`` for display.

Each platform has its own rules, which this module follows rather than guesses at:

- which hosts are the platform's (``twitter.com`` and ``x.com`` are both X);
- which paths are accounts and which are the platform's own pages (``x.com/search`` is not an
  account, and a Facebook group is not an organization's page);
- which characters a handle may have, and whether the platform ignores case (all do) or other
  differences (Facebook also ignores the periods in a username);
- a link to a post identifies the account that posted it, so it is accepted as the account,
  but a YouTube video link does not name its channel, so it is refused.

Refusals raise `AccountAddressError` with a sentence a hospital communications manager can
act on. The module is pure: no database, no network, only the standard library.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

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
_WEBSITES = (Platform.BLOG.value, Platform.PODCAST.value, Platform.OTHER.value)
SOCIAL_PLATFORMS: tuple[str, ...] = tuple(p for p in PLATFORM_ORDER if p not in _WEBSITES)


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


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- Hosts -------------------------------------------------------------------------------------

_HOSTS: dict[str, tuple[str, ...]] = {
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
_HOME: dict[str, str] = {
    Platform.X.value: "x.com",
    Platform.FACEBOOK.value: "facebook.com",
    Platform.YOUTUBE.value: "youtube.com",
    Platform.INSTAGRAM.value: "instagram.com",
    Platform.LINKEDIN.value: "linkedin.com",
    Platform.TIKTOK.value: "tiktok.com",
    Platform.THREADS.value: "threads.com",
    Platform.BLUESKY.value: "bsky.app",
}


def _known_host(host: str) -> tuple[str, str] | None:
    """(platform, the platform's own host) for a lowercased host name, or None."""
    prefix, _, rest = host.partition(".")
    for platform, bases in _HOSTS.items():
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


def _is_domain(name: str, allow_unicode: bool = False) -> bool:
    """A domain name with at least two labels whose last one starts with a letter, which rules
    out bare words, IP addresses and "localhost"."""
    labels = name.split(".")
    if len(name) > 253 or len(labels) < 2 or not labels[-1][:1].isalpha():
        return False
    label_pattern = _UNICODE_LABEL if allow_unicode else _LABEL
    return all(label_pattern.fullmatch(label) for label in labels)


# --- Reading the input -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    """The input, read either as a URL or as a bare handle (``MayoClinic``, ``company/x``)."""

    text: str  # the stripped input, quoted back in messages
    is_url: bool
    segments: tuple[str, ...]  # the account part of the path, decoded, without empty parts
    params: str = ""  # the query string that goes with `segments`
    host: str = ""  # lowercased, without a trailing dot
    base_host: str = ""  # for a known platform's host: its main name (twitter.com)
    port: int | None = None
    path: str = ""  # the path as written, for web sites
    query: str = ""  # the query string as written, for web sites

    def param(self, name: str) -> str:
        return dict(parse_qsl(self.params, keep_blank_values=True)).get(name, "")


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):(.*)", re.DOTALL)
_HOST_AND_PORT = re.compile(r"[^/?#:@]+:[0-9]+(?:[/?#].*)?", re.DOTALL)


def _q(text: str) -> str:
    """Quote what the person wrote, shortened so the message stays a sentence."""
    return f"“{text if len(text) <= 80 else text[:79] + '…'}”"


def _name(platform: str) -> str:
    return "X" if platform == Platform.X else Platform(platform).label


def _a(platform: str) -> str:
    """“a Facebook address”, “an X address”."""
    article = "an" if platform in (Platform.X, Platform.INSTAGRAM) else "a"
    return f"{article} {_name(platform)}"


def _clean(value: object) -> str:
    if not isinstance(value, str):
        raise AccountAddressError("Enter the account's address as text.")
    text = value.strip()
    if not text:
        raise AccountAddressError("Enter the account's address or handle.")
    if len(text) > MAX_LENGTH:
        raise AccountAddressError(
            f"This address is too long: account addresses have at most {MAX_LENGTH} characters."
        )
    # Invisible characters (controls, zero-width and direction marks) make two addresses that
    # look the same differ, so they are refused rather than kept or silently removed.
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in text):
        raise AccountAddressError(
            f"{_q(text)} contains invisible or control characters: type the address again."
        )
    if any(ch.isspace() for ch in text):
        raise AccountAddressError(f"{_q(text)} has a space in it: addresses have no spaces.")
    return text


def _as_url(text: str, platform: str) -> str | None:
    """The text as an absolute URL when it is written as one; None when it is a bare handle."""
    match = _SCHEME.fullmatch(text)
    if match and not _HOST_AND_PORT.fullmatch(text):
        scheme = match[1].lower()
        if scheme in ("http", "https"):
            if not match[2].startswith("//"):
                raise AccountAddressError(
                    f"{_q(text)} is not a complete web address: it should start with https://."
                )
            return text
        if scheme == "did":  # a Bluesky DID, did:plc:…, is an identifier, not a URL
            return None
        raise AccountAddressError(
            f"{_q(text)} is not a web address: only http and https addresses can be used."
        )
    if text.startswith("//"):
        return "https:" + text
    first = re.split(r"[/?#]", text, maxsplit=1)[0]
    host = first.rsplit(":", 1)[0] if _HOST_AND_PORT.fullmatch(first) else first
    if not _is_domain(host.rstrip("."), allow_unicode=True):
        return None
    # "mayo.clinic" may be a Facebook username, "jane.bsky.social" is a Bluesky handle and
    # "profile.php?id=1" is a Facebook path, so a domain-like start makes a URL only for web
    # sites, for a platform's own host, or when a path follows it.
    if (
        platform in ("", *_WEBSITES)
        or text[len(first) :].startswith("/")
        or _known_host(host.lower().rstrip(".")) is not None
    ):
        return "https://" + text
    return None


def _split_segments(path: str) -> tuple[str, ...]:
    return tuple(unquote(part) for part in path.split("/") if part)


def _read_url(text: str, url: str) -> _Source:
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        raise AccountAddressError(f"{_q(text)} is not a valid web address.") from None
    if parts.username is not None or parts.password is not None:
        raise AccountAddressError(
            f"{_q(text)} contains a user name or password: enter the page's address only."
        )
    host = (host or "").rstrip(".")
    if not host:
        raise AccountAddressError(f"{_q(text)} has no site name, as in x.com or facebook.com.")
    path, params = parts.path, parts.query
    # Old links (https://twitter.com/#!/name) kept the account after "#!" for the browser.
    if path.strip("/") == "" and parts.fragment.startswith("!/"):
        path, _, params = parts.fragment[1:].partition("?")
    known = _known_host(host)
    return _Source(
        text=text,
        is_url=True,
        segments=_split_segments(path),
        params=params,
        host=host,
        base_host=known[1] if known else "",
        port=port,
        path=parts.path,
        query=parts.query,
    )


def _read_bare(text: str) -> _Source:
    account, _, _fragment = text.partition("#")
    path, _, params = account.partition("?")
    return _Source(text=text, is_url=False, segments=_split_segments(path), params=params)


# --- Per-platform rules ------------------------------------------------------------------------


def _invalid(src: _Source, platform: str, rule: str) -> AccountAddressError:
    return AccountAddressError(f"{_q(src.text)} is not a valid {_name(platform)} account: {rule}.")


def _own_page(src: _Source, platform: str, page: str) -> AccountAddressError:
    name = _name(platform)
    return AccountAddressError(
        f"{_q(src.text)} is not {_a(platform)} account: “{page}” is one of {name}'s own pages."
    )


def _no_account(src: _Source, platform: str, example: str) -> AccountAddressError:
    return AccountAddressError(
        f"{_q(src.text)} does not name {_a(platform)} account: "
        f"{_name(platform)} account addresses look like {example}."
    )


def _first(src: _Source, platform: str, example: str) -> str:
    if not src.segments:
        raise _no_account(src, platform, example)
    return src.segments[0]


def _without_at(name: str) -> str:
    return name[1:] if name.startswith("@") else name


_X_HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")
_X_RESERVED = _words(
    "home explore search hashtag i intent share settings messages notifications login "
    "signup tos privacy compose who_to_follow"
)


def _x(src: _Source) -> AccountAddress:
    """X (Twitter): x.com/<handle>; a link to a post (…/status/123) names its account."""
    # x.com/@name is not what X writes, but people do, and it can only mean the one account.
    name = _without_at(_first(src, Platform.X, "x.com/name"))
    # Checked on the name, so that "@home" is refused too: its address would be X's own page.
    if name.lower() in _X_RESERVED:
        raise _own_page(src, Platform.X, name)
    if not _X_HANDLE.fullmatch(name):
        raise _invalid(src, Platform.X, "X handles are 1 to 15 letters, digits or underscores")
    return AccountAddress(Platform.X.value, f"@{name}", name.lower(), f"https://x.com/{name}")


_FACEBOOK_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9.]{3,48}[A-Za-z0-9]")
_FACEBOOK_RESERVED = _words(
    "groups events watch marketplace gaming login sharer share help policies photo.php "
    "story.php permalink.php hashtag home.php login.php sharer.php reel stories search "
    "settings notifications messages friends dialog plugins"
)
_DIGITS = re.compile(r"[0-9]{1,25}")
_NAME_AND_NUMBER = re.compile(r"(.*?)-?([0-9]{1,25})")


def _facebook_by_number(number: str, name: str = "") -> AccountAddress:
    """Pages without a username are known by their number; profile.php?id= shows them all.
    The handle is the page's name when the address carried it, else that profile.php path."""
    number = str(int(number))  # 0123 and 123 are one page
    return AccountAddress(
        Platform.FACEBOOK.value,
        name or f"profile.php?id={number}",
        f"id:{number}",
        f"https://www.facebook.com/profile.php?id={number}",
    )


def _facebook(src: _Source) -> AccountAddress:
    """Facebook: a username (facebook.com/MayoClinic) or a page number, which several old URL
    forms carry (profile.php?id=…, /pages/Name/…, /people/Name/…, /p/Name-…)."""
    fb = Platform.FACEBOOK
    first = _first(src, fb, "facebook.com/name")
    kind, rest = first.lower(), src.segments[1:]
    if kind == "profile.php":
        number = src.param("id")
        if not _DIGITS.fullmatch(number):
            raise _no_account(src, fb, "facebook.com/profile.php?id=123456")
        return _facebook_by_number(number)
    if kind in ("pages", "people"):
        # The page's number follows its name: /pages/Some-Name/123456.
        for name, number in zip(rest, rest[1:], strict=False):
            if _DIGITS.fullmatch(number):
                return _facebook_by_number(number, name.replace("-", " "))
        # Newer ones end with the name and number together: /pages/category/Hospital/Name-123.
        match = _NAME_AND_NUMBER.fullmatch(rest[-1]) if rest else None
        if match and match[1]:
            return _facebook_by_number(match[2], match[1].replace("-", " "))
        raise _no_account(src, fb, "facebook.com/pages/Name/123456")
    if kind == "p":
        match = _NAME_AND_NUMBER.fullmatch(rest[0]) if rest else None
        if not match:
            raise _no_account(src, fb, "facebook.com/p/Name-123456")
        return _facebook_by_number(match[2], match[1].replace("-", " "))
    if kind == "groups":
        raise AccountAddressError(
            f"{_q(src.text)} is a Facebook group, not a page: "
            "enter the address of the organization's own page."
        )
    if kind in _FACEBOOK_RESERVED:
        raise _own_page(src, fb, first)
    if kind == "pg":  # /pg/Name/about is an old form of a page's tabs
        if not rest:
            raise _no_account(src, fb, "facebook.com/name")
        first = rest[0]
    username = first
    if not _FACEBOOK_USERNAME.fullmatch(username):
        raise _invalid(
            src,
            fb,
            "Facebook usernames are 5 to 50 letters, digits or periods, "
            "and do not start or end with a period",
        )
    # Facebook ignores case and periods: facebook.com/mayo.clinic is facebook.com/MayoClinic.
    key = username.lower().replace(".", "")
    return AccountAddress(fb.value, username, key, f"https://www.facebook.com/{username}")


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
_YOUTUBE_RESERVED = _words(
    "feed account premium gaming redirect hashtag post signin logout upload kids about t music"
)


def _youtube_handle(src: _Source, name: str) -> AccountAddress:
    if not _YOUTUBE_HANDLE.fullmatch(name):
        raise _invalid(
            src,
            Platform.YOUTUBE,
            "YouTube handles are 3 to 30 letters, digits, underscores, hyphens or periods",
        )
    return AccountAddress(
        Platform.YOUTUBE.value, f"@{name}", f"@{name.lower()}", f"https://www.youtube.com/@{name}"
    )


def _youtube_channel(src: _Source, channel: str) -> AccountAddress:
    if not _YOUTUBE_CHANNEL.fullmatch(channel):
        raise _invalid(src, Platform.YOUTUBE, "channel IDs are 24 characters and start with UC")
    # Channel IDs are case-sensitive: UCabc… and UCABC… are different channels.
    return AccountAddress(
        Platform.YOUTUBE.value,
        channel,
        f"channel:{channel}",
        f"https://www.youtube.com/channel/{channel}",
    )


def _youtube_custom(src: _Source, kind: str, name: str) -> AccountAddress:
    """The older custom (/c/Name) and user (/user/Name) addresses, which still work."""
    if not _YOUTUBE_CUSTOM.fullmatch(name):
        raise _invalid(
            src, Platform.YOUTUBE, "channel names are letters, digits, hyphens or periods"
        )
    return AccountAddress(
        Platform.YOUTUBE.value,
        f"{kind}/{name}",
        f"{kind}:{name.lower()}",
        f"https://www.youtube.com/{kind}/{quote(name, safe='')}",
    )


def _youtube(src: _Source) -> AccountAddress:
    """YouTube: @handles, channel IDs, and the older /c/ and /user/ names. A video link does not
    say which channel it is, so it is refused rather than guessed."""
    yt = Platform.YOUTUBE
    if src.base_host == "youtu.be":
        raise AccountAddressError(f"{_q(src.text)} is a link to a video, not a channel.")
    first = _first(src, yt, "youtube.com/@name")
    if not src.is_url and len(src.segments) == 1:
        # A bare channel ID is recognisable by its shape; anything else is a handle.
        if _YOUTUBE_CHANNEL.fullmatch(first):
            return _youtube_channel(src, first)
        return _youtube_handle(src, _without_at(first))
    kind = first.lower()
    if kind in _YOUTUBE_NOT_CHANNELS:
        raise AccountAddressError(
            f"{_q(src.text)} is a link to {_YOUTUBE_NOT_CHANNELS[kind]}, not a channel."
        )
    if first.startswith("@"):
        return _youtube_handle(src, first[1:])
    if kind in ("channel", "c", "user"):
        if len(src.segments) < 2:
            raise _no_account(src, yt, "youtube.com/@name")
        if kind == "channel":
            return _youtube_channel(src, src.segments[1])
        return _youtube_custom(src, kind, src.segments[1])
    if kind in _YOUTUBE_RESERVED:
        raise _own_page(src, yt, first)
    # youtube.com/Name is the short form of the custom address youtube.com/c/Name.
    return _youtube_custom(src, "c", first)


_INSTAGRAM_USERNAME = re.compile(r"[A-Za-z0-9._]{1,30}")
_INSTAGRAM_RULE = "Instagram usernames are 1 to 30 letters, digits, periods or underscores"
_INSTAGRAM_RESERVED = _words("p reel reels explore stories accounts direct tv")


def _instagram(src: _Source) -> AccountAddress:
    """Instagram: instagram.com/<username>/; a link to the account's reels names the account."""
    ig = Platform.INSTAGRAM
    name = _without_at(_first(src, ig, "instagram.com/name"))
    if name.lower() in _INSTAGRAM_RESERVED:
        raise _own_page(src, ig, name)
    if not _INSTAGRAM_USERNAME.fullmatch(name):
        raise _invalid(src, ig, _INSTAGRAM_RULE)
    return AccountAddress(ig.value, f"@{name}", name.lower(), f"https://www.instagram.com/{name}/")


_LINKEDIN_KINDS = ("company", "school", "showcase", "in")
# Slugs may be in any script; LinkedIn writes those percent-encoded, which was decoded.
_LINKEDIN_SLUG = re.compile(r"[\w-]{2,100}")


def _linkedin(src: _Source) -> AccountAddress:
    """LinkedIn: company, school and showcase pages and people's profiles (/in/)."""
    li = Platform.LINKEDIN
    segments = src.segments
    if not src.is_url and len(segments) == 1:
        kind, slug = "company", segments[0]  # hospitals are on LinkedIn as companies
    elif len(segments) >= 2 and segments[0].lower() in _LINKEDIN_KINDS:
        kind, slug = segments[0].lower(), segments[1]
    else:
        raise _no_account(src, li, "linkedin.com/company/name or linkedin.com/in/name")
    if not _LINKEDIN_SLUG.fullmatch(slug):
        raise _invalid(
            src, li, "LinkedIn page names are 2 to 100 letters, digits, hyphens or underscores"
        )
    return AccountAddress(
        li.value,
        f"{kind}/{slug}",
        f"{kind}:{slug.lower()}",
        f"https://www.linkedin.com/{kind}/{quote(slug, safe='')}/",
    )


def _at_account(src: _Source, platform: str, example: str) -> str:
    """The name in an address whose accounts are at /@name (TikTok, Threads); a bare name may
    be written with or without the @."""
    first = _first(src, platform, example)
    if src.is_url and not first.startswith("@"):
        raise _no_account(src, platform, example)
    return _without_at(first)


_TIKTOK_USERNAME = re.compile(r"[A-Za-z0-9_.]{1,23}[A-Za-z0-9_]")


def _tiktok(src: _Source) -> AccountAddress:
    """TikTok: tiktok.com/@name; a video link (/@name/video/123) names its account."""
    tt = Platform.TIKTOK
    if src.host.startswith(("vm.", "vt.")):
        raise AccountAddressError(
            f"{_q(src.text)} is a short link to a TikTok video, not an account: "
            "open it and copy the account's address, as in tiktok.com/@name."
        )
    name = _at_account(src, tt, "tiktok.com/@name")
    if len(name) < 2 or not _TIKTOK_USERNAME.fullmatch(name):
        raise _invalid(
            src,
            tt,
            "TikTok usernames are 2 to 24 letters, digits, underscores or periods, "
            "and do not end with a period",
        )
    return AccountAddress(tt.value, f"@{name}", name.lower(), f"https://www.tiktok.com/@{name}")


def _threads(src: _Source) -> AccountAddress:
    """Threads: threads.com/@name (also threads.net); its accounts are Instagram accounts."""
    th = Platform.THREADS
    name = _at_account(src, th, "threads.com/@name")
    if not _INSTAGRAM_USERNAME.fullmatch(name):
        raise _invalid(src, th, f"Threads accounts are Instagram accounts: {_INSTAGRAM_RULE}")
    return AccountAddress(th.value, f"@{name}", name.lower(), f"https://www.threads.com/@{name}")


_DID_PLC = re.compile(r"did:plc:[a-z2-7]{24}")


def _bluesky(src: _Source) -> AccountAddress:
    """Bluesky: a handle is a domain name (name.bsky.social, or an organization's own domain),
    and an account's permanent DID may be used instead."""
    bs = Platform.BLUESKY
    example = "bsky.app/profile/name.bsky.social"
    if src.is_url:
        if len(src.segments) < 2 or src.segments[0].lower() != "profile":
            raise _no_account(src, bs, example)
        name = src.segments[1]
    elif len(src.segments) == 1:
        name = src.segments[0]
    else:
        raise _no_account(src, bs, example)
    name = _without_at(name)
    if name.lower().startswith("did:"):
        did = name.lower()
        if not (_DID_PLC.fullmatch(did) or (did.startswith("did:web:") and _is_domain(did[8:]))):
            raise _invalid(src, bs, "a DID looks like did:plc: and 24 letters and digits")
        return AccountAddress(bs.value, did, did, f"https://bsky.app/profile/{did}")
    if "." not in name:
        name += ".bsky.social"  # a bare name is on Bluesky's own server
    if not _is_domain(name):
        raise _invalid(src, bs, "Bluesky handles are domain names, as in name.bsky.social")
    return AccountAddress(bs.value, f"@{name}", name.lower(), f"https://bsky.app/profile/{name}")


_MASTODON_USER = re.compile(r"[A-Za-z0-9_]{1,30}")
_MASTODON_ADDRESS = re.compile(r"@?([^@/]+)@([^@/]+)")


def _mastodon(src: _Source) -> AccountAddress:
    """Mastodon: an account is a user on a server, @name@server; the same name on two servers
    is two people, so the server is part of the identity and cannot be left out."""
    ms = Platform.MASTODON
    if src.is_url:
        server = src.base_host or src.host
        first = src.segments[0] if src.segments else ""
        if first.startswith("@"):
            user = first[1:]
            # A server shows accounts of other servers as /@name@their.server.
            if "@" in user:
                user, server = user.split("@", 1)
        elif len(src.segments) >= 2 and first.lower() == "users":
            user = src.segments[1]
        else:
            raise _no_account(src, ms, "https://mastodon.social/@name")
    else:
        match = _MASTODON_ADDRESS.fullmatch(src.text)
        if not match:
            raise AccountAddressError(
                f"{_q(src.text)} has no server: Mastodon addresses need the server, "
                "as in @name@mastodon.social."
            )
        user, server = match[1], match[2]
    if not _MASTODON_USER.fullmatch(user):
        raise _invalid(src, ms, "Mastodon user names are 1 to 30 letters, digits or underscores")
    server = server.lower()
    if not _is_domain(server):
        raise _invalid(src, ms, f"“{server}” is not a server name, as in mastodon.social")
    return AccountAddress(
        ms.value, f"@{user}@{server}", f"{user.lower()}@{server}", f"https://{server}/@{user}"
    )


# Links shared on social media carry trackers; they say where a click came from, not where to.
_TRACKING_PARAMS = _words("fbclid gclid")


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name.startswith("utm_") or name in _TRACKING_PARAMS


def _website(platform: str) -> Callable[[_Source], AccountAddress]:
    """Blogs, podcasts and other sites: the address is the identity, written one way."""

    def normalise(src: _Source) -> AccountAddress:
        if not src.is_url:
            raise AccountAddressError(
                f"{_q(src.text)} is not a web address: enter the whole address, "
                "as in blog.example.org."
            )
        if not _is_domain(src.host, allow_unicode=True):
            raise AccountAddressError(
                f"{_q(src.text)} is not a web address: “{src.host}” is not a site name."
            )
        port = f":{src.port}" if src.port not in (None, 80, 443) else ""
        path = src.path.rstrip("/")
        params = sorted(
            (name, value)
            for name, value in parse_qsl(src.query, keep_blank_values=True)
            if not _is_tracking(name)
        )
        query = f"?{urlencode(params)}" if params else ""
        # www.example.org and example.org are one site; www.com is not com.
        site = src.host.removeprefix("www.") if src.host.count(".") > 1 else src.host
        key = f"{site}{port}{path}{query}"
        return AccountAddress(platform, key, key, f"https://{src.host}{port}{path}{query}")

    return normalise


_NORMALIZERS: dict[str, Callable[[_Source], AccountAddress]] = {
    Platform.FACEBOOK.value: _facebook,
    Platform.X.value: _x,
    Platform.YOUTUBE.value: _youtube,
    Platform.INSTAGRAM.value: _instagram,
    Platform.LINKEDIN.value: _linkedin,
    Platform.TIKTOK.value: _tiktok,
    Platform.THREADS.value: _threads,
    Platform.BLUESKY.value: _bluesky,
    Platform.MASTODON.value: _mastodon,
    **{website: _website(website) for website in _WEBSITES},
}


# --- Public functions --------------------------------------------------------------------------


def _platform_of_url(src: _Source, platform: str) -> str:
    """The platform to read a URL with: the one asked for, if the host is compatible with it,
    or the host's own."""
    known = _known_host(src.host)
    hosted_on = known[0] if known else None
    if not platform:
        if hosted_on is None:
            hint = " If it is a Mastodon account, choose Mastodon." if src.path[:2] == "/@" else ""
            raise AccountAddressError(
                f"The platform of {_q(src.text)} is unknown: "
                f"choose Blog, Podcast or Other for a web site.{hint}"
            )
        return hosted_on
    if platform in _WEBSITES:
        return platform  # a web site may be anywhere, even on a social platform's host
    if hosted_on is not None and hosted_on != platform:
        raise AccountAddressError(
            f"{_q(src.text)} is {_a(hosted_on)} address, not {_a(platform)} address."
        )
    if hosted_on is None and platform != Platform.MASTODON:
        raise AccountAddressError(
            f"{_q(src.text)} is not {_a(platform)} address: "
            f"{_name(platform)} accounts are on {_HOME[platform]}."
        )
    return platform


def normalize_account(value: str, platform: str | None = None) -> AccountAddress:
    """The one identity of the account `value` writes; `platform` (a Platform value) is needed
    for a bare handle and otherwise detected from the address. Raises AccountAddressError."""
    text = _clean(value)
    platform = platform or ""
    if platform and platform not in PLATFORM_ORDER:
        raise AccountAddressError(f"“{platform}” is not a platform we know.")
    platform = str(platform)
    url = _as_url(text, platform)
    if url is not None:
        src = _read_url(text, url)
        platform = _platform_of_url(src, platform)
    else:
        src = _read_bare(text)
        platform = platform or detect_platform(text) or ""
        if not platform:
            raise AccountAddressError(
                f"Say which platform this account is on: {_q(text)} is a handle, "
                "and handles are written the same way on many platforms."
            )
    return _NORMALIZERS[Platform(platform).value](src)


def detect_platform(value: str) -> str | None:
    """The platform of an address by its host (or, for Mastodon, by the @name@server form);
    None when it cannot be told, as for a bare handle."""
    try:
        text = _clean(value)
        url = _as_url(text, "")
    except AccountAddressError:
        return None
    if url is None:
        match = _MASTODON_ADDRESS.fullmatch(text)
        if match and (text.startswith("@") or match[2].lower() in _HOSTS[Platform.MASTODON.value]):
            return Platform.MASTODON.value
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    known = _known_host(host.rstrip("."))
    return known[0] if known else None


# Words that say what kind of presence it is, not which platform: "Facebook page".
_FILLER_WORDS = _words(
    "page pages channel account accounts profile handle com net official our the formerly "
    "company feed"
)
_LABELS: dict[str, str] = {
    **{value: value for value in Platform.values},
    "fb": Platform.FACEBOOK,
    "twitter": Platform.X,
    "xtwitter": Platform.X,
    "twitterx": Platform.X,
    "yt": Platform.YOUTUBE,
    "ig": Platform.INSTAGRAM,
    "insta": Platform.INSTAGRAM,
    "bsky": Platform.BLUESKY,
    "blogs": Platform.BLOG,
    "weblog": Platform.BLOG,
    "podcasts": Platform.PODCAST,
    "applepodcasts": Platform.PODCAST,
}


def platform_from_label(text: str) -> str | None:
    """The platform a spreadsheet column or form label names ("Twitter", "FB", "Linked In",
    "YouTube channel"), ignoring case, spaces and punctuation; None when unknown."""
    if not isinstance(text, str):
        return None
    words = re.findall(r"[a-z0-9]+", text.casefold())
    name = "".join(word for word in words if word not in _FILLER_WORDS)
    found = _LABELS.get(name)
    return None if found is None else str(Platform(found).value)
