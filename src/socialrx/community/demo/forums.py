"""The demo's forums: the lead's 13 categories and 8 threads (content.py), written over the
last five weeks between the demo organizations' people.

Categories are the center's (staff make them in the admin): made here when their slug is
missing. A thread is made only when no thread of its category has its title.

The conversations are history: some of their authors' organizations are not members today
(North Star's application is waiting, Lakeside's membership lapsed), so the forum services,
which check today's right to post, would refuse them. Each post is therefore written the way
`services.forums` writes it (its `rendered` HTML and search text, numbered posts, the
thread's and category's counters, the poster following the thread) and announced through
`services.notify`, which creates the notifications for the people who may read the thread
today; then the rows are dated when the conversation took place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Max
from django.utils import timezone

from socialrx.taxonomy.models import Platform, Topic

from ..models import Category, Notification, Post, Thread, ThreadKind, ThreadRead
from ..services import notify
from ..services.follows import ensure_following
from ..services.forums import clean_body, clean_title, rendered
from .content import CATEGORIES, THREADS, ThreadSpec

# When each thread (in content order) was started, in days ago; replies follow hours later.
STARTED_DAYS_AGO = (18, 12, 26, 9, 15, 34, 5, 2)
REPLY_HOURS = (3, 7, 26)  # after the opening post: the first, second, third reply
PINNED = {"Introductions: who's here?"}
# Category follows made before the threads (who hears of new threads there).
CATEGORY_FOLLOWS = (
    ("demo_physician", "hipaa-privacy"),
    ("demo_physician", "practices"),
    ("demo_physician", "measurement"),
    ("demo_hospital_admin", "crisis-response"),
    ("nurse", "getting-started"),
)
# Notifications older than this were read; threads quiet for longer were read to the end.
READ_AFTER_DAYS = 10


@dataclass
class Conversation:
    thread: Thread
    posts: list[Post]


def seed_categories() -> dict[str, Category]:
    platforms = {p.code: p for p in Platform.objects.all()}
    topics = {t.slug: t for t in Topic.objects.all()}
    existing = {c.slug: c for c in Category.objects.filter(slug__in=[c[0] for c in CATEGORIES])}
    for position, row in enumerate(CATEGORIES, start=1):
        slug, name, description, grouping, platform, topic, org_type, guests = row
        if slug in existing:
            continue
        existing[slug] = Category.objects.create(
            slug=slug,
            name=name,
            description=description,
            grouping=grouping,
            platform=platforms.get(platform),
            topic=topics.get(topic),
            organization_type=org_type,
            open_to_guests=guests,
            position=position,
        )
    return {row[0]: existing[row[0]] for row in CATEGORIES}


def seed_threads(people: dict, categories: dict[str, Category], now: datetime) -> list[Thread]:
    for person, slug in CATEGORY_FOLLOWS:
        ensure_following(people[person], category=categories[slug])
    threads = []
    for spec, days_ago in zip(THREADS, STARTED_DAYS_AGO, strict=True):
        category = categories[spec.category]
        thread = Thread.objects.filter(category=category, title=spec.title).first()
        if thread is None:
            conversation = _write(spec, category, people)
            _date(conversation, now - timedelta(days=days_ago))
            thread = conversation.thread
        threads.append(thread)
    _recount(categories.values())
    return threads


def _write(spec: ThreadSpec, category: Category, people: dict) -> Conversation:
    author = people[spec.author]
    html, text, _ = rendered(clean_body(spec.body), category)
    now = timezone.now()
    thread = Thread.objects.create(
        category=category,
        kind=spec.kind,
        title=clean_title(spec.title),
        author=author,
        last_post_at=now,
        post_count=1,
        last_post_number=1,
        is_pinned=spec.title in PINNED,
        is_generated=True,
    )
    opening = Post.objects.create(
        thread=thread, number=1, author=author, body=spec.body, body_html=html, search_text=text
    )
    ensure_following(author, thread=thread)
    for follower in spec.followers:
        ensure_following(people[follower], thread=thread)
    notify.on_new_thread(thread, opening)
    posts = [opening]
    for number, (who, body) in enumerate(spec.replies, start=2):
        html, text, _ = rendered(clean_body(body), category)
        post = Post.objects.create(
            thread=thread, number=number, author=people[who], body=body, body_html=html,
            search_text=text,
        )  # fmt: skip
        Thread.objects.filter(pk=thread.pk).update(post_count=number, last_post_number=number)
        ensure_following(people[who], thread=thread)
        notify.on_reply(post)
        posts.append(post)
    if spec.accepted:
        answer = posts[spec.accepted]
        Thread.objects.filter(pk=thread.pk).update(accepted_post=answer)
        thread.accepted_post = answer
        if spec.kind == ThreadKind.QUESTION:
            notify.on_answer_accepted(thread, answer, author)
    return Conversation(thread, posts)


def _date(conversation: Conversation, started: datetime) -> None:
    """The thread started at `started`, each reply some hours later; its notifications dated
    with their posts, those older than READ_AFTER_DAYS read."""
    read_before = timezone.now() - timedelta(days=READ_AFTER_DAYS)
    for index, post in enumerate(conversation.posts):
        at = started + timedelta(hours=REPLY_HOURS[index - 1] if index else 0)
        Post.objects.filter(pk=post.pk).update(created_at=at)
        Notification.objects.filter(post=post).update(
            created_at=at, read_at=at + timedelta(hours=2) if at < read_before else None
        )
        post.created_at = at
    last = conversation.posts[-1].created_at
    Thread.objects.filter(pk=conversation.thread.pk).update(created_at=started, last_post_at=last)


def _recount(categories) -> None:
    """Each category's counters as the services keep them: threads, posts, last post."""
    for category in categories:
        facts = Post.objects.filter(thread__category=category).aggregate(
            posts=Count("pk"), last=Max("created_at")
        )
        Category.objects.filter(pk=category.pk).update(
            thread_count=Thread.objects.filter(category=category).count(),
            post_count=facts["posts"],
            last_post_at=facts["last"],
        )


def seed_reading(reader, threads: list[Thread]) -> None:
    """How far `reader` has read: to the end of threads quiet for READ_AFTER_DAYS, the opening post
    of the others (their replies show as unread). Once."""
    if ThreadRead.objects.filter(user=reader).exists():
        return
    quiet = timezone.now() - timedelta(days=READ_AFTER_DAYS)
    rows = []
    for thread in Thread.objects.filter(pk__in=[t.pk for t in threads]):
        number = thread.last_post_number if thread.last_post_at < quiet else 1
        rows.append(ThreadRead(user=reader, thread=thread, last_read_number=number))
    ThreadRead.objects.bulk_create(rows, ignore_conflicts=True)


__all__ = ["seed_categories", "seed_reading", "seed_threads"]
