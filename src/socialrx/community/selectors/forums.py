"""Reads of the forums: the index of categories, a category's threads, a thread's page of
posts, and the access helpers that return a category or thread or NotFound (the same answer
for "missing" and "not yours to read", so ids cannot be probed).

Unread markers come from the reader's `ThreadRead` (how far they read each thread): a thread
never opened is "new", one read to post #k of n has n − k new posts. Counts on the pages are
the services' denormalised counters, never COUNT(*) of posts; every page reads a fixed number
of queries whatever the number of categories, threads or posts."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Subquery

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed
from socialrx.organizations.models import Seat

from ..models import Category, CategoryGrouping, DirectoryProfile, Follow, Post, Thread, ThreadRead

THREADS_PER_PAGE = 25
POSTS_PER_PAGE = 20
RECENT_THREADS = 8


def as_uuid(value) -> UUID | None:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except ValueError:
        return None


def may_moderate(viewer) -> bool:
    return allowed(viewer, "community.moderate")


def page_of(number: int) -> int:
    """The page of the thread that shows post #`number`."""
    return (max(number, 1) - 1) // POSTS_PER_PAGE + 1


# --- reading state --------------------------------------------------------------------------


def _read_number(viewer) -> Subquery:
    return Subquery(
        ThreadRead.objects.filter(thread=OuterRef("pk"), user=viewer).values("last_read_number")[:1]
    )


def _unread_threads(viewer):
    """Visible threads of the outer category with posts the viewer has not read."""
    read_to_the_end = ThreadRead.objects.filter(
        thread=OuterRef("pk"), user=viewer, last_read_number__gte=OuterRef("last_post_number")
    )
    return Thread.objects.filter(category=OuterRef("pk"), is_hidden=False).filter(
        ~Exists(read_to_the_end)
    )


def mark_unread(threads) -> list[Thread]:
    """Set `is_new` (never opened), `new_count` (posts after the last one read) and
    `first_unread` (with its page) on threads annotated with `read_number`."""
    threads = list(threads)
    for thread in threads:
        read = thread.read_number
        thread.is_new = read is None
        thread.new_count = 0 if read is None else max(thread.last_post_number - read, 0)
        thread.first_unread = (read or 0) + 1
        thread.first_unread_page = page_of(thread.first_unread)
    return threads


# --- who wrote it ---------------------------------------------------------------------------


def organizations_of(user_ids) -> dict[int, str]:
    """{person id: the organization shown beside their name}: the one their directory entry
    names, else the first of their organizations by name. One query."""
    user_ids = {pk for pk in user_ids if pk is not None}
    if not user_ids:
        return {}
    chosen = DirectoryProfile.objects.filter(
        user_id=OuterRef("user_id"), organization_id=OuterRef("organization_id")
    )
    seats = (
        Seat.objects.filter(user_id__in=user_ids)
        .annotate(chosen=Exists(chosen))
        .values_list("user_id", "organization__name", "chosen")
        .order_by("user_id", "-chosen", "organization__name")
    )
    names: dict[int, str] = {}
    for user_id, name, _chosen in seats:
        names.setdefault(user_id, name)
    return names


def _with_organizations(items, attribute: str = "author") -> None:
    """Set `author_organization` on each item (threads or posts) from one query."""
    names = organizations_of(getattr(item, f"{attribute}_id") for item in items)
    for item in items:
        item.author_organization = names.get(getattr(item, f"{attribute}_id"), "")


# --- the index ------------------------------------------------------------------------------


@dataclass
class CategoryGroup:
    label: str
    categories: list[Category]


@dataclass
class ForumIndex:
    groups: list[CategoryGroup]
    members_only_count: int  # categories the viewer may not read (a guest's "N more")
    recent: list[Thread] = field(default_factory=list)


def forum_index(viewer) -> ForumIndex:
    """The categories the viewer reads, grouped (General, By platform, By topic, By
    organization type) with an unread flag each, and the latest active threads among them.
    Three queries."""
    categories = list(
        Category.objects.annotate(has_unread=Exists(_unread_threads(viewer))).order_by(
            "position", "name"
        )
    )
    readable = [c for c in categories if allowed(viewer, "community.read_category", c)]
    groups = [
        CategoryGroup(grouping.label, [c for c in readable if c.grouping == grouping])
        for grouping in CategoryGrouping
    ]
    recent = mark_unread(
        Thread.objects.filter(category__in=[c.pk for c in readable], is_hidden=False)
        .select_related("category", "author")
        .annotate(read_number=_read_number(viewer))
        .order_by("-last_post_at", "-pk")[:RECENT_THREADS]
    )
    return ForumIndex(
        groups=[group for group in groups if group.categories],
        members_only_count=len(categories) - len(readable),
        recent=recent,
    )


