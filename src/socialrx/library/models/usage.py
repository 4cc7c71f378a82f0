"""How resources are used, without following people: a count per resource per day (views and
downloads), and for signed-in members only their own history (what they opened, when they last
visited the library) so the library can say "new since your last visit"."""

from django.conf import settings
from django.db import models

from .resources import Resource


class UseKind(models.TextChoices):
    VIEW = "view", "View"
    DOWNLOAD = "download", "Download"


class DailyUse(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="daily_uses")
    day = models.DateField()
    kind = models.CharField(max_length=10, choices=UseKind.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "day", "kind"], name="library_use_once")
        ]
        indexes = [models.Index(fields=["day", "resource"], name="library_use_day")]

    def __str__(self) -> str:
        return f"{self.resource} {self.day} {self.kind}: {self.count}"


class ReaderHistory(models.Model):
    """A member's own history of one resource (shown only to them)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="library_history"
    )
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="+")
    first_opened_at = models.DateTimeField(auto_now_add=True)
    last_opened_at = models.DateTimeField()
    downloads = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-last_opened_at",)
        constraints = [
            models.UniqueConstraint(fields=["user", "resource"], name="library_history_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} opened {self.resource}"


class LibraryVisit(models.Model):
    """When a person last opened the library, and the visit before (what "new since your last
    visit" compares with, so reloading the page does not empty it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="library_visit"
    )
    last_seen_at = models.DateTimeField()
    previous_seen_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} last visited {self.last_seen_at}"
