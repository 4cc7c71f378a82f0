"""Scale data of the community, for `socialrx seed-scale` (see `socialrx.core.scale`): the
forum's categories, threads and posts between the people of member organizations, follows,
notifications, open flags in the moderation queue, and the member directory.

The 13 categories of the demo (slugs prefixed "scale-"); threads started over two years,
four in ten questions (half of them with an accepted answer), their posts shared out with a
heavy tail, so a few threads run to hundreds of posts and pages; replies a few hours apart,
never in the future. Posts are written as the forum services write them (numbered without
gaps, sanitised HTML and plain words), counters as the services keep them. A thread's author
follows it and hears of its replies (read after two weeks); some members follow categories.
A share of the members list themselves in the directory with platforms and expertise, and
most member organizations list themselves.

Generated rows are marked: category slugs start with "scale-", threads are `is_generated`,
bodies say they were generated, every person is the load's.

Reads: "scale_organizations" (through the memberships the load made)."""

from __future__ import annotations

import random
from datetime import timedelta
from html import escape

from socialrx.core.scale import EMAIL_DOMAIN, ScaleContext, ScaleData, ScaleReport, delete_all
from socialrx.library.scale_text import SENTENCES
from socialrx.membership.selectors import memberships_with_benefits
from socialrx.organizations.models import Seat
from socialrx.taxonomy.models import Platform, Topic

from .demo.content import CATEGORIES
from .models import (
    Category,
    DirectoryMessage,
    DirectoryProfile,
    Flag,
    Follow,
    Mention,
    Notification,
    NotificationKind,
    OrganizationEntry,
    Post,
    Thread,
    ThreadRead,
)
from .scale_writers import QUESTIONS, TOPICS_SAID, Writers

THREADS = {"S": 40, "M": 500, "L": 2_000}
POSTS = {"S": 800, "M": 10_000, "L": 40_000}
FLAGS = {"S": 10, "M": 60, "L": 200}
PREFIX = "scale-"
STARTED_OVER_DAYS = 2 * 365
READ_AFTER = timedelta(days=14)
LISTED_PEOPLE, LISTED_ORGANIZATIONS, FOLLOWING_CATEGORIES = 0.4, 0.6, 0.1
GENERATED = "Generated for the benchmarks: not a real post."


def seed(context: ScaleContext) -> ScaleReport:
    rng = context.random("community")
    writers = Writers(context)
    categories = [writers.category(number, row) for number, row in enumerate(CATEGORIES, 1)]
    members = _members()
    people = [user_id for user_id, _ in members]
    if people:
        shares = _post_counts(rng, THREADS[context.size], POSTS[context.size])
        for number, posts in enumerate(shares, start=1):
            _thread(context, rng, writers, rng.choice(categories), number, posts, people)
        _flags(rng, writers, FLAGS[context.size], people)
        for user_id in people:
            if rng.random() < FOLLOWING_CATEGORIES:
                writers.follows.add(user_id, None, rng.choice(categories).pk)
    _directory(rng, writers, members)
    context.flush()
    writers.finish()
    return ScaleReport(writers.counts())


def _members() -> list[tuple[int, int]]:
    """(person, organization) of every seat in an organization holding benefits today."""
    organizations = memberships_with_benefits().values("organization_id")
    return list(
        Seat.objects.filter(organization_id__in=organizations)
        .order_by("pk")
        .values_list("user_id", "organization_id")
    )


def _post_counts(rng: random.Random, threads: int, total: int) -> list[int]:
    """`total` posts shared out between `threads` (each at least one), heavy-tailed, adding up
    exactly."""
    weights = [min(rng.paretovariate(1.1), 40.0) for _ in range(threads)]
    spare = total - threads
    counts = [1 + int(spare * weight / sum(weights)) for weight in weights]
    for index in range(total - sum(counts)):
        counts[index % threads] += 1
    return counts


