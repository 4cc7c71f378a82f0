"""Scale data of the library, for `socialrx seed-scale` (see `socialrx.core.scale`): resources
of every kind with their topics, platforms and audiences, a version of each template and
checklist, podcast episodes with their audio, daily views and downloads, and the center's
news.

Resources were published over three years (a few are drafts, or members' contributions
waiting for review, credited to the load's organizations); a third are public, a little over
half for members, the rest premium. Each has one to three topics and platforms and one or two
audiences, and was used on a few days of the last 60 (the most used, by a heavy-tailed
weight, many times a day), its `use_count` the sum. Podcast episodes (public, numbered twenty
to a season) share one generated audio file (a six-second chime, stored once in the private
storage) whose rows give its real size and length. Titles, summaries and bodies are made of
phrases of the field (`scale_text`); search_text is written as the services write it, and on
PostgreSQL the trigger fills the search vector as the rows are copied in.

Generated rows are marked: slugs start with "scale-", every resource and news post is
`is_generated`, bodies say they were generated.

Reads: "scale_organizations"."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from socialrx.core.scale import ScaleContext, ScaleData, ScaleReport, delete_all, random_uuid
from socialrx.taxonomy.models import Platform, Topic

from .demo.media_files import CHIME_SECONDS, chime
from .models import (
    VERSIONED_KINDS,
    Audience,
    CaseStudy,
    DailyUse,
    FileKind,
    LibraryVisit,
    NewsPost,
    PodcastEpisode,
    ReaderHistory,
    Resource,
    ResourceFile,
    ResourceKind,
    ResourceReview,
    ResourceStatus,
    ResourceVersion,
    ResultFigure,
)
from .scale_text import GENERATED, body_of, title_of
from .services.versions import FIRST_NOTE

RESOURCES = {"S": 600, "M": 5_000, "L": 20_000}
EPISODES = {"S": 10, "M": 100, "L": 300}
NEWS = {"S": 10, "M": 60, "L": 300}
PREFIX = "scale-"
AUDIO_NAME = "library/scale-episode.wav"
DAYS_OF_USE = 60
PUBLISHED_OVER_DAYS = 3 * 365
NEWS_TOPICS = ("strategy", "policy-legal", "measurement-roi", "crisis-response", "recruitment")
# Case studies need their structured answers (CaseStudy rows): the load makes none of them.
KINDS = [
    kind
    for kind in ResourceKind.values
    if kind not in (ResourceKind.PODCAST_EPISODE, ResourceKind.CASE_STUDY)
]
# Of every 20 resources: 1 a draft, 1 a contribution waiting for review, 2 contributed and
# published (credited to an organization of the load), the others the center's.
DRAFT, SUBMITTED, CONTRIBUTED = 0, 1, (2, 3)


class Vocabulary:
    def __init__(self):
        self.topics = list(Topic.objects.order_by("position").values_list("pk", "slug"))
        self.platforms = list(
            Platform.objects.order_by("position")
            .exclude(code__in=["blog", "podcast", "other"])
            .values_list("pk", "name")
        )
        self.podcast = Platform.objects.get(code="podcast").pk
        self.audiences = list(Audience.objects.order_by("position").values_list("pk", "name"))
        self.topic_names = dict(Topic.objects.values_list("pk", "name"))


class Writers:
    def __init__(self, context: ScaleContext):
        self.context = context
        self.resources = context.writer(
            Resource,
            (
                "public_id", "slug", "kind", "title", "summary", "body", "body_html",
                "search_text", "minutes", "access", "status", "published_on", "reviewed_on",
                "contributed_by_organization", "use_count", "current_version", "is_generated",
                "created_at",
            ),
        )  # fmt: skip
        self.topics = context.writer(Resource.topics.through, ("resource", "topic"))
        self.platforms = context.writer(Resource.platforms.through, ("resource", "platform"))
        self.audiences = context.writer(Resource.audiences.through, ("resource", "audience"))
        self.versions = context.writer(
            ResourceVersion, ("resource", "number", "title", "body", "change_note", "created_at")
        )
        self.files = context.writer(
            ResourceFile,
            (
                "public_id", "resource", "file", "kind", "content_type", "size_bytes",
                "original_name", "duration_seconds", "position", "created_at",
            ),
        )  # fmt: skip
        self.episodes = context.writer(
            PodcastEpisode,
            ("resource", "season", "number", "audio", "duration_seconds", "explicit", "guid"),
        )
        self.uses = context.writer(DailyUse, ("resource", "day", "kind", "count"))
        self.news = context.writer(
            NewsPost,
            (
                "public_id", "slug", "title", "summary", "body", "body_html", "published_at",
                "is_generated", "created_at",
            ),
        )  # fmt: skip


def seed(context: ScaleContext) -> ScaleReport:
    rng = context.random("library")
    vocabulary = Vocabulary()
    writers = Writers(context)
    organizations = [org.id for org in context.get("scale_organizations")]
    audio_size = _stored_audio()
    episodes = EPISODES[context.size]
    for number in range(1, RESOURCES[context.size] + 1):
        episode = number if number <= episodes else None
        resource(context, rng, writers, vocabulary, number, organizations, episode, audio_size)
    for number in range(1, NEWS[context.size] + 1):
        news_post(context, rng, writers, number)
    return ScaleReport(
        {
            "resources": writers.resources.count,
            "topic links": writers.topics.count,
            "platform links": writers.platforms.count,
            "audience links": writers.audiences.count,
            "versions": writers.versions.count,
            "podcast episodes": writers.episodes.count,
            "daily uses": writers.uses.count,
            "news posts": writers.news.count,
        }
    )


def _stored_audio() -> int:
    """The episodes' one audio file, stored once; its size."""
    storage = ResourceFile._meta.get_field("file").storage
    if not storage.exists(AUDIO_NAME):
        storage.save(AUDIO_NAME, ContentFile(chime()))
    return storage.size(AUDIO_NAME)


