"""Fixed-window counters in the shared cache, for limits a service enforces itself."""

from __future__ import annotations

from django.core.cache import cache


def count_hit(key: str, *, window_seconds: int) -> int:
    """Count one more hit on `key` in the current window and return the window's total.
    `add` then `incr` is atomic on Redis and on the local-memory cache alike."""
    full_key = f"ratelimit:{key}"
    cache.add(full_key, 0, window_seconds)
    try:
        return cache.incr(full_key)
    except ValueError:  # the window expired between add and incr
        cache.set(full_key, 1, window_seconds)
        return 1
