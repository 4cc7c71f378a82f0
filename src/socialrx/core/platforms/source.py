"""Reading what a person wrote as an account address, either a URL or a bare handle, and the
sentences that refuse one."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

from .vocabulary import (
    MAX_LENGTH,
    WEBSITES,
    AccountAddressError,
    Platform,
    is_domain,
    known_host,
)


@dataclass(frozen=True)
class Source:
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


def quoted(text: str) -> str:
    """Quote what the person wrote, shortened so the message stays a sentence."""
    return f"“{text if len(text) <= 80 else text[:79] + '…'}”"


def platform_name(platform: str) -> str:
    return "X" if platform == Platform.X else Platform(platform).label


def a_platform(platform: str) -> str:
    """“a Facebook address”, “an X address”."""
    article = "an" if platform in (Platform.X, Platform.INSTAGRAM) else "a"
    return f"{article} {platform_name(platform)}"


def clean(value: object) -> str:
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
            f"{quoted(text)} contains invisible or control characters: type the address again."
        )
    if any(ch.isspace() for ch in text):
        raise AccountAddressError(f"{quoted(text)} has a space in it: addresses have no spaces.")
    return text


def as_url(text: str, platform: str) -> str | None:
    """The text as an absolute URL when it is written as one; None when it is a bare handle."""
    match = _SCHEME.fullmatch(text)
    if match and not _HOST_AND_PORT.fullmatch(text):
        scheme = match[1].lower()
        if scheme in ("http", "https"):
            if not match[2].startswith("//"):
                raise AccountAddressError(
                    f"{quoted(text)} is not a complete web address: it should start with https://."
                )
            return text
        if scheme == "did":  # a Bluesky DID, did:plc:…, is an identifier, not a URL
            return None
        raise AccountAddressError(
            f"{quoted(text)} is not a web address: only http and https addresses can be used."
        )
    if text.startswith("//"):
        return "https:" + text
    first = re.split(r"[/?#]", text, maxsplit=1)[0]
    host = first.rsplit(":", 1)[0] if _HOST_AND_PORT.fullmatch(first) else first
    if not is_domain(host.rstrip("."), allow_unicode=True):
        return None
    # "mayo.clinic" may be a Facebook username, "jane.bsky.social" is a Bluesky handle and
    # "profile.php?id=1" is a Facebook path, so a domain-like start makes a URL only for web
    # sites, for a platform's own host, or when a path follows it.
    if (
        platform in ("", *WEBSITES)
        or text[len(first) :].startswith("/")
        or known_host(host.lower().rstrip(".")) is not None
    ):
        return "https://" + text
    return None


def _split_segments(path: str) -> tuple[str, ...]:
    return tuple(unquote(part) for part in path.split("/") if part)


def read_url(text: str, url: str) -> Source:
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        raise AccountAddressError(f"{quoted(text)} is not a valid web address.") from None
    if parts.username is not None or parts.password is not None:
        raise AccountAddressError(
            f"{quoted(text)} contains a user name or password: enter the page's address only."
        )
    host = (host or "").rstrip(".")
    if not host:
        raise AccountAddressError(f"{quoted(text)} has no site name, as in x.com or facebook.com.")
    path, params = parts.path, parts.query
    # Old links (https://twitter.com/#!/name) kept the account after "#!" for the browser.
    if path.strip("/") == "" and parts.fragment.startswith("!/"):
        path, _, params = parts.fragment[1:].partition("?")
    known = known_host(host)
    return Source(
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


def read_bare(text: str) -> Source:
    account, _, _fragment = text.partition("#")
    path, _, params = account.partition("?")
    return Source(text=text, is_url=False, segments=_split_segments(path), params=params)


def invalid(src: Source, platform: str, rule: str) -> AccountAddressError:
    return AccountAddressError(
        f"{quoted(src.text)} is not a valid {platform_name(platform)} account: {rule}."
    )


def own_page(src: Source, platform: str, page: str) -> AccountAddressError:
    name = platform_name(platform)
    return AccountAddressError(
        f"{quoted(src.text)} is not {a_platform(platform)} account: "
        f"“{page}” is one of {name}'s own pages."
    )


def no_account(src: Source, platform: str, example: str) -> AccountAddressError:
    return AccountAddressError(
        f"{quoted(src.text)} does not name {a_platform(platform)} account: "
        f"{platform_name(platform)} account addresses look like {example}."
    )


def first_segment(src: Source, platform: str, example: str) -> str:
    if not src.segments:
        raise no_account(src, platform, example)
    return src.segments[0]


def without_at(name: str) -> str:
    return name[1:] if name.startswith("@") else name


def at_account(src: Source, platform: str, example: str) -> str:
    """The name in an address whose accounts are at /@name (TikTok, Threads); a bare name may
    be written with or without the @."""
    first = first_segment(src, platform, example)
    if src.is_url and not first.startswith("@"):
        raise no_account(src, platform, example)
    return without_at(first)
