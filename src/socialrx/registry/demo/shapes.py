"""The shapes generated accounts follow (shared/background/published-figures.md): which
platforms, since when, how many followers, how they grow."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

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


@dataclass(frozen=True)
class AdoptionCurve:
    """The share of all hospitals with an account on a platform by each day: straight lines
    between dated points, flat after the last."""

    points: tuple[tuple[date, float], ...]

    @property
    def final(self) -> float:
        return self.points[-1][1]

    def share_on(self, day: date) -> float:
        if day < self.points[0][0]:
            return 0.0
        for (start, low), (end, high) in pairwise(self.points):
            if day <= end:
                return low + (high - low) * (day - start).days / (end - start).days
        return self.final

    def day_reaching(self, share: float) -> date | None:
        """The first day the curve reaches `share` (a hospital at that quantile joins then);
        None when it never does."""
        for (start, low), (end, high) in pairwise(self.points):
            if low < share <= high:
                days = (end - start).days * (share - low) / (high - low)
                # Less a rounding error's worth, so a share landing on a day is that day.
                return start + timedelta(days=math.ceil(days - 1e-9))
        return None


def _published(day: str, hospitals: int, of: int = 5_000) -> tuple[date, float]:
    """A count from the Hospital Social Network List, as a share of the "more than 5,000" US
    hospitals the 2010 article counts them against."""
    return date.fromisoformat(day), hospitals / of


# The share of all hospitals with an account on each platform, by day. Published points
# (shared/background/published-figures.md) are written with their source; the rest are
# assumptions of this demo (a platform's launch for hospitals, and where the curve levels
# off), named as such. Between points the share grows in a straight line.
HOSPITAL_ADOPTION = {
    Platform.FACEBOOK: AdoptionCurve(
        (
            (date(2007, 11, 7), 0.0),  # assumed: Facebook opened Pages to organizations
            _published("2009-10-31", 203),  # Hospital Social Network List, Oct 2009
            _published("2010-02-28", 336),  # the same list, Feb 2010
            (date(2010, 7, 31), 0.095),  # assumed: keeps Jul 2010's 762 with any presence
            (REFERENCE_DAY, 3_351 / 3_371),  # Griffis et al. 2014: 99.4 % in 2013
        )
    ),
    Platform.X: AdoptionCurve(
        (
            (date(2008, 1, 1), 0.0),  # assumed: hospitals' first accounts (Mayo Clinic, 2008)
            _published("2009-10-31", 284),
            _published("2010-02-28", 430),
            (date(2010, 7, 31), 0.11),  # assumed, as Facebook's
            (REFERENCE_DAY, 1_713 / 3_371),  # Griffis et al. 2014: 50.8 % in 2013
            (date(2016, 12, 31), 0.56),  # assumed: "roughly half" (Hawkins 2016), a few more
        )
    ),
    Platform.YOUTUBE: AdoptionCurve(
        (
            (date(2006, 6, 1), 0.0),  # assumed
            _published("2009-10-31", 194),
            (REFERENCE_DAY, 0.25),  # assumed from here on
            (date(2018, 12, 31), 0.42),
        )
    ),
    Platform.BLOG: AdoptionCurve(
        (
            (date(2005, 1, 1), 0.0),  # assumed
            _published("2009-10-31", 44),
            (date(2019, 12, 31), 0.08),  # assumed
        )
    ),
    # Not in the published figures: assumptions of this demo, from each platform's opening to
    # organizations.
    Platform.LINKEDIN: AdoptionCurve(((date(2011, 1, 1), 0.0), (date(2020, 12, 31), 0.46))),
    Platform.INSTAGRAM: AdoptionCurve(((date(2014, 1, 1), 0.0), (date(2021, 12, 31), 0.38))),
    Platform.TIKTOK: AdoptionCurve(((date(2020, 1, 1), 0.0), (date(2024, 12, 31), 0.06))),
    Platform.THREADS: AdoptionCurve(((date(2023, 7, 6), 0.0), (date(2024, 12, 31), 0.05))),
    Platform.BLUESKY: AdoptionCurve(((date(2024, 1, 1), 0.0), (date(2025, 12, 31), 0.04))),
    Platform.PODCAST: AdoptionCurve(((date(2010, 1, 1), 0.0), (date(2022, 12, 31), 0.03))),
}
# How much a hospital's accounts come early or late together: the Hospital Social Network
# List's 391 hospitals of Oct 2009 held 725 accounts between them (1.9 each), so the early
# hospitals joined several platforms. With this correlation between a hospital's platforms,
# the generated hospitals with any presence are about 7.8 % in Oct 2009 and 15 % in Jul 2010,
# as the list counted.
TOGETHERNESS = 0.88


def _hospital_shape(
    platform: str, scale: float, growth_before: float, growth_after: float, removed: float = 0.0
) -> PlatformShape:
    curve = HOSPITAL_ADOPTION[platform]
    return PlatformShape(
        curve.final,
        curve.points[0][0].year,
        curve.points[-1][0].year,
        scale,
        growth_before,
        growth_after,
        removed,
    )


# Followers and removals of hospitals' accounts; who joins when follows HOSPITAL_ADOPTION.
# Removals are rare: some hospitals left X after 2023.
HOSPITAL_PLATFORMS = {
    Platform.FACEBOOK: _hospital_shape(Platform.FACEBOOK, 1.0, 0.30, 0.05),
    Platform.X: _hospital_shape(Platform.X, 1.0, 0.22, 0.02, removed=0.05),
    Platform.YOUTUBE: _hospital_shape(Platform.YOUTUBE, 0.12, 0.20, 0.10),
    Platform.LINKEDIN: _hospital_shape(Platform.LINKEDIN, 0.5, 0.20, 0.10),
    Platform.INSTAGRAM: _hospital_shape(Platform.INSTAGRAM, 0.6, 0.20, 0.12),
    Platform.TIKTOK: _hospital_shape(Platform.TIKTOK, 0.5, 0.6, 0.35),
    Platform.THREADS: _hospital_shape(Platform.THREADS, 0.15, 0.2, 0.2),
    Platform.BLUESKY: _hospital_shape(Platform.BLUESKY, 0.03, 0.5, 0.5),
    Platform.BLOG: _hospital_shape(Platform.BLOG, 0.0, 0.0, 0.0),
    Platform.PODCAST: _hospital_shape(Platform.PODCAST, 0.0, 0.0, 0.0),
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
    """The last days of the quarters from `start` to `end`, both included."""
    return [
        day
        for year in range(start.year, end.year + 1)
        for day in _quarter_ends_of(year)
        if start <= day <= end
    ]


@functools.cache
def _quarter_ends_of(year: int) -> tuple[date, ...]:
    return (date(year, 3, 31), date(year, 6, 30), date(year, 9, 30), date(year, 12, 31))


GROWTH_PIVOT = date(2019, 1, 1)


def follower_counts(base: float, shape: PlatformShape, listed: date, days: list[date]) -> list[int]:
    """Followers on each of `days`: the 2013 level grown (or, before 2013, shrunk) by the
    platform's yearly rates from the later of 2013 and the platform's first year, ramping up
    over the account's first two years."""
    first = listed.toordinal()
    return [
        max(int(base * _growth(shape, day) * _ramp(day.toordinal() - first)), 0) for day in days
    ]


@functools.cache
def _growth(shape: PlatformShape, day: date) -> float:
    """The level on `day` relative to 2013's: the same for every account of the platform, so
    worked out once per quarter end (the demo computes about a million follower counts)."""
    pivot = GROWTH_PIVOT.toordinal()
    start = max(REFERENCE_DAY, date(shape.first_year, 1, 1)).toordinal()
    number = day.toordinal()
    years_before = (min(number, pivot) - start) / 365.25 if start < pivot else 0.0
    years_after = max(number - max(pivot, start), 0) / 365.25
    return math.exp(shape.growth_before * years_before + shape.growth_after * years_after)


def ramp(listed: date, day: date) -> float:
    """How far a new account has grown into its audience `day` (half at first, all of it after
    two years)."""
    return _ramp((day - listed).days)


def _ramp(days_listed: int) -> float:
    return min(1.0, 0.5 + max(days_listed, 0) / 730)
