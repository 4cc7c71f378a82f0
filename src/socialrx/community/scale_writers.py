"""The bulk writers of the community's scale data (`community.scale`), and what they must
finish once every row is in: the accepted answers (a thread is written before its posts) and
the categories' counters."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, Value, When

from socialrx.core.scale import ScaleContext, random_uuid
from socialrx.library.scale_text import SENTENCES
from socialrx.taxonomy.models import Platform, Topic

from .models import (
    Category,
    DirectoryProfile,
    Flag,
    FlagReason,
    Follow,
    Notification,
    OrganizationEntry,
    Post,
    Thread,
)

QUESTIONS = (
    "How do you handle {}",
    "Who approves posts about {}",
    "What do you measure for {}",
    "Any template for {}",
    "Is anyone else struggling with {}",
)
TOPICS_SAID = (
    "negative reviews",
    "patient photos",
    "nurse recruitment",
    "outage updates",
    "physician profiles",
    "board reports",
    "comment moderation",
    "short video",
    "account access reviews",
    "flu-season posts",
)
PREFIX = "scale-"


@dataclass
class Tally:
    pk: int
    threads: int = 0
    posts: int = 0
    last_post_at: datetime | None = None


class Writers:
    def __init__(self, context: ScaleContext):
        self.context = context
        self.rng = context.random("community.ids")
        self.categories = context.writer(
            Category,
            (
                "slug", "name", "description", "grouping", "platform", "topic",
                "organization_type", "open_to_guests", "position",
            ),
        )  # fmt: skip
        self.threads = context.writer(
            Thread,
            (
                "public_id", "category", "kind", "title", "author", "created_at", "last_post_at",
                "post_count", "last_post_number", "is_generated",
            ),
        )  # fmt: skip
        self.posts = context.writer(
            Post, ("thread", "number", "author", "body", "body_html", "search_text", "created_at")
        )
        self.follows = context.writer(Follow, ("user", "thread", "category"))
        self.notifications = context.writer(
            Notification,
            ("user", "kind", "thread", "post", "actor", "text", "created_at", "read_at"),
        )
        self.flags = context.writer(Flag, ("post", "flagged_by", "reason", "detail"))
        self.profiles = context.writer(
            DirectoryProfile,
            ("user", "is_listed", "role_title", "organization", "bio", "accepts_messages"),
        )
        self.profile_platforms = context.writer(
            DirectoryProfile.platforms.through, ("directoryprofile", "platform")
        )
        self.profile_topics = context.writer(
            DirectoryProfile.expertise.through, ("directoryprofile", "topic")
        )
        self.entries = context.writer(
            OrganizationEntry, ("organization", "is_listed", "description")
        )
        self.entry_platforms = context.writer(
            OrganizationEntry.platforms.through, ("organizationentry", "platform")
        )
        self._tallies: list[Tally] = []
        self._accepted: dict[int, int] = {}
        self._post_authors: list[tuple[int, int]] = []
        self._titles: dict[int, str] | None = None

    def category(self, position: int, row: tuple) -> Tally:
        slug, name, description, grouping, platform, topic, org_type, guests = row
        pk = self.categories.add(
            f"{PREFIX}{slug}", name, description, grouping,
            Platform.objects.filter(code=platform).values_list("pk", flat=True).first(),
            Topic.objects.filter(slug=topic).values_list("pk", flat=True).first(),
            org_type, guests, position,
        )  # fmt: skip
        tally = Tally(pk)
        self._tallies.append(tally)
        return tally

    def thread(self, category: Tally, kind, title, author, started, moments) -> int:
        category.threads += 1
        category.posts += len(moments)
        category.last_post_at = max(filter(None, [category.last_post_at, moments[-1]]))
        return self.threads.add(
            random_uuid(self.rng), category.pk, kind, title[:200], author, started, moments[-1],
            len(moments), len(moments), True,
        )  # fmt: skip

    def post(self, *values) -> int:
        post_id = self.posts.add(*values)
        self._post_authors.append((post_id, values[2]))
        return post_id

    def random_post(self, rng: random.Random) -> tuple[int, int]:
        return rng.choice(self._post_authors)

    def accept(self, thread_id: int, post_id: int) -> None:
        self._accepted[thread_id] = post_id

    def flag(self, rng: random.Random, post_id: int, by: int) -> None:
        reason = rng.choice(FlagReason.values)
        self.flags.add(post_id, by, reason, "Flagged in the generated data.")

    def profile(self, rng, user_id, organization_id, platforms, topics) -> None:
        if self._titles is None:
            self._titles = dict(
                get_user_model()
                .objects.filter(seats__isnull=False)
                .values_list("pk", "professional_title")
            )
        pk = self.profiles.add(
            user_id, True, (self._titles.get(user_id) or "")[:120], organization_id,
            " ".join(rng.sample(SENTENCES, 2))[:500], rng.random() < 0.8,
        )  # fmt: skip
        for (platform,) in platforms:
            self.profile_platforms.add(pk, platform)
        for (topic,) in rng.sample(topics, rng.randint(1, 3)):
            self.profile_topics.add(pk, topic)

    def organization(self, rng, organization_id, platforms) -> None:
        pk = self.entries.add(organization_id, True, " ".join(rng.sample(SENTENCES, 2))[:600])
        for (platform,) in platforms:
            self.entry_platforms.add(pk, platform)

    def finish(self) -> None:
        """Once the rows are written: accepted answers and the categories' counters."""
        accepted = self._accepted
        for start in range(0, len(accepted), 1_000):
            chunk = list(accepted.items())[start : start + 1_000]
            Thread.objects.filter(pk__in=[pk for pk, _ in chunk]).update(
                accepted_post=Case(
                    *[When(pk=pk, then=Value(post)) for pk, post in chunk],
                    output_field=IntegerField(),
                )
            )
        for tally in self._tallies:
            Category.objects.filter(pk=tally.pk).update(
                thread_count=tally.threads, post_count=tally.posts, last_post_at=tally.last_post_at
            )

    def counts(self) -> dict[str, int]:
        return {
            "forum categories": self.categories.count,
            "threads": self.threads.count,
            "posts": self.posts.count,
            "accepted answers": len(self._accepted),
            "follows": self.follows.count,
            "notifications": self.notifications.count,
            "open flags": self.flags.count,
            "directory entries": self.profiles.count,
            "organization entries": self.entries.count,
        }
