"""The SQL statistics equal the earlier Python computation on random data.

The reference below is the registry's former algorithm, kept here unchanged in substance: it
fetches every account row and counts sets of entities in Python, sweeps listing events for
the time series and takes quartiles with statistics.quantiles. Random registries (entities of
every kind with blank groups, accounts listed, removed the same day or later, several on one
platform, and snapshots up to ten billion followers) are computed both ways, for days before,
amid and after the listings, and compared field by field, exactly (floats too)."""

import random
import statistics
from collections import defaultdict
from datetime import date, timedelta

import pytest
from django.db.models import Count, F, OuterRef, Q, Subquery

from socialrx.core.geography import Region, state_name
from socialrx.core.platforms import PLATFORM_ORDER
from socialrx.registry.classification import OwnershipGroup, SizeBand, classify
from socialrx.registry.models import (
    Account,
    Entity,
    EntityKind,
    OrganizationCategory,
    Snapshot,
)
from socialrx.registry.selectors.statistics.compute import compute
from socialrx.registry.selectors.statistics.shapes import (
    DIMENSIONS,
    UTILIZATION_DIMENSIONS,
    Adoption,
    GroupRow,
    Spread,
    TimePoint,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

# --- the reference: the former Python computation ---------------------------------------------

UNKNOWN = "Not known"
_FIELD_CHOICES = {
    "region": Region,
    "ownership_group": OwnershipGroup,
    "size_band": SizeBand,
    "category": OrganizationCategory,
}


def reference(kind: str, as_of: date) -> Adoption:
    dimensions = DIMENSIONS[kind]
    group_fields = [entity_field for entity_field, _ in dimensions.values()]
    totals = list(
        Entity.objects.filter(kind=kind)
        .values(*group_fields)
        .annotate(
            n=Count("id"),
            generated=Count("id", filter=Q(is_generated=True)),
            generated_beds=Count("id", filter=Q(bed_count_is_generated=True)),
            beds_known=Count("id", filter=Q(bed_count__isnull=False)),
        )
        .order_by()
    )
    accounts = _accounts_until(kind, as_of, group_fields)
    listed = [a for a in accounts if a["removed_on"] is None or a["removed_on"] > as_of]
    breakdowns, labels = _breakdowns(dimensions, totals, listed)
    present_entities = {a["entity_id"] for a in listed}
    by_platform = _entities_per_platform(listed)
    return Adoption(
        kind=kind,
        as_of=as_of,
        total=sum(row["n"] for row in totals),
        generated_entities=sum(row["generated"] for row in totals),
        generated_bed_counts=sum(row["generated_beds"] for row in totals),
        present=len(present_entities),
        by_platform=by_platform,
        platforms=[p for p in PLATFORM_ORDER if by_platform.get(p)],
        accounts_counted=len(listed),
        generated_accounts=sum(1 for a in listed if a["is_generated"]),
        breakdowns=breakdowns,
        dimension_labels={name: label for name, (_, label) in dimensions.items()},
        over_time=_over_time(accounts, as_of, _platforms_of(accounts)),
        utilization=_utilization(dimensions, listed),
        group_labels=labels,
        known={
            name: sum(row.total for row in rows if row.key) for name, rows in breakdowns.items()
        },
        bed_counts_known=sum(row["beds_known"] for row in totals),
    )


def _accounts_until(kind, as_of, group_fields):
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


def _platforms_of(accounts):
    used = {account["platform"] for account in accounts}
    return [p for p in PLATFORM_ORDER if p in used]


def _entities_per_platform(listed):
    entities = defaultdict(set)
    for account in listed:
        entities[account["platform"]].add(account["entity_id"])
    return {platform: len(ids) for platform, ids in entities.items()}


def _group_label(entity_field, value):
    if not value:
        return UNKNOWN
    if entity_field == "state":
        return state_name(value)
    choices = _FIELD_CHOICES.get(entity_field)
    if choices is not None and value in choices.values:
        return choices(value).label
    return value


def _group_order(entity_field, row):
    choices = _FIELD_CHOICES.get(entity_field)
    if choices is not None and row.key in choices.values:
        return (row.key == "", choices.values.index(row.key), row.label)
    return (row.key == "", len(choices.values) if choices else 0, row.label)


def _breakdowns(dimensions, totals, listed):
    breakdowns, labels = {}, {}
    for name, (entity_field, _) in dimensions.items():
        rows = {}
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


def _month_end(year, month):
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _time_points(start, end):
    months, year, month = [], start.year, start.month
    while (year, month) < (end.year, end.month):
        months.append(_month_end(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    for every in (1, 3, 12):
        points = [day for day in months if day.month % every == 0]
        if len(points) < 60:
            break
    return [*points[-59:], end]


def _over_time(accounts, as_of, platforms):
    if not accounts:
        return []
    start = min(a["first_listed"] for a in accounts)
    events = sorted(
        [(a["first_listed"], 1, a) for a in accounts]
        + [(a["removed_on"], -1, a) for a in accounts if a["removed_on"]],
        key=lambda event: (event[0], -event[1]),
    )
    per_entity, per_platform = defaultdict(int), defaultdict(int)
    series, index = [], 0
    for point in _time_points(start, as_of):
        while index < len(events) and events[index][0] <= point:
            _, change, account = events[index]
            per_entity[account["entity_id"]] += change
            per_platform[(account["entity_id"], account["platform"])] += change
            index += 1
        by_platform = defaultdict(int)
        for (_, platform), count in per_platform.items():
            if count > 0:
                by_platform[platform] += 1
        present = sum(1 for count in per_entity.values() if count > 0)
        series.append(TimePoint(point, present, {p: by_platform.get(p, 0) for p in platforms}))
    return series


def _spread(values):
    if len(values) == 1:
        return Spread(1, float(values[0]), float(values[0]), float(values[0]))
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(len(values), median, q1, q3)


def _utilization(dimensions, listed):
    largest = {}
    for account in listed:
        if account["followers_then"] is None:
            continue
        key = (account["entity_id"], account["platform"])
        if key not in largest or account["followers_then"] > largest[key]["followers_then"]:
            largest[key] = account
    table = {}
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
            group: {platform: _spread(sorted(counts)) for platform, counts in by_platform.items()}
            for group, by_platform in values.items()
        }
    return table


# --- random registries ------------------------------------------------------------------------

STATES = ["MN", "NY", "TX", "CA", "PR", "", "ZZ"]
TYPES = ["Acute Care Hospitals", "Critical Access Hospitals", "Psychiatric", ""]
OWNERSHIP = ["Voluntary non-profit - Private", "Proprietary", "Government - State", "", "Other"]
SPECIALTIES = ["Cardiology", "Pediatrics", "Family Medicine", ""]
PLATFORMS = ["facebook", "x", "youtube", "instagram", "linkedin", "tiktok"]
FIRST_DAY, LAST_DAY = date(2008, 1, 1), date(2025, 6, 30)


def _day(rng, first=FIRST_DAY, last=LAST_DAY):
    return first + timedelta(days=rng.randint(0, (last - first).days))


def random_registry(seed: int) -> None:
    """About 110 entities and 400 accounts with 1,200 snapshots."""
    rng = random.Random(seed)
    entities = []
    for number in range(110):
        kind = rng.choices(list(EntityKind.values), [5, 4, 1, 1])[0]
        beds = rng.choice([None, None, 20, 80, 150, 299, 300, 900])
        entity = Entity(
            kind=kind,
            name=f"ENTITY {seed}-{number}",
            ccn=f"99{number:04d}" if kind == EntityKind.HOSPITAL else "",
            npi=f"{seed % 10}{number:09d}" if kind == EntityKind.PHYSICIAN else "",
            state=rng.choice(STATES),
            country=rng.choice(["US"] * 9 + ["CA"]),
            hospital_type=rng.choice(TYPES) if kind == EntityKind.HOSPITAL else "",
            ownership=rng.choice(OWNERSHIP) if kind == EntityKind.HOSPITAL else "",
            bed_count=beds if kind == EntityKind.HOSPITAL else None,
            bed_count_is_generated=beds is not None and rng.random() < 0.5,
            specialty=rng.choice(SPECIALTIES) if kind == EntityKind.PHYSICIAN else "",
            category=rng.choice([*OrganizationCategory.values, ""])
            if kind == EntityKind.ORGANIZATION
            else "",
            is_generated=rng.random() < 0.3,
        )
        classify(entity)
        entities.append(entity)
    Entity.objects.bulk_create(entities)
    listed = [e for e in entities if rng.random() < 0.8]  # some entities never have an account
    accounts = []
    for number in range(400):
        first = _day(rng)
        ending = rng.random()
        removed = (
            None
            if ending < 0.6
            else first
            if ending < 0.68  # removed the day it was listed: never counted
            else _day(rng, first, LAST_DAY + timedelta(days=200))
        )
        accounts.append(
            Account(
                entity=rng.choice(listed),
                platform=rng.choice(PLATFORMS),
                handle=f"a{seed}x{number}",
                key=f"a{seed}x{number}",
                url=f"https://example.org/a{seed}x{number}",
                first_listed=first,
                removed_on=removed,
                is_generated=rng.random() < 0.5,
            )
        )
    Account.objects.bulk_create(accounts)
    snapshots = []
    for account in accounts:
        days = {
            _day(rng, account.first_listed - timedelta(days=30)) for _ in range(rng.randint(0, 6))
        }
        for day in sorted(days):
            followers = rng.choice(
                [rng.randint(0, 50), rng.randint(0, 10_000), rng.randint(0, 10_000_000_000), 500]
            )
            snapshots.append(Snapshot(account=account, taken_on=day, followers=followers))
    Snapshot.objects.bulk_create(snapshots)


AS_OF_DAYS = [
    date(2007, 6, 30),  # before any listing
    date(2008, 3, 31),  # a few months of listings: month ends
    date(2012, 2, 29),
    date(2016, 11, 17),  # quarter ends
    date(2025, 6, 30),  # years of listings: year ends
    date(2026, 1, 15),  # after every removal
]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_sql_statistics_equal_the_python_reference_on_random_data(seed):
    random_registry(seed)

    for kind in EntityKind.values:
        for as_of in AS_OF_DAYS:
            assert compute(kind, as_of) == reference(kind, as_of), (kind, as_of)


def test_the_reference_sees_what_the_random_data_is_made_for():
    """The random registry exercises what the comparison must cover."""
    random_registry(1)
    result = reference(EntityKind.HOSPITAL, date(2025, 6, 30))

    assert result.present > 10
    assert len(result.over_time) > 10
    assert any(row.key == "" for row in result.breakdowns["size"])
    assert Account.objects.filter(removed_on=F("first_listed")).exists()
    assert (
        Account.objects.values("entity", "platform").annotate(n=Count("id")).filter(n__gt=1)
    ).exists()
    spreads = [
        spread
        for groups in result.utilization.values()
        for by_platform in groups.values()
        for spread in by_platform.values()
    ]
    assert any(s.n >= 4 for s in spreads) and any(s.n == 1 for s in spreads)
