"""Community test data: categories, threads with posts (written directly, counters kept as the
services keep them) and members of member organizations."""

from __future__ import annotations

from itertools import count

from django.utils import timezone

from socialrx.community.models import Category, CategoryGrouping, Post, Thread, ThreadKind
from socialrx.core.markdown import render
from tests.library.factories import member_org  # noqa: F401 - re-exported for community tests

_numbers = count(1)


def make_category(*, name: str | None = None, open_to_guests: bool = False, **fields) -> Category:
    number = next(_numbers)
    return Category.objects.create(
        slug=fields.pop("slug", f"category-{number}"),
        name=name or f"Patient stories {number}",
        description=fields.pop("description", "Sharing what worked."),
        grouping=fields.pop("grouping", CategoryGrouping.GENERAL),
        open_to_guests=open_to_guests,
        **fields,
    )


def make_thread(
    *,
    category: Category | None = None,
    author=None,
    title: str | None = None,
    kind: str = ThreadKind.DISCUSSION,
    body: str = "How do you answer a negative review that names a nurse?",
    replies=(),
    **fields,
) -> Thread:
    """A thread with its opening post by `author` and one post per (author, body) in
    `replies`, numbered 1, 2, …, with the thread's and category's counters set."""
    category = category or make_category()
    now = timezone.now()
    thread = Thread.objects.create(
        category=category,
        kind=kind,
        title=title or f"Answering reviews {next(_numbers)}",
        author=author,
        last_post_at=now,
        **fields,
    )
    posts = [(author, body), *replies]
    for number, (post_author, post_body) in enumerate(posts, start=1):
        Post.objects.create(
            thread=thread,
            number=number,
            author=post_author,
            body=post_body,
            body_html=render(post_body),
            search_text=post_body,
        )
    thread.post_count = thread.last_post_number = len(posts)
    thread.save(update_fields=["post_count", "last_post_number"])
    category.thread_count += 1
    category.post_count += len(posts)
    category.last_post_at = now
    category.save(update_fields=["thread_count", "post_count", "last_post_at"])
    return thread
