"""The post safety checker's one record: a check a person chose to save to their
organization's history. Checking alone stores nothing."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from socialrx.organizations.models import Organization

__all__ = ["SavedCheck"]


class SavedCheck(models.Model):
    """A draft (and its image description) as it was checked, with what the checker found
    then: the findings are kept as found, so a later change of the detector does not rewrite
    the history. Visible to the organization's people only (rules: toolkit.view_check)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="saved_checks"
    )
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)
    draft = models.TextField()
    image_description = models.TextField(blank=True)
    # [{start, end, kind, label, severity, reason, field}], in reading order.
    findings = models.JSONField(default=list)
    # [{start, end (both None for the whole post), kind, label, severity, reason, advice, field}]
    risks = models.JSONField(default=list)
    identifier_count = models.PositiveIntegerField(default=0)
    risk_count = models.PositiveIntegerField(default=0)
    high_count = models.PositiveIntegerField(default=0)  # identifiers and risks of high severity

    class Meta:
        ordering = ["-saved_at", "-pk"]
        indexes = [
            models.Index(fields=["organization", "-saved_at"], name="savedcheck_org_newest"),
        ]

    def __str__(self) -> str:
        return f"Check saved {self.saved_at:%Y-%m-%d %H:%M} ({self.organization})"
