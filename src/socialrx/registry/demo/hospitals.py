"""Generated bed counts (CMS publishes none) and social media accounts for every real hospital
of the demo, following the published adoption over time (shapes.HOSPITAL_ADOPTION) and
Griffis et al.'s follower shapes by size, ownership and region."""

from __future__ import annotations

import math
import random
import statistics
from dataclasses import dataclass
from datetime import date
from statistics import NormalDist

from socialrx.core.platforms import Platform

from ..classification import CRITICAL_ACCESS, CRITICAL_ACCESS_MAX_BEDS, classify
from ..models import Entity, EntityKind
from .bulk import update_rows
from .generator import AccountGenerator
from .shapes import (
    ACCOUNT_SPREAD,
    ENTITY_SPREAD,
    HOSPITAL_ADOPTION,
    HOSPITAL_PLATFORMS,
    MEDIANS_2013,
    OWNERSHIP_FACTOR,
    REFERENCE_DAY,
    REGION_FACTOR,
    TOGETHERNESS,
    ramp,
)

# Beds by CMS hospital type: (low, high) drawn evenly on a log scale, or for acute care a
# Griffis size band first (about 30 % small, 42 % medium, 28 % large among acute care).
ACUTE_BANDS = {"small": ((25, 99), 30), "medium": ((100, 299), 42), "large": ((300, 1100), 28)}
BEDS_BY_TYPE = {
    "Psychiatric": (16, 250),
    "Childrens": (40, 600),
    "Acute Care - Veterans Administration": (30, 500),
    "Acute Care - Department of Defense": (15, 300),
}


@dataclass(frozen=True)
class GeneratedHospitals:
    hospitals: int
    bed_counts: int
    accounts: int
    snapshots: int


def _log_uniform(rng: random.Random, low: int, high: int) -> int:
    return int(math.exp(rng.uniform(math.log(low), math.log(high + 1))))


def generated_beds(rng: random.Random, hospital_type: str) -> int:
    """A plausible bed count for a hospital of this CMS type."""
    if hospital_type == CRITICAL_ACCESS:
        # Federal law caps them at 25 inpatient beds; most use every one of them.
        if rng.random() < 0.55:
            return CRITICAL_ACCESS_MAX_BEDS
        return rng.randint(6, CRITICAL_ACCESS_MAX_BEDS - 1)
    if hospital_type in BEDS_BY_TYPE:
        return _log_uniform(rng, *BEDS_BY_TYPE[hospital_type])
    bands = list(ACUTE_BANDS.values())
    (low, high), _ = rng.choices(bands, weights=[weight for _, weight in bands])[0]
    return _log_uniform(rng, low, high)


def handle_stem(name: str, rng: random.Random, limit: int) -> str:
    handle = "".join("".join(c if c.isalnum() else " " for c in name.title()).split())[:limit]
    return handle if len(handle) >= 5 else (handle + "Health" + str(rng.randint(10, 99)))[:limit]


def generate_hospitals(rng: random.Random, today: date) -> GeneratedHospitals:
    """A bed count for every real hospital without one, and accounts for every real hospital,
    so that the share of hospitals on each platform by any day follows HOSPITAL_ADOPTION."""
    hospitals = list(
        Entity.objects.filter(kind=EntityKind.HOSPITAL, is_generated=False).order_by("ccn")
    )
    without_beds = [hospital for hospital in hospitals if hospital.bed_count is None]
    for hospital in without_beds:
        hospital.bed_count = generated_beds(rng, hospital.hospital_type)
        hospital.bed_count_is_generated = True
        classify(hospital)
    update_rows(
        Entity,
        ["bed_count", "bed_count_is_generated", "size_band"],
        ((h.pk, h.bed_count, True, h.size_band) for h in without_beds),
    )
    generator = AccountGenerator(rng, today)
    for account in _calibrated(_planned_accounts(rng, today, hospitals)):
        shape = HOSPITAL_PLATFORMS[account.platform]
        # The level followers grow from (shapes.follower_counts): an account new in 2013 has
        # not yet grown into all of it.
        base = account.base
        base /= ramp(account.listed, REFERENCE_DAY) if account.listed <= REFERENCE_DAY else 1.0
        generator.add(
            account.hospital, account.platform, account.handle, shape, base, listed=account.listed
        )
    generator.save()
    return GeneratedHospitals(
        hospitals=len(hospitals),
        bed_counts=len(without_beds),
        accounts=len(generator.accounts),
        snapshots=len(generator.snapshots),
    )


