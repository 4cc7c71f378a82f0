"""A podcast episode's numbers, explicit flag and audio, kept by staff on the episode page of
a "podcast episode" resource (the resource's text, access and files are edited elsewhere).

- Season and episode number are unique together: a second "S1 E3" is refused, naming the
  episode that has them.
- The audio is one of the resource's own audio files; its duration (read when it was
  uploaded) becomes the episode's.
- The GUID is given once, when the episode is first saved, and never changes: podcast apps
  tell episodes apart by it, so renumbering an episode must not make it a new one.
- Saving touches the resource's `updated_at`, which the feed's Last-Modified and ETag follow."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import require

from ..models import PodcastEpisode, Resource, ResourceKind
from ..selectors.podcast import audio_files_of, episode_taking

FIELDS = ["season", "number", "explicit", "audio_id", "duration_seconds", "guid"]
MAX_NUMBER = 999


def guid_for(resource: Resource, season: int, number: int) -> str:
    return f"socialrx-podcast-s{season}e{number}-{resource.public_id}"


def _taken_message(season: int, number: int, other: PodcastEpisode) -> str:
    return (
        f"Season {season} already has an episode {number}: “{other.resource.title}”. "
        "Choose another number, or renumber that episode first."
    )


def _checked_numbers(season, number) -> tuple[int, int]:
    for name, value in (("season", season), ("number", number)):
        if not isinstance(value, int) or not 1 <= value <= MAX_NUMBER:
            raise DomainError(f"Give a whole number from 1 to {MAX_NUMBER}.", field=name)
    return season, number


@transaction.atomic(durable=True)
def save_episode(
    *, actor, resource: Resource, season: int, number: int, explicit: bool, audio_id: int | None
) -> PodcastEpisode:
    """Create or update the episode of `resource` (a podcast-episode resource)."""
    require(actor, "library.manage")
    season, number = _checked_numbers(season, number)
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if resource.kind != ResourceKind.PODCAST_EPISODE:
        raise DomainError("Only a podcast episode has episode numbers and audio.")
    audio = None
    if audio_id is not None:
        audio = audio_files_of(resource).filter(pk=audio_id).first()
        if audio is None:
            raise DomainError("Choose one of this episode's audio files.", field="audio")
    other = episode_taking(season, number, besides=resource)
    if other is not None:
        raise Conflict(_taken_message(season, number, other), field="number", code="taken")
    episode = PodcastEpisode.objects.filter(resource=resource).first()
    created = episode is None
    before = {} if created else audit.snapshot(episode, FIELDS)
    if created:
        episode = PodcastEpisode(resource=resource, guid=guid_for(resource, season, number))
    episode.season, episode.number, episode.explicit = season, number, bool(explicit)
    episode.audio = audio
    episode.duration_seconds = audio.duration_seconds if audio is not None else None
    try:
        with transaction.atomic():  # a savepoint: two staff numbering two episodes at once
            episode.save()
    except IntegrityError as error:
        raise Conflict(
            f"Season {season} already has an episode {number}. Choose another number.",
            field="number",
            code="taken",
        ) from error
    Resource.objects.filter(pk=resource.pk).update(updated_at=timezone.now())
    audit.record(
        actor=actor,
        action="library.podcast_episode.created" if created else "library.podcast_episode.updated",
        target=episode,
        before=before,
        after=audit.snapshot(episode, FIELDS) | {"resource": resource.slug},
    )
    return episode
