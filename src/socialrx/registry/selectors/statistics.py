"""Adoption and utilization statistics, computed live for any date ("as of").

- Adoption: how many entities of a kind have any listed account, and an account on each
  platform, overall, by group (state, region, type, ownership, size, specialty) and over time.
  An account counts from the day it was first listed until the day it was removed.
- Utilization, as the published studies report it (Griffis et al. 2014): the median and
  interquartile range of followers per platform by group, from each entity's largest
  account on the platform and its latest follower count on or before the date.

The denominator is every entity of the kind in the registry today. Quartiles use linear
interpolation between data points (Excel's QUARTILE.INC). Results are cached until the
registry's data change."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Count, OuterRef, Q, Subquery

from socialrx.core.geography import Region, state_name
from socialrx.core.platforms import PLATFORM_ORDER, Platform

from ..classification import OwnershipGroup, SizeBand
from ..freshness import data_version
from ..models import Account, Entity, EntityKind, OrganizationCategory, Snapshot

CACHE_SECONDS = 60 * 60
MAX_TIME_POINTS = 60

# The groupings each kind is broken down by: name -> (entity field, label).
DIMENSIONS = {
    EntityKind.HOSPITAL: {
        "state": ("state", "State"),
        "region": ("region", "Census region"),
        "type": ("hospital_type", "Hospital type"),
        "ownership": ("ownership_group", "Ownership"),
        "size": ("size_band", "Size (beds)"),
    },
    EntityKind.PHYSICIAN: {
        "state": ("state", "State"),
        "region": ("region", "Census region"),
        "specialty": ("specialty", "Specialty"),
    },
    EntityKind.HEALTH_SYSTEM: {
        "state": ("state", "State"),
        "region": ("region", "Census region"),
    },
    EntityKind.ORGANIZATION: {
        "region": ("region", "Region"),
        "category": ("category", "Category"),
    },
}
UTILIZATION_DIMENSIONS = ("region", "ownership", "type", "size", "specialty")
UNKNOWN = "Not known"


@dataclass
class GroupRow:
    key: str
    label: str
    total: int = 0
    present: int = 0
    by_platform: dict[str, int] = field(default_factory=dict)

    @property
    def share(self) -> float:
        return self.present / self.total if self.total else 0.0

    def platform_share(self, platform: str) -> float:
        return self.by_platform.get(platform, 0) / self.total if self.total else 0.0


@dataclass
class TimePoint:
    day: date
    present: int
    by_platform: dict[str, int]


@dataclass
class Spread:
    """Median and interquartile range of a group's follower counts."""

    n: int
    median: float | None
    q1: float | None
    q3: float | None


@dataclass
class Adoption:
    kind: str
    as_of: date
    total: int
    generated_entities: int
    generated_bed_counts: int
    present: int
    by_platform: dict[str, int]
    platforms: list[str]
    accounts_counted: int
    generated_accounts: int
    breakdowns: dict[str, list[GroupRow]]
    dimension_labels: dict[str, str]
    over_time: list[TimePoint]
    # dimension -> group key -> platform -> Spread
    utilization: dict[str, dict[str, dict[str, Spread]]]
    group_labels: dict[str, dict[str, str]]

    @property
    def share(self) -> float:
        return self.present / self.total if self.total else 0.0

    @property
    def over_time_platforms(self) -> list[tuple[str, str]]:
        """(platform, label) of every platform in the series: those in use on `as_of`, and
        any left entirely before it, whose history the series still shows."""
        points = self.over_time[0].by_platform if self.over_time else {}
        return [(p, Platform(p).label) for p in points]

    def platform_rows(self) -> list[tuple[str, str, int, float]]:
        return [
            (
                p,
                Platform(p).label,
                self.by_platform.get(p, 0),
                self.by_platform.get(p, 0) / self.total if self.total else 0.0,
            )
            for p in self.platforms
        ]


def adoption(*, kind: str = EntityKind.HOSPITAL, as_of: date) -> Adoption:
    key = f"registry:adoption:{kind}:{as_of.isoformat()}:{data_version()}"
    result = cache.get(key)
    if result is None:
        result = _compute(kind, as_of)
        cache.set(key, result, CACHE_SECONDS)
    return result


