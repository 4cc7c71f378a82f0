"""Executive briefs: what an organization's board reads in five minutes, drawn on a day.

A brief keeps the figures it showed, each with its source and date, as they were when it was
drawn (`figures`): the registry's statistics, the assessment and the policy move on, and a
brief handed to a board last spring must read the same when it is downloaded again. The page
and the PDF are both drawn from this snapshot alone."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

__all__ = ["ExecutiveBrief"]

# The shape of `figures` the templates read (see selectors.brief_figures); a brief drawn
# under an older shape keeps the number it was drawn with.
FIGURES_LAYOUT = 1


class ExecutiveBrief(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="executive_briefs"
    )
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    drawn_at = models.DateTimeField(default=timezone.now)
    figures = models.JSONField(encoder=DjangoJSONEncoder)
    figures_layout = models.PositiveSmallIntegerField(default=FIGURES_LAYOUT)

    class Meta:
        ordering = ["-drawn_at", "-id"]
        indexes = [models.Index(fields=["organization", "-drawn_at"])]

    def __str__(self) -> str:
        return f"Executive brief of {self.organization} ({self.drawn_at:%Y-%m-%d})"
