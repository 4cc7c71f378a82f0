"""Hospitals and health systems of the scale data.

Real: the CMS hospitals shipped with the registry (`data/cms/`, read through the hospital import
layout, as `demo.cms` imports them), every one for M and L, an even sample by CCN for S.
Generated, and marked so: hospitals to the size's count (CCNs beginning "ZZ", which no state
has, each modelled on a real hospital's type, ownership and town), health systems (about two
hospitals in three belong to one of their state's), and bed counts for every hospital (CMS
publishes none). Accounts follow the published shapes (`demo.shapes`): each platform's
adoption share and its adoption over time (`HOSPITAL_ADOPTION`), followers by bed size,
ownership and region, heavy-tailed."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass

from socialrx.core.platforms import Platform
from socialrx.core.scale import random_uuid
from socialrx.core.scale_names import place_name

from ..classification import CRITICAL_ACCESS, size_band
from ..demo.cms import CMS_DIR, CMS_FILES
from ..demo.shapes import (
    ACCOUNT_SPREAD,
    ENTITY_SPREAD,
    HOSPITAL_ADOPTION,
    HOSPITAL_PLATFORMS,
    MEDIANS_2013,
    OWNERSHIP_FACTOR,
    REFERENCE_DAY,
    REGION_FACTOR,
    ramp,
)
from ..importing.runner import open_import_file
from ..importing.values import RowRejected
from ..models import EntityKind, ImportKind
from .entities import CMS_SOURCE, SCALE_SOURCE, EntityRows, derived
from .listings import PlatformCounts, popularity, stem

IN_A_SYSTEM = 0.65
HOSPITAL_SUFFIXES = [
    "Regional Medical Center", "Community Hospital", "Memorial Hospital", "Medical Center",
    "General Hospital", "Health Center",
]  # fmt: skip
SYSTEM_SUFFIXES = ["Health", "Health System", "Healthcare", "Health Network"]


@dataclass(frozen=True, slots=True)
class Affiliation:
    """What a physician takes from the hospital they work at."""

    id: int
    city: str
    state: str
    postal_code: str
    beds: int


def real_hospitals(sample: int | None) -> list[dict]:
    """The CMS hospitals' fields as the hospital import layout reads them, by CCN."""
    kind, filename = CMS_FILES[0]
    assert kind == ImportKind.HOSPITALS
    layout, table = open_import_file(CMS_DIR / filename, kind, filename)
    present = frozenset(table.columns)
    hospitals = []
    for row in table.rows():
        if row.problem:
            continue
        try:
            hospitals.append(layout.parse(row.values, present, row.number).data)
        except RowRejected:
            continue
    hospitals.sort(key=lambda values: values["ccn"])
    if sample is not None and sample < len(hospitals):
        hospitals = [hospitals[i * len(hospitals) // sample] for i in range(sample)]
    for values in hospitals:
        values.update(kind=EntityKind.HOSPITAL, source=CMS_SOURCE)
    return hospitals


def generated_hospitals(rng: random.Random, real: list[dict], count: int) -> list[dict]:
    """Invented hospitals, each with the type, ownership and town of a real one."""
    hospitals = []
    for number in range(1, count + 1):
        model = rng.choice(real)
        hospitals.append(
            {
                "kind": EntityKind.HOSPITAL,
                "ccn": f"ZZ{number:04d}",
                "name": f"{place_name(rng)} {rng.choice(HOSPITAL_SUFFIXES)}",
                **{
                    name: model.get(name, "")
                    for name in ("city", "state", "postal_code", "county", "hospital_type")
                },
                "ownership": model.get("ownership", ""),
                "emergency_services": model.get("emergency_services"),
                "is_generated": True,
                "source": SCALE_SOURCE,
            }
        )
    return hospitals


def beds(rng: random.Random, hospital_type: str) -> int:
    """A bed count for the hospital's type, in Griffis's size bands for acute care (critical
    access hospitals have at most 25 beds by law)."""
    if hospital_type == CRITICAL_ACCESS:
        return rng.randint(8, 25)
    if hospital_type == "Psychiatric":
        return rng.randint(24, 160)
    band = rng.choices(["small", "medium", "large"], weights=[30, 42, 28])[0]
    low, high = {"small": (25, 99), "medium": (100, 299), "large": (300, 1100)}[band]
    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


def write_hospitals(
    rng: random.Random, rows: EntityRows, targets, counts: PlatformCounts
) -> list[Affiliation]:
    """Health systems, then hospitals, each with its accounts (`counts`: how many of them on
    each platform); returns what physicians need of the hospitals."""
    real = real_hospitals(targets.cms_hospitals)
    hospitals = real + generated_hospitals(rng, real, targets.hospitals - len(real))
    if counts.size != targets.health_systems + len(hospitals):
        raise ValueError(f"{len(real):,} CMS hospitals are more than {targets.hospitals:,}.")
    for values in hospitals:
        values.update(bed_count=beds(rng, values["hospital_type"]), bed_count_is_generated=True)
    systems_by_state = defaultdict(list)
    for number in range(1, targets.health_systems + 1):
        home = rng.choice(hospitals)
        name = f"{place_name(rng)} {rng.choice(SYSTEM_SUFFIXES)}"
        values = {
            "kind": EntityKind.HEALTH_SYSTEM,
            "name": name,
            "external_id": f"SCALE-HS-{number:05d}",
            "city": home["city"],
            "state": home["state"],
            "is_generated": True,
            "source": SCALE_SOURCE,
        }
        accounts = _accounts(rng, rows, counts, values, stem(name, "S", number), "large")
        systems_by_state[home["state"]].append(_add(rng, rows, values, accounts))
    affiliations = []
    for number, values in enumerate(hospitals, start=1):
        in_state = systems_by_state.get(values["state"])
        if in_state and rng.random() < IN_A_SYSTEM:
            values["health_system"] = rng.choice(in_state)
        handle = stem(values["name"], "H", number)
        accounts = _accounts(rng, rows, counts, values, handle, size_band(values["bed_count"]))
        hospital_id = _add(rng, rows, values, accounts)
        affiliations.append(
            Affiliation(
                hospital_id,
                values["city"],
                values["state"],
                values.get("postal_code", ""),
                values["bed_count"],
            )
        )
    return affiliations


def hospital_accounts(targets) -> PlatformCounts:
    """The hospitals' and health systems' accounts by platform, as published."""
    return PlatformCounts(HOSPITAL_PLATFORMS, targets.health_systems + targets.hospitals)


def _add(rng: random.Random, rows: EntityRows, values: dict, accounts) -> int:
    values["public_id"] = random_uuid(rng)
    return rows.add(values, accounts)


def _accounts(rng, rows: EntityRows, counts: PlatformCounts, values: dict, handle: str, size):
    """The accounts of one hospital or system: Griffis et al.'s 2013 medians by bed size,
    times its ownership and region, times its own and each account's popularity."""
    group_and_region = derived(
        EntityKind.HOSPITAL, values["state"], values.get("ownership", ""), values.get("bed_count")
    )
    factor = OWNERSHIP_FACTOR[group_and_region["ownership_group"]]
    factor *= REGION_FACTOR.get(group_and_region["region"], 1.0) * popularity(rng, ENTITY_SPREAD)
    planned = []
    for platform in counts.pick(rng):
        # Joins when the platform's published adoption curve reaches a share drawn for it:
        # the hospitals on each platform by any day follow the curve.
        curve = HOSPITAL_ADOPTION[platform]
        listed = curve.day_reaching((1.0 - rng.random()) * curve.final)
        shape = HOSPITAL_PLATFORMS[platform]
        median = MEDIANS_2013.get(platform, MEDIANS_2013[Platform.FACEBOOK])[size or "small"]
        base = median * factor * shape.scale * popularity(rng, ACCOUNT_SPREAD)
        if listed is not None and listed <= REFERENCE_DAY:
            # An account new in 2013 has the 2013 medians' audience already (as the demo's).
            base /= ramp(listed, REFERENCE_DAY)
        planned.append(rows.listings.plan(platform, handle, shape, base, listed))
    return planned
