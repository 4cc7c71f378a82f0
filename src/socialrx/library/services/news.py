"""The center's news posts, written by staff in Markdown: saved as a draft, published (dated
the moment it is first published; republishing keeps that date), unpublished (a draft again,
gone from the public pages). Each change is audited: `library.news_post.created`, `.updated`,
`.published`, `.unpublished`.

The slug is the post's address (/news/<slug>/): made from the title when left empty, and
unique; a taken one is refused beside the field."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.core.markdown import render
from socialrx.core.permissions import require

from ..models import NewsPost

SAVE, PUBLISH, UNPUBLISH = "save", "publish", "unpublish"
ACTIONS = (SAVE, PUBLISH, UNPUBLISH)
LIMITS = {"title": 200, "slug": 120, "summary": 400, "body": 50_000}
AUDITED = ["slug", "title", "summary", "body", "published_at"]
SLUG_TAKEN = "Another news post already has this address: choose another."


def _clean(data: dict) -> dict:
    values = {name: (data.get(name) or "").strip() for name in LIMITS}
    for name in ("title", "summary", "body"):
        if not values[name]:
            raise DomainError("This field is required.", field=name)
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            raise DomainError(f"Keep this to {limit:,} characters.", field=name)
    slug = slugify(values["slug"] or values["title"])[: LIMITS["slug"]].strip("-")
    if not slug:
        raise DomainError("Give the post an address made of letters or numbers.", field="slug")
    values["slug"] = slug
    return values


def _verb(post: NewsPost, created: bool, was_published: bool) -> str:
    if post.published_at is not None and not was_published:
        return "published"
    if post.published_at is None and was_published:
        return "unpublished"
    return "created" if created else "updated"


@transaction.atomic(durable=True)
def save_post(*, actor, post: NewsPost | None, data: dict, action: str = SAVE) -> NewsPost:
    """Create (`post` None) or update a post with `data` (title, slug, summary, body), then
    publish or unpublish it as `action` says ("save" leaves it as it was)."""
    require(actor, "library.manage")
    if action not in ACTIONS:
        raise DomainError("Choose to save, publish or unpublish the post.")
    values = _clean(data)
    created = post is None
    if created:
        post = NewsPost(author=actor)
        before = {}
    else:
        post = NewsPost.objects.select_for_update().get(pk=post.pk)
        before = audit.snapshot(post, AUDITED)
    was_published = post.published_at is not None
    if NewsPost.objects.filter(slug=values["slug"]).exclude(pk=post.pk).exists():
        raise DomainError(SLUG_TAKEN, field="slug", code="taken")
    for name, value in values.items():
        setattr(post, name, value)
    post.body_html = render(post.body)
    if action == PUBLISH and not was_published:
        post.published_at = timezone.now()
    elif action == UNPUBLISH:
        post.published_at = None
    try:
        with transaction.atomic():  # a savepoint: two posts given one address at once
            post.save()
    except IntegrityError as error:
        raise DomainError(SLUG_TAKEN, field="slug", code="taken") from error
    audit.record(
        actor=actor,
        action=f"library.news_post.{_verb(post, created, was_published)}",
        target=post,
        before=before,
        after=audit.snapshot(post, AUDITED),
    )
    return post
