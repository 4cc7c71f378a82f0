"""Facts about an HTTP request that several apps need, decided once."""

from __future__ import annotations

import uuid

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's address, for per-client limits. Behind TRUSTED_PROXY_COUNT reverse proxies
    it is the address the outermost of them saw (X-Forwarded-For, counted from the right);
    without them the header is ignored, because anyone can write it."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


def is_uuid(value: str) -> bool:
    """Whether a URL part is a UUID (public ids of private objects are UUIDs)."""
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
