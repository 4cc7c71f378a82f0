"""Generated accounts and their quarterly follower counts, to exact totals.

A size asks for exact numbers of accounts and snapshots, and the published shapes give
shares (Facebook on 99 % of hospitals, X on half). Both hold: each platform's count among a
population is fixed first (its adoption share of the population, `PlatformCounts`), and
entities are picked one by one so that exactly that many are (selection sampling: an entity is
picked with the chance of the picks left over the entities left). Snapshots are then spread
evenly over the accounts with followers, each account's being its latest quarter ends, never
more than it was listed for (what one cannot take, the next takes: an account listed in the
current quarter may have none yet, as one listed without a count)."""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from socialrx.core.platforms import Platform
from socialrx.core.scale import ScaleContext, random_uuid

from ..demo.shapes import PlatformShape, follower_counts, quarter_ends
from ..models import Account, AccountStatus, Snapshot

FIRST_QUARTER = date(2008, 1, 1)
REMOVALS_FROM = date(2023, 1, 1)  # organizations leaving X


class PlatformCounts:
    """How many of a population of `size` entities have an account on each platform, and
    the picking of exactly those entities in one pass."""

    def __init__(self, shapes: dict[str, PlatformShape], size: int, accounts: int | None = None):
        """`accounts`: the total to reach, the adoption shares scaled to it; None: the shares
        as published."""
        shares = {platform: shape.adoption for platform, shape in shapes.items()}
        scale = 1.0 if accounts is None else accounts / (sum(shares.values()) * size)
        wanted = {platform: share * scale * size for platform, share in shares.items()}
        counts = {platform: int(value) for platform, value in wanted.items()}
        total = round(sum(wanted.values())) if accounts is None else accounts
        # Largest remainders first, until the counts reach the total.
        by_remainder = sorted(wanted, key=lambda p: (counts[p] - wanted[p], p))
        for platform in by_remainder[: total - sum(counts.values())]:
            counts[platform] += 1
        if any(count > size for count in counts.values()):
            raise ValueError(f"{accounts:,} accounts are more than {size:,} entities can hold.")
        self.shapes, self.counts, self.size = shapes, counts, size
        self.left = dict(counts)
        self.seen = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def with_followers(self) -> int:
        return sum(n for platform, n in self.counts.items() if self.shapes[platform].scale)

    def pick(self, rng: random.Random) -> list[str]:
        """The platforms of the next entity of the population."""
        remaining = self.size - self.seen
        self.seen += 1
        picked = []
        for platform, left in self.left.items():
            if left and rng.random() * remaining < left:
                picked.append(platform)
                self.left[platform] = left - 1
        return picked


@dataclass
class Planned:
    """An account to write, with its snapshots [(day, followers)]."""

    platform: str
    stem: str
    listed: date
    removed: date | None
    snapshots: list[tuple[date, int]]
    verified: bool
    dormant: bool