# --- a category -----------------------------------------------------------------------------


def category_for(viewer, slug: str) -> Category:
    """The category if the viewer may read it, with `is_followed`; else NotFound."""
    category = (
        Category.objects.annotate(
            is_followed=Exists(Follow.objects.filter(category=OuterRef("pk"), user=viewer))
        )
        .filter(slug=slug)
        .first()
    )
    if category is None or not allowed(viewer, "community.read_category", category):
        raise NotFound("No such category.")
    return category


def category_threads(viewer, category: Category, page_number) -> Page:
    """A page of the category's threads, pinned first then by last activity, with their
    authors' organizations and unread markers. Three queries (count, threads, organizations);
    hidden threads are listed for moderators only."""
    threads = (
        Thread.objects.filter(category=category)
        .select_related("author")
        .annotate(read_number=_read_number(viewer))
        .order_by("-is_pinned", "-last_post_at", "-pk")
    )
    if not may_moderate(viewer):
        threads = threads.filter(is_hidden=False)
    page = Paginator(threads, THREADS_PER_PAGE).get_page(page_number)
    page.object_list = mark_unread(page.object_list)
    _with_organizations(page.object_list)
    return page


# --- a thread -------------------------------------------------------------------------------


def thread_for(viewer, public_id) -> Thread:
    """The thread if the viewer may read it, with its category, author, accepted answer,
    `read_number` (None when never opened) and `is_followed`; else NotFound. One query."""
    public_id = as_uuid(public_id)
    thread = (
        Thread.objects.select_related("category", "author", "accepted_post__author")
        .annotate(
            read_number=_read_number(viewer),
            is_followed=Exists(Follow.objects.filter(thread=OuterRef("pk"), user=viewer)),
        )
        .filter(public_id=public_id)
        .first()
        if public_id
        else None
    )
    if thread is None or not allowed(viewer, "community.read_thread", thread):
        raise NotFound("No such thread.")
    return thread


@dataclass
class ThreadPage:
    page: Page  # of post numbers
    posts: list[Post]
    accepted: Post | None  # shown under the question on the first page
    first_unread: int | None  # the first post the viewer has not read (None: none or never)
    last_shown: int

    @property
    def first_unread_page(self) -> int | None:
        return page_of(self.first_unread) if self.first_unread else None


def thread_page(viewer, thread: Thread, page_number) -> ThreadPage:
    """Page `page_number` of the thread's posts (a bad or out-of-range number gives the
    nearest page), each with the post it quotes and its author's organization. Two queries."""
    paginator = Paginator(range(1, thread.last_post_number + 1), POSTS_PER_PAGE)
    page = paginator.get_page(page_number)
    numbers = page.object_list
    posts = []
    if numbers:
        posts = list(
            Post.objects.filter(thread=thread, number__gte=numbers[0], number__lte=numbers[-1])
            .select_related("author", "quoted_post__author")
            .order_by("number")
        )
    accepted = thread.accepted_post if thread.accepted_post_id else None
    if accepted is not None and (accepted.is_hidden or page.number != 1):
        accepted = None
    for post in (*posts, *([accepted] if accepted else [])):
        post.thread = thread  # the permission rules read the thread and its category
    _with_organizations([*posts, *([accepted] if accepted else [])])
    read = thread.read_number
    first_unread = read + 1 if read is not None and read < thread.last_post_number else None
    return ThreadPage(
        page=page,
        posts=posts,
        accepted=accepted,
        first_unread=first_unread,
        last_shown=numbers[-1] if numbers else 0,
    )


def quotable_post(thread: Thread, number) -> Post | None:
    """Post #`number` of the thread to quote in a reply (not a hidden one), or None."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return None
    if not 1 <= number <= thread.last_post_number:
        return None
    return Post.objects.filter(thread=thread, number=number, is_hidden=False).first()


def reply_of(thread: Thread, number: int) -> Post | None:
    """Post #`number` of the thread (the one to accept as its answer), or None."""
    return Post.objects.filter(thread=thread, number=number).first()


def post_for(viewer, pk) -> Post:
    """A post with its thread and category, if the viewer may read its thread; else NotFound
    (a hidden post is found: its thread shows it as hidden)."""
    post = Post.objects.select_related("thread__category", "author").filter(pk=pk).first()
    if post is None or not allowed(viewer, "community.read_thread", post.thread):
        raise NotFound("No such post.")
    return post


def post_for_author(viewer, pk) -> Post:
    """`post_for`, but a hidden post is "not found" except for moderators (what its author
    or a flagger may act on)."""
    post = post_for(viewer, pk)
    if post.is_hidden and not may_moderate(viewer):
        raise NotFound("No such post.")
    return post
