"""Decentralised networks, where an account's server or domain is part of its identity:
Bluesky (handles are domain names) and Mastodon (a user on a server)."""

from __future__ import annotations

import re

from .source import Source, invalid, no_account, quoted, without_at
from .vocabulary import AccountAddress, AccountAddressError, Platform, is_domain

_DID_PLC = re.compile(r"did:plc:[a-z2-7]{24}")


def normalize_bluesky(src: Source) -> AccountAddress:
    """Bluesky: a handle is a domain name (name.bsky.social, or an organization's own domain),
    and an account's permanent DID may be used instead."""
    bs = Platform.BLUESKY
    example = "bsky.app/profile/name.bsky.social"
    if src.is_url:
        if len(src.segments) < 2 or src.segments[0].lower() != "profile":
            raise no_account(src, bs, example)
        name = src.segments[1]
    elif len(src.segments) == 1:
        name = src.segments[0]
    else:
        raise no_account(src, bs, example)
    name = without_at(name)
    if name.lower().startswith("did:"):
        did = name.lower()
        if not (_DID_PLC.fullmatch(did) or (did.startswith("did:web:") and is_domain(did[8:]))):
            raise invalid(src, bs, "a DID looks like did:plc: and 24 letters and digits")
        return AccountAddress(bs.value, did, did, f"https://bsky.app/profile/{did}")
    if "." not in name:
        name += ".bsky.social"  # a bare name is on Bluesky's own server
    if not is_domain(name):
        raise invalid(src, bs, "Bluesky handles are domain names, as in name.bsky.social")
    return AccountAddress(bs.value, f"@{name}", name.lower(), f"https://bsky.app/profile/{name}")


_MASTODON_USER = re.compile(r"[A-Za-z0-9_]{1,30}")
MASTODON_ADDRESS = re.compile(r"@?([^@/]+)@([^@/]+)")


def normalize_mastodon(src: Source) -> AccountAddress:
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
            raise no_account(src, ms, "https://mastodon.social/@name")
    else:
        match = MASTODON_ADDRESS.fullmatch(src.text)
        if not match:
            raise AccountAddressError(
                f"{quoted(src.text)} has no server: Mastodon addresses need the server, "
                "as in @name@mastodon.social."
            )
        user, server = match[1], match[2]
    if not _MASTODON_USER.fullmatch(user):
        raise invalid(src, ms, "Mastodon user names are 1 to 30 letters, digits or underscores")
    server = server.lower()
    if not is_domain(server):
        raise invalid(src, ms, f"“{server}” is not a server name, as in mastodon.social")
    return AccountAddress(
        ms.value, f"@{user}@{server}", f"{user.lower()}@{server}", f"https://{server}/@{user}"
    )
