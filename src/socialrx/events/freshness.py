"""The version of events' public pages (the list, an event, its agenda, sessions and speakers),
so that `core.pagecache` serves anonymous visitors a stored copy until something they show
changes.

Any write to what those pages show (events, their agenda and speakers, ticket types, places
taken by orders and attendees, waitlist offers) moves the version once its transaction
commits; list prices are the event's own and member prices are never shown to visitors; the
center's date is part of the version so "upcoming" moves at midnight without a write. A stored
page also expires after PAGE_CACHE_SECONDS, which bounds how long a deadline passing within the
day (registration closing, an early-bird price ending) takes to show."""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

from socialrx.core.calendar import center_today

KEY = "events:public-pages:version"


def _current() -> str:
    version = cache.get(KEY)
    if version is None:
        version = uuid.uuid4().hex[:12]
        cache.add(KEY, version, timeout=None)
        version = cache.get(KEY, version)
    return version


def page_version(request=None, *args, **kwargs) -> str:
    """No query: the events' version and the center's date."""
    return f"{_current()}.{center_today().isoformat()}"


def events_changed(*args, **kwargs) -> None:
    """Signal receiver: a new version once the change is committed (never before, so a
    visitor cannot store the old page again under the new version)."""
    transaction.on_commit(lambda: cache.set(KEY, uuid.uuid4().hex[:12], timeout=None))
