"""The version of training's public pages (catalogue, course pages, boot camp pages), so that
`core.pagecache` serves anonymous visitors a stored copy until something they show changes.

Any write to the catalogue's rows (courses and their content, boot camps, their days, seats
taken by bookings and registrations, the waitlist) moves the version once its transaction
commits; member prices follow the plans' own version, and the center's date is part of it so
"upcoming" and deadlines move at midnight without a write. A stored page also expires after
PAGE_CACHE_SECONDS, which bounds how long a deadline passing within the day takes to show."""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

from socialrx.core.calendar import center_today
from socialrx.membership.selectors import plans_version

KEY = "training:public-pages:version"


def _current() -> str:
    version = cache.get(KEY)
    if version is None:
        version = uuid.uuid4().hex[:12]
        cache.add(KEY, version, timeout=None)
        version = cache.get(KEY, version)
    return version


def page_version(request=None, *args, **kwargs) -> str:
    """No query: the catalogue's version, the plans' version and the center's date."""
    return f"{_current()}.{plans_version(request)}.{center_today().isoformat()}"


def catalogue_changed(*args, **kwargs) -> None:
    """Signal receiver: a new version once the change is committed (never before, so a
    visitor cannot store the old page again under the new version)."""
    transaction.on_commit(lambda: cache.set(KEY, uuid.uuid4().hex[:12], timeout=None))
