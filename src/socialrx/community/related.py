"""What the community offers other apps' pages through core.related (declared on the
AppConfig): discussions in the categories of a topic or platform (a library resource on crisis
response shows the "Crisis response" forum's recent threads), and the month's forum highlights
for the digest. Forums are for members (and signed-in guests in the categories opened to
them), so visitors get nothing. One query each, besides the person's membership (cached per
request)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Q

from socialrx.core.permissions import is_center_staff
from socialrx.core.related import DigestSection, RelatedItem, RelatedProvider
from socialrx.membership.selectors import may_read_member_content

from .links import thread_path
from .models import Thread

SOURCE = "community"


def _item(thread: Thread, score: int, summary: str) -> RelatedItem:
    return RelatedItem(
        kind="Question" if thread.kind == "question" else "Discussion",
        title=thread.title,
        url=thread_path(thread),
        summary=summary,
        when=thread.last_post_at,
        score=score,
        source=SOURCE,
    )


def by_taxonomy(user, *, topic_ids=frozenset(), platform_ids=frozenset(), limit=6):
    """Recent visible threads of the categories about these topics or platforms."""
    if not getattr(user, "is_authenticated", False) or not (topic_ids or platform_ids):
        return []
    threads = Thread.objects.filter(is_hidden=False).filter(
        Q(category__topic_id__in=topic_ids) | Q(category__platform_id__in=platform_ids)
    )
    if not (may_read_member_content(user) or is_center_staff(user)):
        threads = threads.filter(category__open_to_guests=True)
    threads = threads.select_related("category").order_by("-last_post_at")[:limit]
    return [
        _item(thread, 1, f"{thread.post_count} posts in {thread.category.name}")
        for thread in threads
    ]


def new_between(since: datetime, until: datetime, limit: int = 8) -> list[DigestSection]:
    """The threads with the most new posts in the period (the digest goes to members)."""
    in_period = Q(posts__created_at__gte=since, posts__created_at__lt=until, posts__is_hidden=False)
    threads = (
        Thread.objects.filter(is_hidden=False)
        .filter(in_period)
        .annotate(new_posts=Count("posts", filter=in_period))
        .select_related("category")
        .order_by("-new_posts", "-last_post_at")[:limit]
    )
    items = tuple(
        _item(
            thread,
            thread.new_posts,
            f"{thread.new_posts} new post{'s' if thread.new_posts != 1 else ''} "
            f"in {thread.category.name}" + (" · answered" if thread.accepted_post_id else ""),
        )
        for thread in threads
    )
    return [DigestSection("Forum highlights", items, order=40)]


PROVIDER = RelatedProvider(by_taxonomy=by_taxonomy, new_between=new_between)
