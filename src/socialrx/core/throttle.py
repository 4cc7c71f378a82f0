"""Per-client limits on API requests: how many requests one client address (or another
identity a router names, such as the person) may make in a period, whatever router serves
them."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.conf import settings
from ninja.throttling import BaseThrottle, SimpleRateThrottle

from .requests import client_ip


class _ClientLimit(SimpleRateThrottle):
    """One request's check: a fresh object per request, because the throttle keeps its
    per-request state on itself and the API serves requests on several threads."""

    def __init__(self, scope: str, rate: str, ident: str | None):
        self.scope, self.ident = scope, ident
        super().__init__(rate=rate)

    def get_cache_key(self, request) -> str | None:
        if self.ident is None:
            return None  # not counted by this limit
        return self.cache_format % {"scope": self.scope, "ident": self.ident}


class ClientThrottle(BaseThrottle):
    """Requests per client address (`client_ip`, so proxies are counted as configured), at the
    rate the setting named `rate_setting` holds, such as "120/m" (`default` when the setting
    is absent). The setting is read on each request, so changing it takes effect at once. Each
    `scope` counts apart.

    `ident(request)` names another identity to count instead (e.g. the signed-in person);
    when it returns None the request is not counted by this throttle."""

    def __init__(
        self,
        *,
        scope: str,
        rate_setting: str,
        default: str | None = None,
        ident: Callable[[object], str | None] = client_ip,
    ):
        self.scope, self.rate_setting, self.default, self.ident = (
            scope,
            rate_setting,
            default,
            ident,
        )
        self._local = threading.local()

    def allow_request(self, request) -> bool:
        if self.default is None:
            rate = getattr(settings, self.rate_setting)
        else:
            rate = getattr(settings, self.rate_setting, self.default)
        self._local.limit = _ClientLimit(self.scope, rate, self.ident(request))
        return self._local.limit.allow_request(request)

    def wait(self) -> float | None:
        limit = getattr(self._local, "limit", None)
        return limit.wait() if limit is not None else None
