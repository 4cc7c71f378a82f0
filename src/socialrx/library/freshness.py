"""The version under which visitors' copies of the library's catalogue and news pages are kept
in the page cache (core.pagecache): any write to a resource, its files, links or episode, or to
a news post, moves it once the transaction commits, so a visitor never reads a withdrawn
resource or misses a published one. Views and downloads move nothing (they update counters
without signals): "most used this month" may be as old as PAGE_CACHE_SECONDS for visitors."""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "library:catalogue-version"


def catalogue_version(request=None, *args, **kwargs) -> str:
    """No query: one cache read."""
    return str(cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex[:12], None))


def catalogue_changed(**kwargs) -> None:
    """A signal receiver as well as a function: the pages are drawn again after commit."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex[:12], None))