class Listings:
    """Writes accounts and snapshots; `snapshots` spread over `with_followers` accounts."""

    def __init__(self, context: ScaleContext, *, with_followers: int, snapshots: int):
        if snapshots < with_followers:
            raise ValueError("Every account with followers needs at least one snapshot.")
        self.rng = context.random("registry.accounts")
        self.today = context.today
        self.quarter_ends = quarter_ends(FIRST_QUARTER, self.today)
        self.each, self.extra = divmod(snapshots, with_followers)
        self.carry, self.numbered = 0, 0
        self.accounts = context.writer(
            Account,
            (
                "public_id", "entity", "platform", "handle", "key", "url", "followers",
                "verified", "status", "first_listed", "last_checked", "removed_on",
                "is_generated",
            ),
        )  # fmt: skip
        self.snapshots = context.writer(Snapshot, ("account", "taken_on", "followers"))

    def plan(
        self,
        platform: str,
        stem: str,
        shape: PlatformShape,
        base: float,
        listed: date | None = None,
    ) -> Planned:
        """An account listed on `listed` (or a day of the shape's years), removed as the shape
        says, with its share of the snapshots."""
        rng, today = self.rng, self.today
        if listed is None:
            opens = date(shape.first_year, 1, 1)
            latest = min(date(shape.last_year, 12, 31), today - timedelta(days=30))
            listed = opens + timedelta(days=rng.randint(0, max((latest - opens).days, 0)))
        removed = None
        if shape.removed and rng.random() < shape.removed:
            removed = max(listed + timedelta(days=365), REMOVALS_FROM)
            removed += timedelta(days=rng.randint(0, 600))
            removed = removed if removed < today else None
        days = self._quarters(listed, removed or today) if shape.scale else []
        snapshots = list(zip(days, follower_counts(base, shape, listed, days), strict=True))
        return Planned(
            platform, stem, listed, removed, snapshots, rng.random() < 0.35, rng.random() < 0.06
        )

    def _quarters(self, listed: date, end: date) -> list[date]:
        """The account's share of the snapshots: its latest quarter ends while listed."""
        wanted = self.each + (1 if self.numbered < self.extra else 0) + self.carry
        self.numbered += 1
        last = bisect.bisect_right(self.quarter_ends, end)
        room = last - bisect.bisect_left(self.quarter_ends, listed)
        taken = min(wanted, room)
        self.carry = wanted - taken
        return self.quarter_ends[last - taken : last]

    def write(self, entity_id: int, planned: list[Planned]) -> None:
        for account in planned:
            handle, key, url = address(account.platform, account.stem)
            followers = last_checked = None
            if account.snapshots:
                last_checked, followers = account.snapshots[-1]
            account_id = self.accounts.add(
                random_uuid(self.rng),
                entity_id,
                account.platform,
                handle,
                key,
                url,
                followers,
                account.verified,
                AccountStatus.DORMANT if account.dormant else AccountStatus.ACTIVE,
                account.listed,
                last_checked,
                account.removed,
                True,
            )
            for day, count in account.snapshots:
                self.snapshots.add(account_id, day, count)

    def check_totals(self) -> None:
        if self.carry:
            raise RuntimeError(f"{self.carry} snapshots found no account with room for them.")


def popularity(rng: random.Random, spread: float) -> float:
    return math.exp(rng.gauss(0, spread))


def address(platform: str, stem: str) -> tuple[str, str, str]:
    """(handle, key, url) of a generated account, as `core.platforms.normalize_account` makes
    them (a test holds the two together), without parsing two million addresses. Every one
    begins with "demo" and sites end in .example, as the demo's do: no generated figure lands
    on a real organization's account. `stem`: letters and digits, at most 11."""
    name = f"Demo{stem}"
    low = name.lower()
    if platform == Platform.FACEBOOK:
        return name, low, f"https://www.facebook.com/{name}"
    if platform == Platform.X:
        return f"@{name}", low, f"https://x.com/{name}"
    if platform == Platform.YOUTUBE:
        return f"@{name}", f"@{low}", f"https://www.youtube.com/@{name}"
    if platform == Platform.LINKEDIN:
        return f"company/{low}", f"company:{low}", f"https://www.linkedin.com/company/{low}/"
    if platform == Platform.INSTAGRAM:
        return f"@{low}", low, f"https://www.instagram.com/{low}/"
    if platform == Platform.TIKTOK:
        return f"@{low}", low, f"https://www.tiktok.com/@{low}"
    if platform == Platform.THREADS:
        return f"@{low}", low, f"https://www.threads.com/@{low}"
    if platform == Platform.BLUESKY:
        host = f"{low}.bsky.social"
        return f"@{host}", host, f"https://bsky.app/profile/{host}"
    if platform in (Platform.BLOG, Platform.PODCAST):
        site = f"{low}.example/{platform}"
        return site, site, f"https://{site}"
    raise ValueError(f"No generated address for {platform}.")


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(number: int, width: int = 4) -> str:
    text = ""
    while number:
        number, digit = divmod(number, 36)
        text = _DIGITS[digit] + text
    return text.rjust(width, "0")


def stem(readable: str, kind_letter: str, number: int) -> str:
    """A handle stem unique to one entity: a readable start, then the entity's kind letter and
    number in a fixed width (so no two entities' stems can be equal), 11 characters at most."""
    letters = "".join(c for c in readable.title() if c.isascii() and c.isalnum())[:6]
    return f"{letters}{kind_letter}{base36(number)}"
