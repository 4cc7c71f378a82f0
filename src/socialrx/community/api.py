"""The forums over the API, for members (and center staff): the threads they may read, newest
activity first, filtered by category and searched; one thread with a page of its posts.
Mounted under /api/v1/community (see menus.py).

The operations read through the same selectors as the pages (`selectors.forums`,
`selectors.forum_search`). Without a session or token: 401; a signed-in person whose
organizations hold no membership: 403; a thread or category they may not read: 404 (the same
answer as a missing one); a search of only symbols or too long: 400."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.core.paginator import Paginator
from ninja import Field, Query, Router, Schema

from socialrx.core.api_errors import documented
from socialrx.core.errors import DomainError
from socialrx.membership.selectors import may_read_member_content

from .selectors import forum_search
from .selectors import forums as selectors

router = Router()

MEMBERS_ONLY = {
    403: "The forums' API is for members: none of your organizations holds a membership "
    "(or a center account without two-factor authentication yet)."
}


class MembersOnly(DomainError):
    status_code = 403

    def __init__(self):
        super().__init__(
            "The forums' API is for members of the network: none of your organizations holds "
            "a membership.",
            code="members_only",
        )


def _require_member(user) -> None:
    if not may_read_member_content(user):
        raise MembersOnly


class CategoryOut(Schema):
    slug: str
    name: str


class ThreadOut(Schema):
    id: UUID = Field(description="The thread's public id.")
    title: str
    kind: str = Field(description="`discussion` or `question`.")
    category: CategoryOut
    author: str | None = Field(description="The author's full name; null for a former member.")
    replies: int
    last_post_at: datetime
    is_locked: bool
    is_pinned: bool
    is_answered: bool = Field(description="A question with an accepted answer.")


class ThreadListOut(Schema):
    count: int
    page: int
    pages: int
    results: list[ThreadOut]


class PostOut(Schema):
    number: int
    author: str | None
    author_organization: str
    created_at: datetime
    edited_at: datetime | None
    is_hidden: bool = Field(description="Hidden by a moderator: no body (but for moderators).")
    is_accepted: bool
    quoted_number: int | None
    body: str | None = Field(description="Markdown, as written.")
    body_html: str | None = Field(description="Sanitised HTML.")
    moderator_note: str


class ThreadDetailOut(ThreadOut):
    accepted_number: int | None
    page: int
    pages: int
    posts: list[PostOut]


class ThreadParams(Schema):
    category: str | None = Field(None, description="A category's slug.")
    q: str | None = Field(None, description="Words that must all appear (title or posts).")
    page: int = Field(1, ge=1, le=100_000)


def _thread_item(thread) -> dict:
    return {
        "id": thread.public_id,
        "title": thread.title,
        "kind": thread.kind,
        "category": {"slug": thread.category.slug, "name": thread.category.name},
        "author": thread.author.full_name if thread.author_id else None,
        "replies": max(thread.post_count - 1, 0),
        "last_post_at": thread.last_post_at,
        "is_locked": thread.is_locked,
        "is_pinned": thread.is_pinned,
        "is_answered": thread.accepted_post_id is not None,
    }


def _post_item(post, *, accepted_id, moderator: bool) -> dict:
    shown = moderator or not post.is_hidden
    return {
        "number": post.number,
        "author": post.author.full_name if post.author_id else None,
        "author_organization": post.author_organization,
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "is_hidden": post.is_hidden,
        "is_accepted": post.pk == accepted_id,
        "quoted_number": post.quoted_post.number if post.quoted_post_id else None,
        "body": post.body if shown else None,
        "body_html": post.body_html if shown else None,
        "moderator_note": post.moderator_note,
    }


@router.get(
    "/threads",
    **documented(
        ThreadListOut,
        400,
        401,
        403,
        404,
        422,
        reasons={
            **MEMBERS_ONLY,
            400: "`q` is only symbols, or longer than 200 characters.",
            404: "No such category, or not one you may read.",
        },
    ),
    summary="Forum threads I may read, latest activity first (25 a page)",
)
def threads(request, params: Query[ThreadParams]):
    _require_member(request.user)
    category = selectors.category_for(request.user, params.category) if params.category else None
    query = forum_search.parse_query(params.q)
    if query.problem:
        raise DomainError(query.problem, field="q", code="bad_query")
    listing = forum_search.search_threads(request.user, category=category, query=query)
    page = Paginator(listing, selectors.THREADS_PER_PAGE).get_page(params.page)
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [_thread_item(thread) for thread in page.object_list],
    }


@router.get(
    "/threads/{public_id}",
    **documented(
        ThreadDetailOut,
        401,
        403,
        404,
        422,
        reasons={**MEMBERS_ONLY, 404: "No such thread, or not one you may read."},
    ),
    summary="One thread with a page of its posts (20 a page)",
)
def thread(request, public_id: UUID, page: int = Query(1, ge=1, le=100_000)):  # noqa: B008
    _require_member(request.user)
    found = selectors.thread_for(request.user, public_id)
    reading = selectors.thread_page(request.user, found, page)
    moderator = selectors.may_moderate(request.user)
    accepted = found.accepted_post
    return {
        **_thread_item(found),
        "accepted_number": accepted.number if accepted and not accepted.is_hidden else None,
        "page": reading.page.number,
        "pages": reading.page.paginator.num_pages,
        "posts": [
            _post_item(post, accepted_id=found.accepted_post_id, moderator=moderator)
            for post in reading.posts
        ],
    }
