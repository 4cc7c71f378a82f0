"""The statistics' SQL: three queries for a kind and a day, however many rows there are.

1. `first_listings`: the platforms of the kind's accounts listed by the day, and the first
   listing day (where the time series starts).
2. `presence`: each entity's listings as bit masks over the time series' points (bit i set:
   an account was listed at point i; the last point is the day itself), then the entities of
   each group with any account and with one on each platform on the day, and the number of
   entities present at each point, overall and per platform.
3. `utilization`: each entity's largest account per platform (its latest count on or before
   the day), and the quartiles of those counts per group and platform: percentile_cont on
   PostgreSQL, the same linear interpolation (Excel's QUARTILE.INC) with window functions on
   SQLite.

An account is listed on a day from its first listing (inclusive) until its removal
(exclusive). Only names from the code (tables, columns, platforms, bit numbers) are written
into the SQL; values travel as parameters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import connection

from socialrx.core.platforms import PLATFORM_ORDER

ENTITY, ACCOUNT, SNAPSHOT = "registry_entity", "registry_account", "registry_snapshot"
WORK_MEM = "128MB"
PLATFORM_BITS = {platform: bit for bit, platform in enumerate(PLATFORM_ORDER)}
_PLATFORM_BIT = "CASE platform {} END".format(  # noqa: S608 - platform names from the code
    " ".join(f"WHEN '{platform}' THEN {bit}" for platform, bit in PLATFORM_BITS.items())
)


def _day(value: date):
    """A day as the database compares it: SQLite keeps dates as ISO text."""
    return value.isoformat() if connection.vendor == "sqlite" else value


def _as_date(value) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def tune() -> None:
    """On PostgreSQL, until the transaction ends: memory for the statistics' hash tables and
    sorts (with the default 4 MB, a million entities' rows spill to disk), and no JIT
    compiling, which costs these one-off queries more than it saves them."""
    if connection.vendor == "postgresql":
        _rows(
            "SELECT set_config('work_mem', %(memory)s, true), set_config('jit', 'off', true)",
            {"memory": WORK_MEM},
        )


class _BitOr:
    """bit_or(), which SQLite lacks, for its connection (`_rows`)."""

    def __init__(self):
        self.value = 0

    def step(self, value):
        self.value |= value or 0

    def finalize(self):
        return self.value


def _rows(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            connection.connection.create_aggregate("bit_or", 1, _BitOr)
        cursor.execute(sql, params)
        return cursor.fetchall()


# --- 1. where the series starts ---------------------------------------------------------------


def first_listings(kind: str, as_of: date) -> dict[str, date]:
    """platform -> its first listing on or before `as_of` (removed ones too)."""
    rows = _rows(
        f"""SELECT a.platform, MIN(a.first_listed)
        FROM {ACCOUNT} a JOIN {ENTITY} e ON e.id = a.entity_id
        WHERE e.kind = %(kind)s AND a.first_listed <= %(as_of)s
        GROUP BY a.platform""",  # noqa: S608 - table names from the code
        {"kind": kind, "as_of": _day(as_of)},
    )
    return {platform: _as_date(first) for platform, first in rows}


# --- 2. presence ------------------------------------------------------------------------------

# An account's mask sets the bits from the first to the last point it was listed at: the
# points before its first listing, and those before its removal (all of them while listed),
# counted by width_bucket on PostgreSQL (how many sorted thresholds are at or below a day).
_MASK_POSTGRESQL = """(
    (CAST(1 AS bigint) << COALESCE(width_bucket(a.removed_on - 1, %(days)s), %(count)s))
    - (CAST(1 AS bigint) << width_bucket(a.first_listed - 1, %(days)s))
)"""
_MASK_SQLITE = """(
    (1 << CASE WHEN a.removed_on IS NULL THEN %(count)s
        ELSE (SELECT COUNT(*) FROM points pt WHERE pt.day < a.removed_on) END)
    - (1 << (SELECT COUNT(*) FROM points pt WHERE pt.day < a.first_listed))
)"""

# Each entity's listings on each platform (its groups come along with its id, the entity
# table's key), then each entity's: the points it had any account at, and the platforms it
# had one on on the day.
_MASKS = f"""
per_platform AS MATERIALIZED (
    SELECT e.id AS entity_id, a.platform, {{entity_groups}}, bit_or({{mask}}) AS mask,
        SUM(CASE WHEN a.removed_on IS NULL OR a.removed_on > %(as_of)s THEN 1 ELSE 0 END)
            AS accounts_now,
        SUM(CASE WHEN a.is_generated AND (a.removed_on IS NULL OR a.removed_on > %(as_of)s)
            THEN 1 ELSE 0 END) AS generated_now
    FROM {ACCOUNT} a JOIN {ENTITY} e ON e.id = a.entity_id
    WHERE e.kind = %(kind)s AND a.first_listed <= %(as_of)s
    GROUP BY e.id, a.platform
),
per_entity AS MATERIALIZED (
    SELECT entity_id, {{groups}}, bit_or(mask) AS mask,
        bit_or(((mask >> %(last)s) & 1) << {_PLATFORM_BIT}) AS now_platforms,
        SUM(accounts_now) AS accounts_now, SUM(generated_now) AS generated_now
    FROM per_platform GROUP BY entity_id, {{groups}}
)"""  # noqa: S608 - names from the code


_PLATFORMS = range(len(PLATFORM_ORDER))
_PLATFORM_SUMS = ", ".join(f"SUM(on_{bit})" for bit in _PLATFORMS)

# Every entity of the kind (1 in `entities`), and those with an account on the day (their
# flags), summed per combination of their groups: a few thousand rows at most, which each
# dimension's groups then add up.
_COMBINATIONS = f"""
combinations AS MATERIALIZED (
    SELECT {{groups}}, SUM(entities) AS entities, SUM(is_generated) AS is_generated,
        SUM(bed_count_is_generated) AS bed_count_is_generated,
        SUM(bed_count_known) AS bed_count_known, SUM(present) AS present,
        SUM(accounts_now) AS accounts_now, SUM(generated_now) AS generated_now,
        {", ".join(f"SUM(on_{bit}) AS on_{bit}" for bit in _PLATFORMS)}
    FROM (
        SELECT {{groups}}, 1 AS entities,
            CASE WHEN is_generated THEN 1 ELSE 0 END AS is_generated,
            CASE WHEN bed_count_is_generated THEN 1 ELSE 0 END AS bed_count_is_generated,
            CASE WHEN bed_count IS NULL THEN 0 ELSE 1 END AS bed_count_known,
            0 AS present, 0 AS accounts_now, 0 AS generated_now,
            {", ".join(f"0 AS on_{bit}" for bit in _PLATFORMS)}
        FROM {ENTITY} WHERE kind = %(kind)s
        UNION ALL
        SELECT {{groups}}, 0, 0, 0, 0, CAST((mask >> %(last)s) & 1 AS integer),
            CAST(accounts_now AS integer), CAST(generated_now AS integer),
            {", ".join(f"CAST((now_platforms >> {bit}) & 1 AS integer)" for bit in _PLATFORMS)}
        FROM per_entity
    ) counted
    GROUP BY {{groups}}
)"""  # noqa: S608 - names from the code


@dataclass
class PresenceRow:
    """A group's counts on the day (`part` "all" for the whole kind, "group" for a group of
    a dimension) or, for `part` "series", the entities present at point `point`
    (`dimension` is the platform, "" for any platform)."""

    part: str
    dimension: str
    group: str
    point: int | None
    total: int
    present: int
    generated_entities: int
    generated_beds: int
    beds_known: int
    accounts: int
    generated_accounts: int
    by_platform: dict[str, int]


def presence(kind: str, as_of: date, points: list[date], dimensions: dict) -> list[PresenceRow]:
    """One query. `points` are ascending and end with `as_of`; `dimensions` maps a name to
    its (entity field, label)."""
    fields = sorted({entity_field for entity_field, _ in dimensions.values()})
    values = ", ".join(f"({i}, %(day{i})s)" for i in range(len(points)))
    groups = "".join(
        f"""
    UNION ALL
    SELECT 'group', '{name}', {entity_field}, NULL, SUM(entities), SUM(present),
        NULL, NULL, NULL, NULL, NULL, {_PLATFORM_SUMS}
    FROM combinations GROUP BY {entity_field}"""  # noqa: S608 - names from the code
        for name, (entity_field, _) in dimensions.items()
    )
    series_columns = ", ".join(["NULL"] * len(PLATFORM_ORDER))
    mask = _MASK_SQLITE if connection.vendor == "sqlite" else _MASK_POSTGRESQL
    groups_list = ", ".join(fields)
    entity_groups = ", ".join(f"e.{name} AS {name}" for name in fields)
    sql = f"""
    WITH points (i, day) AS (VALUES {values}),
    {_MASKS.format(groups=groups_list, entity_groups=entity_groups, mask=mask)},
    {_COMBINATIONS.format(groups=groups_list)},
    masks AS (
        SELECT '' AS platform, mask, COUNT(*) AS n FROM per_entity WHERE mask <> 0 GROUP BY mask
        UNION ALL
        SELECT platform, mask, COUNT(*) FROM per_platform WHERE mask <> 0 GROUP BY platform, mask
    )
    SELECT 'all', '', '', CAST(NULL AS integer), SUM(entities), SUM(present),
        SUM(is_generated), SUM(bed_count_is_generated), SUM(bed_count_known),
        SUM(accounts_now), SUM(generated_now), {_PLATFORM_SUMS}
    FROM combinations
    {groups}
    UNION ALL
    SELECT 'series', m.platform, '', pt.i, NULL, SUM(m.n), NULL, NULL, NULL, NULL, NULL,
        {series_columns}
    FROM masks m JOIN points pt ON (m.mask >> pt.i) & 1 = 1
    GROUP BY m.platform, pt.i"""  # noqa: S608 - names from the code
    params = {
        "kind": kind,
        "as_of": _day(as_of),
        "last": len(points) - 1,
        "count": len(points),
        "days": points,
        **{f"day{i}": _day(day) for i, day in enumerate(points)},
    }
    if connection.vendor == "sqlite":
        del params["days"]
    return [_presence_row(row) for row in _rows(sql, params)]


def _presence_row(row: tuple) -> PresenceRow:
    part, dimension, group, point, *counts = row
    numbers = [int(value or 0) for value in counts]
    return PresenceRow(
        part,
        dimension,
        group or "",
        point,
        *numbers[:7],
        by_platform={
            platform: count
            for platform, count in zip(PLATFORM_ORDER, numbers[7:], strict=True)
            if count
        },
    )


# --- 3. utilization ---------------------------------------------------------------------------


def _quartiles_postgresql(dimensions: dict[str, str]) -> str:
    """percentile_cont per platform, and per group of each dimension and platform: grouping
    sets read the entities' counts once."""
    names = " ".join(
        f"WHEN GROUPING({entity_field}) = 0 THEN '{name}'"
        for name, entity_field in dimensions.items()
    )
    groups = " ".join(
        f"WHEN GROUPING({entity_field}) = 0 THEN {entity_field}"
        for entity_field in dimensions.values()
    )
    sets = ", ".join(f"(platform, {entity_field})" for entity_field in dimensions.values())
    return f"""
    SELECT CASE {names} ELSE '__all__' END, CASE {groups} ELSE '' END, platform, COUNT(*),
        percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY followers)
    FROM largest WHERE followers IS NOT NULL
    GROUP BY GROUPING SETS ((platform), {sets})"""  # noqa: S608 - names from the code


