"""Adoption and utilization statistics for any date ("as of"), computed in SQL.

- Adoption: how many entities of a kind have any listed account, and an account on each
  platform, overall, by group (state, region, type, ownership, size, specialty) and over time.
  An account counts from the day it was first listed until the day it was removed.
- Utilization, as the published studies report it (Griffis et al. 2014): the median and
  interquartile range of followers per platform by group, from each entity's largest
  account on the platform and its latest follower count on or before the date.

The denominator is every entity of the kind in the registry today. Quartiles use linear
interpolation between data points (Excel's QUARTILE.INC). Three queries compute a kind's
figures however many rows there are (`queries`); the results are kept in the cache under the
registry's data version, and today's are computed ahead by a task after every change
(`refresh_today`, queued by `freshness.mark_changed`), so pages read them ready-made."""

from __future__ import annotations

from datetime import date

from django.core.cache import cache
from django.utils import timezone

from ...freshness import data_version, statistics_refresh_pending
from ...models import EntityKind
from .compute import compute
from .leaderboard import leaderboard
from .shapes import (
    DIMENSIONS,
    MAX_TIME_POINTS,
    UNKNOWN,
    UTILIZATION_DIMENSIONS,
    Adoption,
    GroupRow,
    Spread,
    TimePoint,
    spread,
    time_points,
)

__all__ = [
    "DIMENSIONS",
    "MAX_TIME_POINTS",
    "UNKNOWN",
    "UTILIZATION_DIMENSIONS",
    "Adoption",
    "GroupRow",
    "Spread",
    "TimePoint",
    "adoption",
    "is_current",
    "leaderboard",
    "refresh_today",
    "spread",
    "time_points",
]

# A result outlives the day it is for only by the cache's own eviction: a change of the data
# moves the version in its key, and a new day asks for a new key.
CACHE_SECONDS = 26 * 60 * 60
# "v2": the figures' shape changed when they moved into SQL; a result pickled by the code before
# a deploy must not be read back by the code after it.
LATEST_KEY = "registry:adoption-latest:v2:{kind}"


def _key(kind: str, as_of: date, version: int) -> str:
    return f"registry:adoption:v2:{kind}:{as_of.isoformat()}:{version}"


def adoption(*, kind: str = EntityKind.HOSPITAL, as_of: date) -> Adoption:
    """The figures of `kind` as of a day: computed ahead for today, else on the first ask.

    Right after a change, while the task computes today's figures for the new data, today's
    page gets those of the data before it (`is_current` says so) rather than every visitor
    computing them at once."""
    version = data_version()
    result = cache.get(_key(kind, as_of, version))
    if result is None and statistics_refresh_pending():
        latest = cache.get(LATEST_KEY.format(kind=kind))
        if latest is not None and latest.as_of == as_of:
            return latest
    if result is None:
        result = compute(kind, as_of)
        result.data_version = version
        cache.set(_key(kind, as_of, version), result, CACHE_SECONDS)
    return result


def is_current(result: Adoption) -> bool:
    """Whether the figures are those of the registry's data as they are now."""
    return result.data_version == data_version()


def refresh_today(version: int) -> list[str]:
    """Compute today's figures of every kind from the data at `version` (read before they
    are: a change meanwhile moves the version, and the figures land under the older one,
    where nobody looks, while another refresh is queued). The keys written."""
    today, keys = timezone.localdate(), []
    for kind in EntityKind.values:
        result = compute(kind, today)
        result.data_version = version
        keys.append(_key(kind, today, version))
        cache.set_many({keys[-1]: result, LATEST_KEY.format(kind=kind): result}, CACHE_SECONDS)
    return keys
