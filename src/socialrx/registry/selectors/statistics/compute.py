"""An `Adoption` from the three queries' rows: labels, order and shape only, no counting (the
rows are per group, per point and per platform, never per entity or account)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db import connection, transaction

from socialrx.core.platforms import PLATFORM_ORDER

from . import queries
from .shapes import (
    DIMENSIONS,
    UTILIZATION_DIMENSIONS,
    Adoption,
    GroupRow,
    Spread,
    TimePoint,
    group_label,
    order_groups,
    time_points,
)


def compute(kind: str, as_of: date) -> Adoption:
    """Four queries on PostgreSQL (its settings for them, then `queries`' three), three on
    SQLite (where a transaction would take the write lock)."""
    if connection.vendor == "postgresql":
        with transaction.atomic(savepoint=False):
            queries.tune()
            return _compute(kind, as_of)
    return _compute(kind, as_of)


def _compute(kind: str, as_of: date) -> Adoption:
    dimensions = DIMENSIONS[kind]
    first = queries.first_listings(kind, as_of)
    points = time_points(min(first.values()), as_of) if first else [as_of]
    rows = queries.presence(kind, as_of, points, dimensions)
    overall = next(row for row in rows if row.part == "all")
    breakdowns, labels, known = _breakdowns(dimensions, rows)
    by_platform = overall.by_platform
    return Adoption(
        kind=kind,
        as_of=as_of,
        total=overall.total,
        generated_entities=overall.generated_entities,
        generated_bed_counts=overall.generated_beds,
        present=overall.present,
        by_platform=by_platform,
        platforms=[p for p in PLATFORM_ORDER if by_platform.get(p)],
        accounts_counted=overall.accounts,
        generated_accounts=overall.generated_accounts,
        breakdowns=breakdowns,
        dimension_labels={name: label for name, (_, label) in dimensions.items()},
        over_time=_over_time(rows, points, [p for p in PLATFORM_ORDER if p in first]),
        utilization=_utilization(kind, as_of, dimensions),
        group_labels=labels,
        known=known,
        bed_counts_known=overall.beds_known,
    )


def _breakdowns(dimensions, rows):
    breakdowns: dict[str, list[GroupRow]] = {}
    labels: dict[str, dict[str, str]] = {}
    known: dict[str, int] = {}
    for name, (entity_field, _) in dimensions.items():
        groups = [
            GroupRow(
                row.group,
                group_label(entity_field, row.group),
                row.total,
                row.present,
                row.by_platform,
            )
            for row in rows
            if row.part == "group" and row.dimension == name
        ]
        ordered = order_groups(name, entity_field, groups)
        breakdowns[name] = ordered
        labels[name] = {row.key: row.label for row in ordered}
        known[name] = sum(row.total for row in ordered if row.key)
    return breakdowns, labels, known


def _over_time(rows, points: list[date], platforms: list[str]) -> list[TimePoint]:
    """Entities present at each point; every platform listed by the day has a count at every
    point (0 before its first listing and after its last removal)."""
    if not platforms:
        return []
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    for row in rows:
        if row.part == "series":
            counts[row.dimension][row.point] = row.present
    return [
        TimePoint(
            day,
            counts[""].get(i, 0),
            {platform: counts[platform].get(i, 0) for platform in platforms},
        )
        for i, day in enumerate(points)
    ]


def _utilization(kind, as_of, dimensions) -> dict[str, dict[str, dict[str, Spread]]]:
    """dimension -> group ("__all__" for every entity of the kind) -> platform -> Spread,
    for the dimensions the published studies report followers by."""
    names = [name for name in UTILIZATION_DIMENSIONS if name in dimensions]
    table: dict[str, dict[str, dict[str, Spread]]] = {name: {} for name in names}
    rows = queries.utilization(kind, as_of, {name: dimensions[name][0] for name in names})
    for dimension, group, platform, n, q1, median, q3 in rows:
        spread = Spread(int(n), float(median), float(q1), float(q3))
        for name in names if dimension == "__all__" else [dimension]:
            table[name].setdefault(group if dimension != "__all__" else "__all__", {})[platform] = (
                spread
            )
    return table
