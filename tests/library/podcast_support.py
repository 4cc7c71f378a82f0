"""Podcast test data: episodes (a podcast-episode resource with its PodcastEpisode row) with or
without their audio file, in any state and access level."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile

from socialrx.library.models import FileKind, PodcastEpisode, ResourceFile, ResourceKind
from tests.library.factories import make_resource

# An MP3's head (an ID3 tag and MPEG frame headers): 410 bytes.
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 100
SHOW_NOTES = "## Show notes\n\n- The three objections\n- A CMO on her board"


def attach_audio(resource, *, name: str = "episode.mp3", seconds: int | None = 754):
    attached = ResourceFile(
        resource=resource,
        kind=FileKind.AUDIO,
        content_type="audio/mpeg",
        size_bytes=len(MP3),
        original_name=name,
        duration_seconds=seconds,
    )
    attached.file.save(name, ContentFile(MP3), save=False)
    attached.save()
    return attached


def make_episode(
    *,
    title: str,
    season: int = 1,
    number: int = 1,
    access: str = "public",
    status: str = "published",
    published_on: date | None = None,
    audio: bool = True,
    seconds: int | None = 754,
    explicit: bool = False,
    body: str = SHOW_NOTES,
) -> PodcastEpisode:
    resource = make_resource(
        title=title,
        kind=ResourceKind.PODCAST_EPISODE,
        access=access,
        status=status,
        summary=f"Summary of {title}.",
        body=body,
        platforms=("podcast",),
    )
    if published_on is not None:
        resource.published_on = published_on
        resource.save(update_fields=["published_on"])
    attached = (
        attach_audio(resource, name=f"s{season}e{number}.mp3", seconds=seconds) if audio else None
    )
    return PodcastEpisode.objects.create(
        resource=resource,
        season=season,
        number=number,
        audio=attached,
        duration_seconds=seconds if audio else None,
        explicit=explicit,
        guid=f"socialrx-podcast-s{season}e{number}-{resource.public_id}",
    )
