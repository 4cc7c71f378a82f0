"""The center's news posts (public) and the monthly digest sent to members."""

import uuid

from django.conf import settings
from django.db import models


class NewsPost(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=400)
    body = models.TextField(help_text="Markdown.")
    body_html = models.TextField(blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True)  # None: a draft
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_generated = models.BooleanField("generated demo data", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-published_at", "-id")
        indexes = [models.Index(fields=["-published_at"], name="library_news_published")]

    def __str__(self) -> str:
        return self.title


class DigestIssue(models.Model):
    """One month's digest: sent once (the unique month makes a second run a no-op)."""

    month = models.DateField(unique=True, help_text="The first day of the month it covers.")
    sent_at = models.DateTimeField(null=True, blank=True)
    recipient_count = models.PositiveIntegerField(default=0)
    # What it listed, for the staff page ("12 resources, 3 courses, 2 events, 5 threads").
    summary = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-month",)

    def __str__(self) -> str:
        return f"Digest of {self.month:%B %Y}"
