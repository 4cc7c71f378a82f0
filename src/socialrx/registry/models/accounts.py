"""An entity's accounts on social media platforms, and dated follower counts (snapshots).

An account is one identity on one platform (`socialrx.core.platforms` turns every way of writing
its address into one `key`), so it is listed for one entity at a time. A removed listing keeps
its row and snapshots: adoption "as of" an earlier date must still count it; listing the
account again makes a new row."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q

from socialrx.core.platforms import Platform

# Beyond any account's audience, and within the database's 64-bit integers.
MAX_FOLLOWERS = 10_000_000_000


class AccountStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    DORMANT = "dormant", "Dormant"


class Account(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    entity = models.ForeignKey("registry.Entity", on_delete=models.CASCADE, related_name="accounts")
    platform = models.CharField(max_length=20, choices=Platform.choices)
    handle = models.CharField(max_length=300)
    key = models.CharField(max_length=300)
    url = models.URLField(max_length=500)
    followers = models.PositiveBigIntegerField(null=True, blank=True)
    verified = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=AccountStatus.choices, default=AccountStatus.ACTIVE
    )
    first_listed = models.DateField()
    last_checked = models.DateField(null=True, blank=True)
    removed_on = models.DateField(null=True, blank=True)
    is_generated = models.BooleanField(
        "generated demo data", default=False, help_text="Invented for the demo, not a real account."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["platform", "key"]
        constraints = [
            # One listing of an account at a time; removed listings stay as history.
            models.UniqueConstraint(
                fields=["platform", "key"],
                condition=Q(removed_on__isnull=True),
                name="registry_one_listed_account_per_key",
            ),
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True) | Q(removed_on__gte=models.F("first_listed")),
                name="registry_account_removed_after_listed",
            ),
        ]
        indexes = [
            models.Index(fields=["platform", "followers"]),
            models.Index(fields=["entity", "platform"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} {self.handle}"

    @property
    def is_listed(self) -> bool:
        return self.removed_on is None


class Snapshot(models.Model):
    """The follower count of an account on a day."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="snapshots")
    taken_on = models.DateField()
    followers = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["account", "taken_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "taken_on"], name="registry_one_snapshot_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account}: {self.followers} on {self.taken_on}"
