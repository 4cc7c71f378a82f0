"""Generated accounts for a few hundred real hospitals, and their bed counts (CMS publishes
none), following Griffis et al.'s shapes by size, ownership and region."""

from __future__ import annotations

import math
import random
from datetime import date

from socialrx.core.platforms import Platform

from ..classification import CRITICAL_ACCESS, classify
from ..models import (
    Entity,
    EntityKind,
)
from .generator import AccountGenerator
from .shapes import (
    ACCOUNT_SPREAD,
    ENTITY_SPREAD,
    HOSPITAL_PLATFORMS,
    MEDIANS_2013,
    OWNERSHIP_FACTOR,
    REGION_FACTOR,
)

DEMO_HOSPITALS = 420


def _beds(rng: random.Random, hospital_type: str) -> int:
    if hospital_type == CRITICAL_ACCESS:
        return rng.randint(8, 25)
    if hospital_type == "Psychiatric":
        return rng.randint(24, 160)
    band = rng.choices(["small", "medium", "large"], weights=[30, 42, 28])[0]
    low, high = {"small": (25, 99), "medium": (100, 299), "large": (300, 1100)}[band]
    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


def handle_stem(name: str, rng: random.Random, limit: int) -> str:
    handle = "".join("".join(c if c.isalnum() else " " for c in name.title()).split())[:limit]
    return handle if len(handle) >= 5 else (handle + "Health" + str(rng.randint(10, 99)))[:limit]


def generate_hospital_accounts(rng: random.Random, today: date, count: int = DEMO_HOSPITALS) -> int:
    hospitals = list(
        Entity.objects.filter(kind=EntityKind.HOSPITAL, is_generated=False)
        .exclude(hospital_type__in=["Acute Care - Department of Defense"])
        .order_by("ccn")
    )
    weights = [_hospital_weight(hospital) for hospital in hospitals]
    chosen = _sample(rng, hospitals, weights, count)
    generator = AccountGenerator(rng, today)
    for hospital in chosen:
        hospital.bed_count, hospital.bed_count_is_generated = (
            _beds(rng, hospital.hospital_type),
            True,
        )
        classify(hospital)
        size = hospital.size_band or "small"
        factor = OWNERSHIP_FACTOR[hospital.ownership_group] * REGION_FACTOR[hospital.region]
        factor *= math.exp(rng.gauss(0, ENTITY_SPREAD))
        handle = handle_stem(hospital.name, rng, 15)
        for platform, shape in HOSPITAL_PLATFORMS.items():
            if rng.random() >= shape.adoption:
                continue
            median = MEDIANS_2013.get(platform, MEDIANS_2013[Platform.FACEBOOK])[size]
            base = median * factor * shape.scale * math.exp(rng.gauss(0, ACCOUNT_SPREAD))
            generator.add(hospital, platform, handle, shape, base)
    Entity.objects.bulk_update(chosen, ["bed_count", "bed_count_is_generated", "size_band"])
    generator.save()
    return len(generator.accounts)


def _hospital_weight(hospital: Entity) -> float:
    """Larger, acute care, non-profit hospitals were the early adopters."""
    weight = {"Acute Care Hospitals": 3.0, "Childrens": 4.0, CRITICAL_ACCESS: 0.8}.get(
        hospital.hospital_type, 1.0
    )
    return weight * (1.5 if hospital.ownership_group == "nonprofit" else 1.0)


def _sample(rng: random.Random, items: list, weights: list[float], count: int) -> list:
    """Weighted sampling without replacement (Efraimidis–Spirakis keys)."""
    keyed = sorted(
        zip(items, weights, strict=True), key=lambda pair: -(rng.random() ** (1 / pair[1]))
    )
    return [item for item, _ in keyed[:count]]
