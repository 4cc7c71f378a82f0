"""Library's permission-matrix rows for the center's news and the monthly digest (merged in
matrix_rows.py): anyone reads published posts, a draft is "not found" except for staff;
staff write posts and send the digest."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    ALLOW,
    DONE,
    FORBIDDEN,
    NOT_FOUND,
    PUBLIC,
    STAFF,
    STAFF_ONLY,
    Case,
    everyone,
    fixed,
    get,
    only,
    post,
    roles,
)

STAFF_ACTION = only(STAFF, grant=DONE, deny=FORBIDDEN)
POST_FORM = {
    "title": "Matrix news",
    "slug": "matrix-news-written",
    "summary": "Written in the matrix.",
    "body": "Text.",
    "action": "publish",
}


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def news_published(self):
        from tests.library.news_support import make_post  # noqa: PLC0415 - only when a case needs it

        return make_post(title="Matrix published post")

    @cached_property
    def news_draft(self):
        from tests.library.news_support import make_post  # noqa: PLC0415

        return make_post(title="Matrix draft post", published_days_ago=None)


def _news_list(world) -> str:
    assert world.news_published.published_at  # the list shows one post
    return "/news/"


def _post_page(attribute: str):
    return lambda world: reverse("library:news_post", args=[getattr(world, attribute).slug])


def _edit(world) -> str:
    return reverse("library:staff_news_edit", args=[world.news_draft.public_id])


def _written(world) -> bool:
    from socialrx.library.models import NewsPost  # noqa: PLC0415

    return NewsPost.objects.filter(slug="matrix-news-written").exists()


def _edited(world) -> bool:
    world.news_draft.refresh_from_db()
    return world.news_draft.title == "Matrix news"


def _digest_sent(world) -> bool:
    from socialrx.library.models import DigestIssue  # noqa: PLC0415

    return DigestIssue.objects.exists()


def _last_month(world) -> dict:
    from socialrx.core.calendar import center_today  # noqa: PLC0415
    from socialrx.library.selectors.digest import previous_month  # noqa: PLC0415

    return {"month": f"{previous_month(center_today()):%Y-%m}"}


ROWS: dict[str, tuple[Case, ...]] = {
    "library:news": (get(_news_list, PUBLIC),),
    "library:news_post": (
        get(_post_page("news_published"), PUBLIC),
        get(_post_page("news_draft"), roles(NOT_FOUND, staff=ALLOW), label="GET a draft"),
        get(fixed("/news/no-such-post/"), everyone(NOT_FOUND), label="GET an unknown post"),
    ),
    "library:staff_news": (get(fixed("/staff/library/news/"), STAFF_ONLY),),
    "library:staff_news_new": (
        get(fixed("/staff/library/news/new/"), STAFF_ONLY),
        post(
            fixed("/staff/library/news/new/"),
            STAFF_ACTION,
            data=lambda world: POST_FORM,
            effect=_written,
        ),
    ),
    "library:staff_news_edit": (
        get(_edit, STAFF_ONLY),
        post(_edit, STAFF_ACTION, data=lambda world: POST_FORM | {"slug": ""}, effect=_edited),
    ),
    "library:staff_digest": (
        get(fixed("/staff/library/digest/"), STAFF_ONLY),
        post(fixed("/staff/library/digest/"), STAFF_ACTION, data=_last_month, effect=_digest_sent),
    ),
}