def _interpolated(quarter: int) -> str:
    """QUARTILE.INC in SQL, as Python's statistics.quantiles(method="inclusive") computes it:
    position j and remainder d of quarter*(n-1)/4, then (x[j]*(4-d) + x[j+1]*d) / 4."""
    position = f"({quarter} * (n - 1))"
    return (
        f"SUM(CASE WHEN k = {position} / 4 THEN followers * (4 - {position} %% 4)"
        f" WHEN k = {position} / 4 + 1 THEN followers * ({position} %% 4) ELSE 0 END) / 4.0"
    )


_QUARTILES_SQLITE = f"""
, counts AS (
    SELECT '__all__' AS dimension, '' AS grp, platform, followers
    FROM largest WHERE followers IS NOT NULL{{by_group}}
),
ranked AS (
    SELECT dimension, grp, platform, followers,
        ROW_NUMBER() OVER (PARTITION BY dimension, grp, platform ORDER BY followers) - 1 AS k,
        COUNT(*) OVER (PARTITION BY dimension, grp, platform) AS n
    FROM counts
)
SELECT dimension, grp, platform, n, {_interpolated(1)}, {_interpolated(2)}, {_interpolated(3)}
FROM ranked GROUP BY dimension, grp, platform, n"""  # noqa: S608 - names from the code


