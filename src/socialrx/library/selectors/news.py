"""Reads of the center's news: the public list and post pages (a draft is "not found" except
for staff), staff's list of every post, and the posts of a period for the monthly digest."""

from __future__ import annotations

from datetime import datetime

from django.db.models import F, QuerySet

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed

from ..models import NewsPost

LIST_FIELDS = ("public_id", "slug", "title", "summary", "published_at", "updated_at")


def published_posts() -> QuerySet[NewsPost]:
    """Published posts, newest first (the list needs no body)."""
    return (
        NewsPost.objects.filter(published_at__isnull=False)
        .only(*LIST_FIELDS)
        .order_by("-published_at", "-id")
    )


def post_for(user, slug: str) -> NewsPost:
    """A published post by its slug; a draft only for staff; otherwise 404."""
    post = NewsPost.objects.filter(slug=slug).select_related("author").first()
    if post is None or (post.published_at is None and not allowed(user, "library.manage")):
        raise NotFound("There is no news post at this address.")
    return post


def staff_posts() -> QuerySet[NewsPost]:
    """Every post for staff: drafts first, then the newest published."""
    return NewsPost.objects.only(*LIST_FIELDS).order_by(
        F("published_at").desc(nulls_first=True), "-id"
    )


def staff_post(public_id) -> NewsPost:
    post = NewsPost.objects.filter(public_id=public_id).first()
    if post is None:
        raise NotFound("There is no news post with this address.")
    return post


def posts_between(since: datetime, until: datetime) -> list[NewsPost]:
    """Posts published in [since, until), oldest first (the digest's order of the month)."""
    return list(
        published_posts()
        .filter(published_at__gte=since, published_at__lt=until)
        .order_by("published_at", "id")
    )
