"""Social networks: X, Facebook, Instagram, Threads (Instagram's accounts) and LinkedIn."""

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

_X_HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")
_X_RESERVED = word_set(
    "home explore search hashtag i intent share settings messages notifications login "
    "signup tos privacy compose who_to_follow"
)


def normalize_x(src: Source) -> AccountAddress:
    """X (Twitter): x.com/<handle>; a link to a post (…/status/123) names its account."""
    # x.com/@name is not what X writes, but people do, and it can only mean the one account.
    name = without_at(first_segment(src, Platform.X, "x.com/name"))
    # Checked on the name, so that "@home" is refused too: its address would be X's own page.
    if name.lower() in _X_RESERVED:
        raise own_page(src, Platform.X, name)
    if not _X_HANDLE.fullmatch(name):
        raise invalid(src, Platform.X, "X handles are 1 to 15 letters, digits or underscores")
    return AccountAddress(Platform.X.value, f"@{name}", name.lower(), f"https://x.com/{name}")


_FACEBOOK_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9.]{3,48}[A-Za-z0-9]")
_FACEBOOK_RESERVED = word_set(
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


def normalize_facebook(src: Source) -> AccountAddress:
    """Facebook: a username (facebook.com/MayoClinic) or a page number, which several old URL
    forms carry (profile.php?id=…, /pages/Name/…, /people/Name/…, /p/Name-…)."""
    fb = Platform.FACEBOOK
    first = first_segment(src, fb, "facebook.com/name")
    kind, rest = first.lower(), src.segments[1:]
    if kind == "profile.php":
        number = src.param("id")
        if not _DIGITS.fullmatch(number):
            raise no_account(src, fb, "facebook.com/profile.php?id=123456")
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
        raise no_account(src, fb, "facebook.com/pages/Name/123456")
    if kind == "p":
        match = _NAME_AND_NUMBER.fullmatch(rest[0]) if rest else None
        if not match:
            raise no_account(src, fb, "facebook.com/p/Name-123456")
        return _facebook_by_number(match[2], match[1].replace("-", " "))
    if kind == "groups":
        raise AccountAddressError(
            f"{quoted(src.text)} is a Facebook group, not a page: "
            "enter the address of the organization's own page."
        )
    if kind in _FACEBOOK_RESERVED:
        raise own_page(src, fb, first)
    if kind == "pg":  # /pg/Name/about is an old form of a page's tabs
        if not rest:
            raise no_account(src, fb, "facebook.com/name")
        first = rest[0]
    username = first
    if not _FACEBOOK_USERNAME.fullmatch(username):
        raise invalid(
            src,
            fb,
            "Facebook usernames are 5 to 50 letters, digits or periods, "
            "and do not start or end with a period",
        )
    # Facebook ignores case and periods: facebook.com/mayo.clinic is facebook.com/MayoClinic.
    key = username.lower().replace(".", "")
    return AccountAddress(fb.value, username, key, f"https://www.facebook.com/{username}")


_INSTAGRAM_USERNAME = re.compile(r"[A-Za-z0-9._]{1,30}")
_INSTAGRAM_RULE = "Instagram usernames are 1 to 30 letters, digits, periods or underscores"
_INSTAGRAM_RESERVED = word_set("p reel reels explore stories accounts direct tv")


def normalize_instagram(src: Source) -> AccountAddress:
    """Instagram: instagram.com/<username>/; a link to the account's reels names the account."""
    ig = Platform.INSTAGRAM
    name = without_at(first_segment(src, ig, "instagram.com/name"))
    if name.lower() in _INSTAGRAM_RESERVED:
        raise own_page(src, ig, name)
    if not _INSTAGRAM_USERNAME.fullmatch(name):
        raise invalid(src, ig, _INSTAGRAM_RULE)
    return AccountAddress(ig.value, f"@{name}", name.lower(), f"https://www.instagram.com/{name}/")


_LINKEDIN_KINDS = ("company", "school", "showcase", "in")
# Slugs may be in any script; LinkedIn writes those percent-encoded, which was decoded.
_LINKEDIN_SLUG = re.compile(r"[\w-]{2,100}")


def normalize_linkedin(src: Source) -> AccountAddress:
    """LinkedIn: company, school and showcase pages and people's profiles (/in/)."""
    li = Platform.LINKEDIN
    segments = src.segments
    if not src.is_url and len(segments) == 1:
        kind, slug = "company", segments[0]  # hospitals are on LinkedIn as companies
    elif len(segments) >= 2 and segments[0].lower() in _LINKEDIN_KINDS:
        kind, slug = segments[0].lower(), segments[1]
    else:
        raise no_account(src, li, "linkedin.com/company/name or linkedin.com/in/name")
    if not _LINKEDIN_SLUG.fullmatch(slug):
        raise invalid(
            src, li, "LinkedIn page names are 2 to 100 letters, digits, hyphens or underscores"
        )
    return AccountAddress(
        li.value,
        f"{kind}/{slug}",
        f"{kind}:{slug.lower()}",
        f"https://www.linkedin.com/{kind}/{quote(slug, safe='')}/",
    )


def normalize_threads(src: Source) -> AccountAddress:
    """Threads: threads.com/@name (also threads.net); its accounts are Instagram accounts."""
    th = Platform.THREADS
    name = at_account(src, th, "threads.com/@name")
    if not _INSTAGRAM_USERNAME.fullmatch(name):
        raise invalid(src, th, f"Threads accounts are Instagram accounts: {_INSTAGRAM_RULE}")
    return AccountAddress(th.value, f"@{name}", name.lower(), f"https://www.threads.com/@{name}")