@dataclass
class PlannedAccount:
    hospital: Entity
    platform: str
    handle: str
    listed: date
    base: float  # followers at the end of 2013, once calibrated


def _planned_accounts(rng: random.Random, today: date, hospitals: list[Entity]):
    joining = _joining_quantiles(rng, hospitals)
    for index, hospital in enumerate(hospitals):
        popularity = _group_factor(hospital) * math.exp(rng.gauss(0, ENTITY_SPREAD))
        handle = handle_stem(hospital.name, rng, 15)
        for platform, curve in HOSPITAL_ADOPTION.items():
            listed = curve.day_reaching(joining[platform][index])
            if listed is None or listed >= today:
                continue
            base = popularity * HOSPITAL_PLATFORMS[platform].scale
            yield PlannedAccount(
                hospital, platform, handle, listed, base * math.exp(rng.gauss(0, ACCOUNT_SPREAD))
            )


def _calibrated(planned) -> list[PlannedAccount]:
    """Scaled so that at the end of 2013 the median hospital on Facebook and on X of each bed
    size has Griffis et al.'s median followers (the other platforms move with Facebook)."""
    planned = list(planned)
    correction = {}
    for platform, medians in MEDIANS_2013.items():
        for size, median in medians.items():
            bases = [
                account.base
                for account in planned
                if account.platform == platform
                and account.hospital.size_band == size
                and account.listed <= REFERENCE_DAY
            ]
            # Bases are relative (about 1 in the middle) until scaled here.
            correction[(platform, size)] = median / statistics.median(bases) if bases else median
    for account in planned:
        platform = account.platform if account.platform in MEDIANS_2013 else Platform.FACEBOOK
        account.base *= correction[(platform, account.hospital.size_band or "small")]
    return planned


def _joining_quantiles(rng: random.Random, hospitals: list[Entity]) -> dict[str, list[float]]:
    """For each platform, each hospital's place in the order hospitals join it, as a quantile
    in (0, 1): the hospital joins on the day the platform's curve reaches it.

    The quantiles of a platform are ranks, (rank + 0.5) / n, so by any day exactly the curve's
    share of the hospitals (rounded) has joined: 99.4 % on Facebook at the end of 2013, for
    any number of hospitals. Who comes first mixes a hospital's own earliness (larger,
    acute care and non-profit hospitals were the early adopters), shared by its platforms,
    with chance per platform (TOGETHERNESS sets the mix)."""
    normal = NormalDist()
    earliness = [
        normal.inv_cdf(quantile)
        for quantile in _rank_quantiles(
            [_early_adopter_score(hospital) + rng.gauss(0, 1) for hospital in hospitals]
        )
    ]
    shared, own = math.sqrt(TOGETHERNESS), math.sqrt(1 - TOGETHERNESS)
    return {
        platform: _rank_quantiles([shared * early + own * rng.gauss(0, 1) for early in earliness])
        for platform in HOSPITAL_ADOPTION
    }


def _group_factor(hospital: Entity) -> float:
    """Followers relative to the median, by ownership and region (Griffis et al. 2014)."""
    return OWNERSHIP_FACTOR[hospital.ownership_group] * REGION_FACTOR[hospital.region]


def _rank_quantiles(values: list[float]) -> list[float]:
    """Each value's rank among them (lowest first) as a quantile, (rank + 0.5) / n."""
    order = sorted(range(len(values)), key=values.__getitem__)
    quantiles = [0.0] * len(values)
    for rank, index in enumerate(order):
        quantiles[index] = (rank + 0.5) / len(values)
    return quantiles


def _early_adopter_score(hospital: Entity) -> float:
    """Larger, acute care, non-profit hospitals were the early adopters (lower is earlier)."""
    weight = {"Acute Care Hospitals": 3.0, "Childrens": 4.0, CRITICAL_ACCESS: 0.8}.get(
        hospital.hospital_type, 1.0
    )
    weight *= 1.5 if hospital.ownership_group == "nonprofit" else 1.0
    return -(math.log(weight) + 0.3 * math.log(hospital.bed_count or 25))
