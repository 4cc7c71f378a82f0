"""The shapes generated accounts follow (shared/background/published-figures.md): which
platforms, since when, how many followers, how they grow."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from socialrx.core.platforms import Platform

SEED = 2010
REFERENCE_DAY = date(2013, 12, 31)  # Griffis et al.'s data year
VIA = "demo"


@dataclass(frozen=True)
class PlatformShape:
    adoption: float  # share of listed entities with an account
    first_year: int  # earliest first-listed year
    last_year: int
    scale: float  # followers relative to Facebook's
    growth_before: float  # yearly growth rate until 2019
    growth_after: float  # and after
    removed: float = 0.0  # share removed again (organizations leaving the platform)


HOSPITAL_PLATFORMS = {
    Platform.FACEBOOK: PlatformShape(0.99, 2008, 2016, 1.0, 0.30, 0.05),
    Platform.X: PlatformShape(0.51, 2008, 2016, 1.0, 0.22, 0.02, removed=0.18),
    Platform.YOUTUBE: PlatformShape(0.42, 2008, 2018, 0.12, 0.20, 0.10),
    Platform.LINKEDIN: PlatformShape(0.46, 2011, 2020, 0.5, 0.20, 0.10),
    Platform.INSTAGRAM: PlatformShape(0.38, 2014, 2021, 0.6, 0.20, 0.12),
    Platform.TIKTOK: PlatformShape(0.06, 2020, 2024, 0.5, 0.6, 0.35),
    Platform.THREADS: PlatformShape(0.05, 2023, 2024, 0.15, 0.2, 0.2),
    Platform.BLUESKY: PlatformShape(0.04, 2024, 2025, 0.03, 0.5, 0.5),
    Platform.BLOG: PlatformShape(0.08, 2008, 2019, 0.0, 0.0, 0.0),
    Platform.PODCAST: PlatformShape(0.03, 2010, 2022, 0.0, 0.0, 0.0),
}
PHYSICIAN_PLATFORMS = {
    Platform.X: PlatformShape(0.72, 2009, 2021, 1.0, 0.25, 0.03, removed=0.2),
    Platform.LINKEDIN: PlatformShape(0.48, 2011, 2022, 0.6, 0.2, 0.12),
    Platform.INSTAGRAM: PlatformShape(0.22, 2015, 2023, 0.9, 0.4, 0.2),
    Platform.FACEBOOK: PlatformShape(0.18, 2010, 2020, 0.5, 0.2, 0.02),
    Platform.BLUESKY: PlatformShape(0.16, 2024, 2025, 0.2, 0.6, 0.6),
    Platform.YOUTUBE: PlatformShape(0.08, 2012, 2023, 0.4, 0.3, 0.2),
    Platform.TIKTOK: PlatformShape(0.08, 2020, 2024, 1.5, 0.8, 0.4),
    Platform.BLOG: PlatformShape(0.12, 2009, 2020, 0.0, 0.0, 0.0),
    Platform.PODCAST: PlatformShape(0.05, 2014, 2023, 0.0, 0.0, 0.0),
}
# Griffis et al. 2014: median Facebook likes / Twitter followers (2013) by bed size, and the
# ownership and region medians relative to the overall (~1,060 likes).
MEDIANS_2013 = {
    Platform.FACEBOOK: {"small": 425.5, "medium": 1062, "large": 2817.5},
    Platform.X: {"small": 753, "medium": 779, "large": 1409},
}
OWNERSHIP_FACTOR = {"public": 0.67, "nonprofit": 1.23, "for_profit": 0.40, "": 1.0}
REGION_FACTOR = {
    "northeast": 1.18,
    "midwest": 0.88,
    "south": 1.0,
    "west": 0.77,
    "territories": 0.6,
    "": 1.0,
}
# Log-normal spread: Griffis's interquartile ranges span about e^(±0.9), sigma ≈ 1.35, shared
# between an entity's own popularity (the same on every platform) and each account's.
ENTITY_SPREAD, ACCOUNT_SPREAD = 1.2, 0.6


def quarter_ends(start: date, end: date) -> list[date]:
    days, year, quarter = [], start.year, (start.month - 1) // 3 + 1
    while True:
        month = quarter * 3
        day = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        if day > end:
            return days
        if day >= start:
            days.append(day)
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def followers_at(base: float, shape: PlatformShape, listed: date, day: date) -> int:
    """Followers on `day`: the 2013 level grown (or, before 2013, shrunk) by the platform's
    yearly rates from the later of 2013 and the platform's first year, ramping up over the
    account's first two years."""
    pivot = date(2019, 1, 1)
    start = max(REFERENCE_DAY, date(shape.first_year, 1, 1))
    years_before = (min(day, pivot) - start).days / 365.25 if start < pivot else 0.0
    years_after = max((day - max(pivot, start)).days, 0) / 365.25
    level = base * math.exp(shape.growth_before * years_before + shape.growth_after * years_after)
    ramp = min(1.0, 0.5 + max((day - listed).days, 0) / 730)
    return max(int(level * ramp), 0)
