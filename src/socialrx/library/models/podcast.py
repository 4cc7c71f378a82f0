"""The center's podcast: each episode is a library resource of kind "podcast episode" with
its audio file; the public RSS feed lists the published, public ones."""

from django.db import models

from .files import ResourceFile
from .resources import Resource


class PodcastEpisode(models.Model):
    resource = models.OneToOneField(Resource, on_delete=models.CASCADE, related_name="episode")
    season = models.PositiveSmallIntegerField(default=1)
    number = models.PositiveSmallIntegerField("episode number")
    audio = models.ForeignKey(
        ResourceFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    explicit = models.BooleanField(default=False)
    # Stable across edits: podcast apps use it to tell episodes apart.
    guid = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ("-season", "-number")
        constraints = [
            models.UniqueConstraint(fields=["season", "number"], name="library_episode_once")
        ]

    def __str__(self) -> str:
        return f"S{self.season} E{self.number}"
