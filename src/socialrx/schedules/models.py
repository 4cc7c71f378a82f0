"""A person's committed time. No two commitments of one person overlap: PostgreSQL enforces it
with an exclusion constraint over the time range, SQLite with a trigger (migration 0001), so a
double booking is refused by the database itself, even between two requests racing."""

import uuid

from django.conf import settings
from django.db import models


class Commitment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commitments"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # What booked the time: "<app>.<what>" ("training.boot_camp_day", "training.onsite") and
    # the public id of the thing, so its app can release exactly its own commitments.
    source_kind = models.CharField(max_length=40)
    source_public_id = models.UUIDField()
    label = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("starts_at",)
        indexes = [
            models.Index(fields=("person", "starts_at")),
            models.Index(fields=("source_kind", "source_public_id")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="schedules_commitment_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.starts_at:%Y-%m-%d %H:%M})"
