"""Topics and platforms shared by every catalogue (courses, boot camps, library resources)."""

from django.db import models

from socialrx.core.platforms.vocabulary import Platform as PlatformCode


class Topic(models.Model):
    """A subject the center teaches and writes about ("Policy and legal", "Crisis response")."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=80, unique=True)
    description = models.CharField(max_length=240, blank=True)
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ("position", "name")

    def __str__(self) -> str:
        return self.name


class Platform(models.Model):
    """A social media platform content is about, keyed by the registry's platform codes so that
    "X" in a course is the same "X" as in a hospital's listing."""

    code = models.CharField(max_length=20, unique=True, choices=PlatformCode.choices)
    name = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ("position", "name")

    def __str__(self) -> str:
        return self.name