def _compute(kind: str, as_of: date) -> Adoption:
    dimensions = DIMENSIONS[kind]
    group_fields = [entity_field for entity_field, _ in dimensions.values()]
    totals = list(
        Entity.objects.filter(kind=kind)
        .values(*group_fields)
        .annotate(
            n=Count("id"),
            generated=Count("id", filter=Q(is_generated=True)),
            generated_beds=Count("id", filter=Q(bed_count_is_generated=True)),
        )
        .order_by()
    )
    accounts = _accounts_until(kind, as_of, group_fields)
    listed = [a for a in accounts if a["removed_on"] is None or a["removed_on"] > as_of]
    breakdowns, labels = _breakdowns(dimensions, totals, listed)
    present_entities = {a["entity_id"] for a in listed}
    by_platform = _entities_per_platform(listed)
    platforms = [p for p in PLATFORM_ORDER if by_platform.get(p)]
    return Adoption(
        kind=kind,
        as_of=as_of,
        total=sum(row["n"] for row in totals),
        generated_entities=sum(row["generated"] for row in totals),
        generated_bed_counts=sum(row["generated_beds"] for row in totals),
        present=len(present_entities),
        by_platform=by_platform,
        platforms=platforms,
        accounts_counted=len(listed),
        generated_accounts=sum(1 for a in listed if a["is_generated"]),
        breakdowns=breakdowns,
        dimension_labels={name: label for name, (_, label) in dimensions.items()},
        over_time=_over_time(accounts, as_of, _platforms_of(accounts)),
        utilization=_utilization(dimensions, listed),
        group_labels=labels,
    )


def _accounts_until(kind: str, as_of: date, group_fields: list[str]) -> list[dict]:
    """Every account of the kind first listed by `as_of` (removed ones too, for the time
    series), with its entity's groups and its follower count as of that day."""
    followers_then = (
        Snapshot.objects.filter(account=OuterRef("pk"), taken_on__lte=as_of)
        .order_by("-taken_on")
        .values("followers")[:1]
    )
    return list(
        Account.objects.filter(entity__kind=kind, first_listed__lte=as_of)
        .annotate(followers_then=Subquery(followers_then))
        .values(
            "entity_id",
            "platform",
            "first_listed",
            "removed_on",
            "is_generated",
            "followers_then",
            *(f"entity__{name}" for name in group_fields),
        )
        .order_by()
    )


def _platforms_of(accounts: list[dict]) -> list[str]:
    used = {account["platform"] for account in accounts}
    return [p for p in PLATFORM_ORDER if p in used]


def _entities_per_platform(listed: list[dict]) -> dict[str, int]:
    entities = defaultdict(set)
    for account in listed:
        entities[account["platform"]].add(account["entity_id"])
    return {platform: len(ids) for platform, ids in entities.items()}


_FIELD_CHOICES = {
    "region": Region,
    "ownership_group": OwnershipGroup,
    "size_band": SizeBand,
    "category": OrganizationCategory,
}


def _group_label(entity_field: str, value: str) -> str:
    if not value:
        return UNKNOWN
    if entity_field == "state":
        return state_name(value)
    choices = _FIELD_CHOICES.get(entity_field)
    if choices is not None and value in choices.values:
        return choices(value).label
    return value


def _group_order(entity_field: str, row: GroupRow) -> tuple:
    """Groups with choices in their own order (small, medium, large bands; the census
    regions; public, non-profit, for-profit, as the published tables list them), the others
    by label; "Not known" last."""
    choices = _FIELD_CHOICES.get(entity_field)
    if choices is not None and row.key in choices.values:
        return (row.key == "", choices.values.index(row.key), row.label)
    return (row.key == "", len(choices.values) if choices else 0, row.label)


def _breakdowns(dimensions, totals, listed):
    breakdowns: dict[str, list[GroupRow]] = {}
    labels: dict[str, dict[str, str]] = {}
    for name, (entity_field, _) in dimensions.items():
        rows: dict[str, GroupRow] = {}
        for total in totals:
            value = total[entity_field] or ""
            row = rows.setdefault(value, GroupRow(value, _group_label(entity_field, value)))
            row.total += total["n"]
        present, per_platform = defaultdict(set), defaultdict(lambda: defaultdict(set))
        for account in listed:
            value = account[f"entity__{entity_field}"] or ""
            present[value].add(account["entity_id"])
            per_platform[value][account["platform"]].add(account["entity_id"])
        for value, row in rows.items():
            row.present = len(present[value])
            row.by_platform = {p: len(ids) for p, ids in per_platform[value].items()}
        ordered = sorted(rows.values(), key=lambda row: _group_order(entity_field, row))
        if name == "state":
            ordered = sorted(rows.values(), key=lambda row: (-row.share, row.label))
        breakdowns[name] = ordered
        labels[name] = {row.key: row.label for row in ordered}
    return breakdowns, labels


