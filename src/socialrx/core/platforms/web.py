"""Blogs, podcasts and other web sites: the address itself is the identity."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

from .source import Source, quoted
from .vocabulary import AccountAddress, AccountAddressError, is_domain, word_set

# Links shared on social media carry trackers; they say where a click came from, not where to.
_TRACKING_PARAMS = word_set("fbclid gclid")


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name.startswith("utm_") or name in _TRACKING_PARAMS


def normalize_website(platform: str) -> Callable[[Source], AccountAddress]:
    """Blogs, podcasts and other sites: the address is the identity, written one way."""

    def normalise(src: Source) -> AccountAddress:
        if not src.is_url:
            raise AccountAddressError(
                f"{quoted(src.text)} is not a web address: enter the whole address, "
                "as in blog.example.org."
            )
        if not is_domain(src.host, allow_unicode=True):
            raise AccountAddressError(
                f"{quoted(src.text)} is not a web address: “{src.host}” is not a site name."
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
