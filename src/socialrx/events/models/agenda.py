"""A person's own agenda: the sessions they starred, and the private calendar feed of them
that Google Calendar and Outlook subscribe to."""

from django.conf import settings
from django.db import models

from .events import Session


class StarredSession(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="starred_sessions"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="stars")
    starred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("session__starts_at",)
        constraints = [
            models.UniqueConstraint(fields=("person", "session"), name="events_starred_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ★ {self.session}"


class AgendaFeed(models.Model):
    """The secret in a person's subscription URL. Issuing a new one revokes the old (the feed
    then refuses it); at most one is live per person."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_feeds"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=("person",),
                condition=models.Q(revoked_at__isnull=True),
                name="events_one_live_feed",
            ),
        ]

    def __str__(self) -> str:
        return f"Agenda feed of {self.person}"
