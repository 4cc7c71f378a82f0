"""What the statistics are made of: the result types, the groupings each kind is broken down by,
how groups are labelled and ordered, the dates of the time series, and the quartile rule."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta

from socialrx.core.geography import Region, state_name
from socialrx.core.platforms import Platform

from ...classification import OwnershipGroup, SizeBand
from ...models import EntityKind, OrganizationCategory

MAX_TIME_POINTS = 60  # at most 60 points, so a point's presence fits in a 64-bit mask

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
    # dimension -> how many entities of the kind have its field filled in (a blank type or
    # ownership, a size without a bed count, counts under "Not known")
    known: dict[str, int] = field(default_factory=dict)
    bed_counts_known: int = 0
    # The registry's data version the figures were computed from (see `adoption`).
    data_version: int = field(default=0, compare=False)

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


# --- groups -----------------------------------------------------------------------------------

_FIELD_CHOICES = {
    "region": Region,
    "ownership_group": OwnershipGroup,
    "size_band": SizeBand,
    "category": OrganizationCategory,
}


def group_label(entity_field: str, value: str) -> str:
    if not value:
        return UNKNOWN
    if entity_field == "state":
        return state_name(value)
    choices = _FIELD_CHOICES.get(entity_field)
    if choices is not None and value in choices.values:
        return choices(value).label
    return value


def order_groups(dimension: str, entity_field: str, rows: list[GroupRow]) -> list[GroupRow]:
    """States by share, highest first. Groups with choices in their own order (small, medium,
    large bands; the census regions; public, non-profit, for-profit, as the published tables
    list them), the others by label; "Not known" last."""
    if dimension == "state":
        return sorted(rows, key=lambda row: (-row.share, row.label))
    choices = _FIELD_CHOICES.get(entity_field)

    def key(row: GroupRow) -> tuple:
        if choices is not None and row.key in choices.values:
            return (row.key == "", choices.values.index(row.key), row.label)
        return (row.key == "", len(choices.values) if choices else 0, row.label)

    return sorted(rows, key=key)


# --- over time --------------------------------------------------------------------------------


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


# --- quartiles --------------------------------------------------------------------------------


def spread(values: list[int]) -> Spread:
    """Quartiles by linear interpolation between data points (Excel's QUARTILE.INC), as
    PostgreSQL's percentile_cont and the SQLite query in `queries` compute them."""
    if not values:
        return Spread(0, None, None, None)
    if len(values) == 1:
        return Spread(1, float(values[0]), float(values[0]), float(values[0]))
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(len(values), median, q1, q3)