def utilization(kind: str, as_of: date, dimensions: dict[str, str]):
    """(dimension, group, platform, n, q1, median, q3) rows; dimension "__all__" for the
    whole kind. `dimensions` maps a name to its entity field."""
    fields = sorted(set(dimensions.values()))
    sql = f"""
    WITH largest AS MATERIALIZED (
        SELECT a.platform, {", ".join(f"e.{name}" for name in fields)},
            MAX((
                SELECT s.followers FROM {SNAPSHOT} s
                WHERE s.account_id = a.id AND s.taken_on <= %(as_of)s
                ORDER BY s.taken_on DESC LIMIT 1
            )) AS followers
        FROM {ACCOUNT} a JOIN {ENTITY} e ON e.id = a.entity_id
        WHERE e.kind = %(kind)s AND a.first_listed <= %(as_of)s
            AND (a.removed_on IS NULL OR a.removed_on > %(as_of)s)
        GROUP BY e.id, a.platform
    )"""  # noqa: S608 - names from the code
    if connection.vendor == "sqlite":
        by_group = "".join(
            f"""
        UNION ALL SELECT '{name}', {entity_field}, platform, followers
        FROM largest WHERE followers IS NOT NULL"""  # noqa: S608 - names from the code
            for name, entity_field in dimensions.items()
        )
        sql += _QUARTILES_SQLITE.format(by_group=by_group)
    else:
        sql += _quartiles_postgresql(dimensions)
    rows = _rows(sql, {"kind": kind, "as_of": _day(as_of)})
    if connection.vendor == "sqlite":
        return [(d, g or "", p, n, q1, q2, q3) for d, g, p, n, q1, q2, q3 in rows]
    return [(d, g or "", p, n, *quartiles) for d, g, p, n, quartiles in rows]
