"""Reads of the podcast: the show page's episodes (what the reader may open), the feed's
episodes (published, public, with audio), the fingerprint the feed's ETag is made of, and
the staff episode page's episode and audio choices."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db.models import Count, Max, QuerySet, Sum

from socialrx.core.errors import NotFound
from socialrx.membership.selectors import resource_tiers_of

from ..models import FileKind, PodcastEpisode, Resource, ResourceFile, ResourceKind, ResourceStatus
from ..site_links import artwork_url

# The feed lists this many episodes at most (podcast apps keep what they already fetched).
FEED_LIMIT = 300


def _listed() -> QuerySet[PodcastEpisode]:
    """Episodes of published podcast resources that have their audio chosen."""
    return (
        PodcastEpisode.objects.filter(
            resource__status=ResourceStatus.PUBLISHED,
            resource__kind=ResourceKind.PODCAST_EPISODE,
            audio__isnull=False,
        )
        .select_related("resource", "audio")
        .order_by("-season", "-number")
    )


def show_episodes(user) -> QuerySet[PodcastEpisode]:
    """The show page's episodes, newest first: those the reader may open (visitors: public
    ones; members: their tiers; staff: all). One query (the tiers are cached per request)."""
    return _listed().filter(resource__access__in=sorted(resource_tiers_of(user)))


def feed_episodes() -> list[PodcastEpisode]:
    """The feed's episodes, newest first: published, public, with audio (one query)."""
    return list(_listed().filter(resource__access="public")[:FEED_LIMIT])


def feed_fingerprint() -> tuple[str, object]:
    """(ETag, Last-Modified) of the feed, from one aggregate query: it changes when an
    episode is added, removed, edited (its resource's `updated_at`; the episode service
    touches it) or given other audio, and when the channel's settings change."""
    facts = (
        _listed()
        .filter(resource__access="public")
        .order_by()
        .aggregate(
            episode_count=Count("pk"),
            last_change=Max("resource__updated_at"),
            audio_ids=Sum("audio_id"),
            last_upload=Max("audio__created_at"),
        )
    )
    channel = (
        settings.LIBRARY_PODCAST_TITLE,
        settings.LIBRARY_PODCAST_DESCRIPTION,
        settings.LIBRARY_PODCAST_AUTHOR,
        settings.LIBRARY_PODCAST_OWNER_NAME,
        settings.LIBRARY_PODCAST_OWNER_EMAIL,
        settings.LIBRARY_PODCAST_CATEGORY,
        settings.LIBRARY_PODCAST_EXPLICIT,
        settings.SITE_URL,
        artwork_url(),
    )
    text = repr((sorted(facts.items()), channel))
    return hashlib.sha256(text.encode()).hexdigest()[:32], facts["last_change"]


# --- staff ------------------------------------------------------------------------------------


def podcast_resource_for_staff(public_id) -> Resource:
    """A podcast-episode resource by its public id (any status), or 404."""
    resource = (
        Resource.objects.filter(public_id=public_id, kind=ResourceKind.PODCAST_EPISODE)
        .select_related("episode")
        .first()
    )
    if resource is None:
        raise NotFound("There is no podcast episode with this address.")
    return resource


def audio_files_of(resource: Resource) -> QuerySet[ResourceFile]:
    """The resource's current audio files (not those kept with an old template version)."""
    return ResourceFile.objects.filter(
        resource=resource, kind=FileKind.AUDIO, version__isnull=True
    ).order_by("position", "id")


def episode_taking(season: int, number: int, *, besides: Resource) -> PodcastEpisode | None:
    """The episode (of another resource) numbered `season`/`number`, if any."""
    return (
        PodcastEpisode.objects.filter(season=season, number=number)
        .exclude(resource=besides)
        .select_related("resource")
        .first()
    )


def next_numbers() -> dict[str, int]:
    """A new episode's suggested numbers: the latest season, the number after its last."""
    latest = PodcastEpisode.objects.order_by("-season", "-number").values("season", "number")
    last = latest.first()
    if last is None:
        return {"season": 1, "number": 1}
    return {"season": last["season"], "number": last["number"] + 1}


def is_in_feed(resource: Resource, episode: PodcastEpisode) -> bool:
    return (
        resource.status == ResourceStatus.PUBLISHED
        and resource.access == "public"
        and episode.audio_id is not None
    )
