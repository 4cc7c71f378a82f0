"""A counter that changes whenever registry data changes, so cached statistics (adoption,
utilization, filter choices) are recomputed after a write and never before."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "registry:data-version"


def data_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, None)


def mark_changed() -> None:
    """Call inside the writing transaction: the counter moves once the data is committed."""
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (evicted, or a fresh cache)
        cache.set(VERSION_KEY, 2, None)
