"""A counter that changes whenever registry data changes, so cached statistics (adoption,
utilization, filter choices) are recomputed after a write and never before; after each change
a task computes today's statistics ahead of the pages (`queue_statistics_refresh`).

The public pages cached for anonymous visitors (core.pagecache) are keyed by these counters
too: search, leaderboards and adoption by `data_version` (any change may show there); an
entity's page by the version of everything (moved by imports), that entity's own version
(moved by an edit naming it), so an edit of one listing redraws only its page, and the version
of organizations' items in other apps (`core.related.organizations_version`: a case study
published for the organization that claimed it)."""

from __future__ import annotations

import functools
import logging
import time
import uuid

from celery import current_app
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from socialrx.core import related

VERSION_KEY = "registry:data-version"
# Moved by a change that does not name its entities (an import, the demo): every page.
EVERYTHING_KEY = "registry:everything-version"
ENTITY_KEY = "registry:entity-version:{kind}:{key}"
# An entity's version lives a day (pages are kept far shorter): a million entity pages read
# once must not leave a million keys behind. An expired version is replaced by a fresh one, so
# the pages kept under the old one are simply not found.
ENTITY_VERSION_SECONDS = 24 * 60 * 60

logger = logging.getLogger(__name__)


def data_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, None)


def mark_changed(*entities) -> None:
    """Call inside the writing transaction: the counters move once the data is committed.
    An edit names the entities whose own pages it changes; a change naming none (an import)
    moves every page's version."""
    keys = [entity_key(entity.kind_slug, entity.key) for entity in entities]
    transaction.on_commit(functools.partial(_bump_all, keys or [EVERYTHING_KEY]))


def _bump_all(keys: list[str]) -> None:
    _bump()
    for key in keys:
        _bump_token(key)
    queue_statistics_refresh()


# Set while a refresh of today's statistics waits or runs: one at a time, however many changes
# come meanwhile (an import commits batch by batch). A refresh lost with its worker stops
# counting as waiting after a quarter of an hour.
REFRESH_KEY = "registry:statistics-refresh"
REFRESH_SECONDS = 15 * 60


def queue_statistics_refresh() -> None:
    """Have a task compute today's statistics for the new data, unless one is waiting or
    running (it queues another at its end if the data moved while it ran). Where tasks run
    inline (development, tests) nothing is queued: each change would compute every kind
    inside the request that made it, and the first page to ask computes its own."""
    if current_app.conf.task_always_eager:
        return
    token = uuid.uuid4().hex
    if not cache.add(REFRESH_KEY, token, REFRESH_SECONDS):
        return
    from .tasks import refresh_statistics  # noqa: PLC0415 - the tasks reach the selectors, which read this module

    try:
        refresh_statistics.delay(token)
    except Exception:
        # The change is committed already: a broker that is down must not turn it into an
        # error page. The figures are then computed by the first page that asks.
        cache.delete(REFRESH_KEY)
        logger.exception("Could not queue the refresh of the registry's statistics.")


def statistics_refresh_pending() -> bool:
    return cache.get(REFRESH_KEY) is not None


def statistics_refreshed(version: int, token: str = "") -> None:
    """The refresh that read the data at `version` is done: queue another if they moved.
    Only the refresh that was queued under `token` lets go of the key (the daily run has
    none, and a run that outlived the key must not release its successor's)."""
    if token and cache.get(REFRESH_KEY) == token:
        cache.delete(REFRESH_KEY)
    if data_version() != version:
        queue_statistics_refresh()


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (evicted, or a fresh cache)
        cache.set(VERSION_KEY, 2, None)


def _bump_token(key: str) -> None:
    """A fresh value, never one used before: were the key evicted, its next reader makes up
    another fresh one rather than finding an old page under a reused number."""
    cache.set(key, time.time_ns(), _lifetime(key))


def _token(keys: list[str]) -> list[int]:
    found = cache.get_many(keys)
    missing = {key: time.time_ns() for key in keys if key not in found}
    for key, token in missing.items():
        cache.set(key, token, _lifetime(key))
    return [found.get(key, missing.get(key)) for key in keys]


def _lifetime(key: str) -> int | None:
    return None if key == EVERYTHING_KEY else ENTITY_VERSION_SECONDS


def entity_key(kind_slug: str, key: str) -> str:
    """The same key whatever way the URL's CCN or public id was written (case; a public id
    without dashes or in braces, which the entity page accepts too)."""
    key = str(key)
    try:
        key = str(uuid.UUID(key))
    except ValueError:
        key = key.lower()
    return ENTITY_KEY.format(kind=kind_slug, key=key)


def page_version(request, *args, **kwargs) -> str:
    """Search, leaderboards, adoption: any change of the data; whether today's statistics are
    being refreshed (meanwhile the adoption page shows those of the data before the change,
    and is drawn again once the refresh is done); and the day (their defaults, 'as of today',
    move at midnight)."""
    found = cache.get_many([VERSION_KEY, REFRESH_KEY])
    version = found.get(VERSION_KEY) or data_version()
    refreshing = "refreshing" if REFRESH_KEY in found else "current"
    return f"{version}:{refreshing}:{timezone.localdate().isoformat()}"


def entity_page_version(request, kind: str, key: str) -> str:
    """An entity's page: imports (everything), edits of this entity, and what other apps show
    for its organization (the case studies of core.related, whose version they move)."""
    everything, own = _token([EVERYTHING_KEY, entity_key(kind, key)])
    organizations = related.organizations_version()
    return f"{everything}:{own}:{organizations}:{timezone.localdate().isoformat()}"