# --- over time ------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def time_points(start: date, end: date) -> list[date]:
    """Period ends from `start` until `end`, then `end` itself: month ends, or quarter or year
    ends when months would give more than MAX_TIME_POINTS points."""
    months, year, month = [], start.year, start.month
    while (year, month) < (end.year, end.month):
        months.append(_month_end(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    for every in (1, 3, 12):
        points = [day for day in months if day.month % every == 0]
        if len(points) < MAX_TIME_POINTS:
            break
    return [*points[-(MAX_TIME_POINTS - 1) :], end]


def _over_time(accounts: list[dict], as_of: date, platforms: list[str]) -> list[TimePoint]:
    """Presence at each point, by sweeping each account's listing interval."""
    if not accounts:
        return []
    start = min(a["first_listed"] for a in accounts)
    points = time_points(start, as_of)
    events = sorted(
        [(a["first_listed"], 1, a) for a in accounts]
        + [(a["removed_on"], -1, a) for a in accounts if a["removed_on"]],
        key=lambda event: (event[0], -event[1]),
    )
    per_entity: dict[int, int] = defaultdict(int)
    per_platform: dict[tuple[int, str], int] = defaultdict(int)
    series, index = [], 0
    for point in points:
        # Listed on or before the point, removed on or before it: not counted.
        while index < len(events) and events[index][0] <= point:
            _, change, account = events[index]
            per_entity[account["entity_id"]] += change
            per_platform[(account["entity_id"], account["platform"])] += change
            index += 1
        by_platform: dict[str, int] = defaultdict(int)
        for (_, platform), count in per_platform.items():
            if count > 0:
                by_platform[platform] += 1
        present = sum(1 for count in per_entity.values() if count > 0)
        series.append(TimePoint(point, present, {p: by_platform.get(p, 0) for p in platforms}))
    return series


# --- utilization ----------------------------------------------------------------------------


def spread(values: list[int]) -> Spread:
    if not values:
        return Spread(0, None, None, None)
    if len(values) == 1:
        return Spread(1, float(values[0]), float(values[0]), float(values[0]))
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(len(values), median, q1, q3)


def _utilization(dimensions, listed) -> dict[str, dict[str, dict[str, Spread]]]:
    # Each entity's largest account on a platform stands for it (its main page).
    largest: dict[tuple[int, str], dict] = {}
    for account in listed:
        if account["followers_then"] is None:
            continue
        key = (account["entity_id"], account["platform"])
        if key not in largest or account["followers_then"] > largest[key]["followers_then"]:
            largest[key] = account
    table: dict[str, dict[str, dict[str, Spread]]] = {}
    for name in UTILIZATION_DIMENSIONS:
        if name not in dimensions:
            continue
        entity_field = dimensions[name][0]
        values = defaultdict(lambda: defaultdict(list))
        for (_, platform), account in largest.items():
            group = account[f"entity__{entity_field}"] or ""
            values[group][platform].append(account["followers_then"])
            values["__all__"][platform].append(account["followers_then"])
        table[name] = {
            group: {platform: spread(sorted(counts)) for platform, counts in by_platform.items()}
            for group, by_platform in values.items()
        }
    return table


# --- leaderboards ---------------------------------------------------------------------------


def leaderboard(
    *, platform: str, kind: str = "", state: str = "", limit: int = 25, today: date | None = None
):
    """The most-followed listed accounts on a platform, with their count a year earlier."""
    today = today or date.today()
    year_ago = (
        Snapshot.objects.filter(account=OuterRef("pk"), taken_on__lte=today - timedelta(days=365))
        .order_by("-taken_on")
        .values("followers")[:1]
    )
    accounts = Account.objects.filter(
        platform=platform, removed_on__isnull=True, followers__isnull=False
    )
    if kind:
        accounts = accounts.filter(entity__kind=kind)
    if state:
        accounts = accounts.filter(entity__state=state)
    return list(
        accounts.select_related("entity")
        .annotate(followers_year_ago=Subquery(year_ago))
        .order_by("-followers", "entity__name")[:limit]
    )
