"""Per-client limits on API requests: how many requests one client address may make in a
period, signed in or not, whatever router serves them."""

from __future__ import annotations

import threading

from django.conf import settings
from ninja.throttling import BaseThrottle, SimpleRateThrottle

from .requests import client_ip


class _ClientLimit(SimpleRateThrottle):
    """One request's check: a fresh object per request, because the throttle keeps its
    per-request state on itself and the API serves requests on several threads."""

    def __init__(self, scope: str, rate: str):
        self.scope = scope
        super().__init__(rate=rate)

    def get_cache_key(self, request) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def get_ident(self, request) -> str | None:
        return client_ip(request)


class ClientThrottle(BaseThrottle):
    """Requests per client address (`client_ip`, so proxies are counted as configured), at the
    rate the setting named `rate_setting` holds, such as "120/m". The setting is read on each
    request, so changing it takes effect at once. Each `scope` counts apart."""

    def __init__(self, *, scope: str, rate_setting: str):
        self.scope, self.rate_setting = scope, rate_setting
        self._local = threading.local()

    def allow_request(self, request) -> bool:
        self._local.limit = _ClientLimit(self.scope, getattr(settings, self.rate_setting))
        return self._local.limit.allow_request(request)

    def wait(self) -> float | None:
        limit = getattr(self._local, "limit", None)
        return limit.wait() if limit is not None else None