def _thread(context, rng, writers: Writers, category, number: int, posts: int, people) -> None:
    author = rng.choice(people)
    kind = "question" if rng.random() < 0.4 else "discussion"
    subject = rng.choice(TOPICS_SAID)
    title = (rng.choice(QUESTIONS) if kind == "question" else "Notes on {}").format(subject)
    started = context.now - timedelta(
        days=rng.randrange(STARTED_OVER_DAYS), hours=rng.randrange(24), minutes=1
    )
    # Replies a few hours apart, squeezed so the last one is not in the future.
    room = (context.now - started).total_seconds()
    gaps = [rng.uniform(0.5, 12) * 3600 for _ in range(posts - 1)]
    squeeze = min(1.0, room * 0.9 / max(sum(gaps), 1))
    moments, at = [started], started
    for gap in gaps:
        at += timedelta(seconds=gap * squeeze)
        moments.append(at)
    thread_id = writers.thread(category, kind, f"{title} ({number})", author, started, moments)
    authors = [author] + [rng.choice(people) for _ in range(posts - 1)]
    first_post = None
    for index, (writer, moment) in enumerate(zip(authors, moments, strict=True), start=1):
        text = " ".join(rng.sample(SENTENCES, rng.randint(1, 3)))
        if index == 1:
            text = f"{title}? {text}"
        html = f"<p>{escape(text)}</p>\n<p><em>{GENERATED}</em></p>"
        post_id = writers.post(
            thread_id, index, writer, f"{text}\n\n*{GENERATED}*", html, f"{text} {GENERATED}",
            moment,
        )  # fmt: skip
        first_post = first_post or post_id
        if index > 1 and writer != author:
            read = moment + READ_AFTER if moment + READ_AFTER < context.now else None
            writers.notifications.add(
                author, NotificationKind.REPLY, thread_id, post_id, writer,
                f"A member replied in “{title[:110]}”", moment, read,
            )  # fmt: skip
    writers.follows.add(author, thread_id, None)
    if kind == "question" and posts > 1 and rng.random() < 0.5:
        writers.accept(thread_id, first_post + rng.randrange(1, posts))


def _flags(rng: random.Random, writers: Writers, count: int, people: list[int]) -> None:
    """Open flags on random posts, by members other than the post's author."""
    taken = set()
    for _ in range(count * 3):
        if len(taken) >= count:
            break
        post_id, author = writers.random_post(rng)
        by = rng.choice(people)
        if by == author or (post_id, by) in taken:
            continue
        taken.add((post_id, by))
        writers.flag(rng, post_id, by)


def _directory(rng: random.Random, writers: Writers, members: list[tuple[int, int]]) -> None:
    platforms = list(Platform.objects.exclude(code__in=["blog", "podcast"]).values_list("pk"))
    topics = list(Topic.objects.values_list("pk"))
    listed_people = set()
    for user_id, organization_id in members:
        if user_id in listed_people or rng.random() >= LISTED_PEOPLE:
            continue
        listed_people.add(user_id)
        writers.profile(rng, user_id, organization_id, rng.sample(platforms, 2), topics)
    for organization_id in dict.fromkeys(org for _, org in members):
        if rng.random() < LISTED_ORGANIZATIONS:
            writers.organization(rng, organization_id, rng.sample(platforms, 3))


def _foreign() -> dict[str, int]:
    return {
        "forum categories": Category.objects.exclude(slug__startswith=PREFIX).count(),
        "forum threads": Thread.objects.filter(is_generated=False).count(),
        "directory entries": DirectoryProfile.objects.exclude(
            user__email__endswith=f"@{EMAIL_DOMAIN}"
        ).count(),
    }


def _loaded() -> dict[str, int]:
    return {
        "forum categories": Category.objects.filter(slug__startswith=PREFIX).count(),
        "forum threads": Thread.objects.filter(is_generated=True).count(),
    }


def clear() -> None:
    """Every community row (foreign_rows said they are all generated), children first; the
    threads' accepted answers let go of their posts first."""
    Thread.objects.update(accepted_post=None)
    delete_all(
        Flag, Notification, Mention, ThreadRead, Follow, Post, Thread, Category,
        DirectoryMessage, DirectoryProfile.platforms.through, DirectoryProfile.expertise.through,
        DirectoryProfile, OrganizationEntry.platforms.through, OrganizationEntry,
    )  # fmt: skip


SCALE = ScaleData(seed=seed, foreign_rows=_foreign, loaded_rows=_loaded, clear=clear)

__all__ = ["SCALE"]
