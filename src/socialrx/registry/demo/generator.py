"""Generated accounts with quarterly follower counts, saved in bulk with their history."""

from __future__ import annotations

import random
from datetime import date, timedelta

from socialrx.core import audit
from socialrx.core.platforms import Platform, normalize_account

from ..models import (
    Account,
    AccountStatus,
    Entity,
    Snapshot,
)
from ..services.accounts import note_presence
from .bulk import insert_rows
from .shapes import VIA, PlatformShape, follower_counts, quarter_ends

# Entities whose presence is refreshed in one statement (SQLite allows 999 parameters in some
# builds).
PRESENCE_CHUNK = 900


class AccountGenerator:
    def __init__(self, rng: random.Random, today: date):
        self.rng, self.today = rng, today
        self.accounts: list[Account] = []
        # (account, day, followers): tens of thousands of accounts have hundreds of thousands
        # of quarterly counts, written as plain rows rather than model instances.
        self.snapshots: list[tuple[Account, date, int]] = []
        self.history: list = []
        self.used: set[tuple[str, str]] = set(Account.objects.values_list("platform", "key"))
        # The next number to try for a numbered handle, so the hundredth "Memorial Hospital"
        # does not try the first ninety-nine numbers again.
        self.next_number: dict[tuple[str, str], int] = {}

    def listed_day(self, shape: PlatformShape) -> date:
        first = date(shape.first_year, 1, 1)
        last = min(date(shape.last_year, 12, 31), self.today - timedelta(days=30))
        return first + timedelta(days=self.rng.randint(0, max((last - first).days, 0)))

    def add(
        self,
        entity: Entity,
        platform: str,
        stem: str,
        shape: PlatformShape,
        base: float,
        *,
        listed: date | None = None,
    ):
        """An account of `entity` first listed on `listed` (a day drawn evenly between the
        shape's years when not given), with a follower count at the end of every quarter."""
        address = self._unique(platform, stem)
        listed = listed or self.listed_day(shape)
        removed = None
        if shape.removed and self.rng.random() < shape.removed:
            removed = max(listed + timedelta(days=365), date(2023, 1, 1)) + timedelta(
                days=self.rng.randint(0, 600)
            )
            removed = removed if removed < self.today else None
        account = Account(
            entity=entity,
            platform=address.platform,
            handle=address.handle,
            key=address.key,
            url=address.url,
            verified=self.rng.random() < 0.35,
            first_listed=listed,
            removed_on=removed,
            is_generated=True,
            status=AccountStatus.DORMANT if self.rng.random() < 0.06 else AccountStatus.ACTIVE,
        )
        if shape.scale:
            end = removed or self.today
            days = quarter_ends(listed, end)
            counts = follower_counts(base, shape, listed, days)
            self.snapshots.extend(zip([account] * len(days), days, counts, strict=True))
            if days:
                account.followers, account.last_checked = counts[-1], days[-1]
        self.accounts.append(account)
        self.history.append((entity, account))

    def _unique(self, platform: str, stem: str):
        """The platform address made from `stem`, numbered when another account took it."""
        address = normalize_account(address_for(platform, stem), platform)
        number = self.next_number.get((platform, stem), 1)
        while (address.platform, address.key) in self.used:
            number += 1
            self.next_number[(platform, stem)] = number
            numbered = f"{stem[: 11 - len(str(number))]}{number}"
            address = normalize_account(address_for(platform, numbered), platform)
        self.used.add((address.platform, address.key))
        return address

    def save(self) -> None:
        Account.objects.bulk_create(self.accounts, batch_size=1000)
        insert_rows(
            Snapshot,
            ["account", "taken_on", "followers"],
            ((account.pk, day, followers) for account, day, followers in self.snapshots),
        )
        entity_ids = sorted({account.entity_id for account in self.accounts})
        for start in range(0, len(entity_ids), PRESENCE_CHUNK):
            note_presence(entity_ids[start : start + PRESENCE_CHUNK])
        audit.record_many(
            [
                audit.build(
                    actor=None,
                    action="registry.account.added",
                    target=entity,
                    after={"account": str(account), "url": account.url, "via": VIA},
                )
                for entity, account in self.history
            ]
        )


def address_for(platform: str, stem: str) -> str:
    """A generated account's address. Every one begins with "demo" (and sites end in
    .example), so no generated figure lands on a real organization's account."""
    handle = f"Demo{stem}"
    host = handle.lower()
    return {
        Platform.FACEBOOK: f"https://www.facebook.com/{handle}",
        Platform.X: f"@{handle[:15]}",
        Platform.YOUTUBE: f"@{handle[:30]}",
        Platform.LINKEDIN: f"https://www.linkedin.com/company/{host}",
        Platform.INSTAGRAM: f"@{host[:30]}",
        Platform.TIKTOK: f"@{host[:24]}",
        Platform.THREADS: f"@{host[:30]}",
        Platform.BLUESKY: f"{host[:20]}.bsky.social",
        Platform.BLOG: f"https://{host[:40]}.example/blog",
        Platform.PODCAST: f"https://{host[:40]}.example/podcast",
    }[platform]