def resource(context, rng, writers, vocabulary, number, organizations, episode, audio_size):
    kind = ResourceKind.PODCAST_EPISODE if episode else KINDS[number % len(KINDS)]
    topics = rng.sample(vocabulary.topics, rng.randint(1, 3))
    platforms = rng.sample(vocabulary.platforms, rng.randint(1, 3))
    audiences = rng.sample(vocabulary.audiences, rng.randint(1, 2))
    title, summary = title_of(rng, kind, topics[0][1], platforms[0][1])
    body, body_html, words = body_of(rng, rng.randint(2, 4))
    lane = None if episode else number % 20  # episodes are the center's, all published
    status = {DRAFT: ResourceStatus.DRAFT, SUBMITTED: ResourceStatus.SUBMITTED}.get(
        lane, ResourceStatus.PUBLISHED
    )
    contributed = rng.choice(organizations) if lane == SUBMITTED or lane in CONTRIBUTED else None
    published = status == ResourceStatus.PUBLISHED
    day = context.today - timedelta(days=rng.randrange(PUBLISHED_OVER_DAYS)) if published else None
    access = "public" if episode else rng.choices(["public", "member", "premium"], [33, 55, 12])[0]
    versioned = published and kind in VERSIONED_KINDS
    names = [vocabulary.topic_names[pk] for pk, _ in topics]
    names += [name for _, name in platforms] + [name for _, name in audiences]
    search_text = " ".join(f"{title} {summary} {words} {' '.join(names)}".split())
    uses = _uses(context, rng, day) if published else []
    resource_id = writers.resources.add(
        random_uuid(rng), f"{PREFIX}r{number}", kind, title, summary, body, body_html,
        search_text, 1 if episode else rng.randint(2, 45), access, status, day, day, contributed,
        sum(count for _, _, count in uses), 1 if versioned else 0, True,
        _at(day or context.today),
    )  # fmt: skip
    for pk, _ in topics:
        writers.topics.add(resource_id, pk)
    for pk, _ in platforms:
        writers.platforms.add(resource_id, pk)
    if episode:
        writers.platforms.add(resource_id, vocabulary.podcast)
    for pk, _ in audiences:
        writers.audiences.add(resource_id, pk)
    for use_day, use_kind, count in uses:
        writers.uses.add(resource_id, use_day, use_kind, count)
    if versioned:
        writers.versions.add(resource_id, 1, title, body, FIRST_NOTE, _at(day))
    if episode:
        file_id = writers.files.add(
            random_uuid(rng), resource_id, AUDIO_NAME, FileKind.AUDIO, "audio/wav", audio_size,
            f"rounds-{episode}.wav", CHIME_SECONDS, 1, _at(day or context.today),
        )  # fmt: skip
        season, place = divmod(episode - 1, 20)
        writers.episodes.add(
            resource_id, season + 1, place + 1, file_id, CHIME_SECONDS, False,
            f"socialrx-scale-podcast-{episode}",
        )  # fmt: skip


def _uses(context: ScaleContext, rng: random.Random, published) -> list[tuple]:
    """(day, kind, count) on a few days of the last 60 since publication; a heavy tail of
    much-used resources."""
    first = max(published, context.today - timedelta(days=DAYS_OF_USE - 1))
    span = (context.today - first).days + 1
    weight = min(rng.paretovariate(1.3), 60)
    rows = []
    for offset in sorted(rng.sample(range(span), min(span, rng.randint(1, 6)))):
        day = first + timedelta(days=offset)
        views = max(1, round(weight * rng.uniform(0.5, 1.5)))
        rows.append((day, "view", views))
        if rng.random() < 0.4:
            rows.append((day, "download", max(1, views // 3)))
    return rows


def news_post(context: ScaleContext, rng: random.Random, writers: Writers, number: int) -> None:
    title, summary = title_of(rng, ResourceKind.GUIDE, rng.choice(NEWS_TOPICS), "social media")
    body, body_html, _ = body_of(rng, 2)
    published = timezone.now() - timedelta(days=number * 3, hours=rng.randrange(24))
    writers.news.add(
        random_uuid(rng), f"{PREFIX}news-{number}", f"News: {title}"[:200], summary, body,
        body_html, published, True, published,
    )  # fmt: skip


def _at(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(15)))


def _foreign() -> dict[str, int]:
    return {
        "resources": Resource.objects.exclude(slug__startswith=PREFIX).count(),
        "news posts": NewsPost.objects.exclude(slug__startswith=PREFIX).count(),
    }


def _loaded() -> dict[str, int]:
    return {
        "resources": Resource.objects.filter(slug__startswith=PREFIX).count(),
        "news posts": NewsPost.objects.filter(slug__startswith=PREFIX).count(),
    }


def clear() -> None:
    """Every library row (foreign_rows said they are all generated), children first."""
    delete_all(
        DailyUse, ReaderHistory, LibraryVisit, PodcastEpisode, ResourceFile, ResourceVersion,
        ResourceReview, ResultFigure, CaseStudy, Resource.topics.through,
        Resource.platforms.through, Resource.audiences.through, Resource, NewsPost,
    )  # fmt: skip


SCALE = ScaleData(seed=seed, foreign_rows=_foreign, loaded_rows=_loaded, clear=clear)

__all__ = ["GENERATED", "SCALE"]
