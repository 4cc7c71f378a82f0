"""Following a thread or a category (its followers hear of replies, or of new threads).

Following is idempotent and safe against a double click or two tabs: the row is inserted with
ON CONFLICT DO NOTHING against the "once per person" constraints, so a second follow neither
fails nor adds a row; unfollowing what one does not follow does nothing. A person follows what
they may read (`community.follow`); anyone may stop following. A preference, not an audited
change."""

from __future__ import annotations

from django.db import transaction

from socialrx.core.permissions import require

from ..models import Follow


def ensure_following(user, *, thread=None, category=None) -> None:
    """`user` follows the thread or the category (exactly one), once. Inside the caller's
    transaction; no permission check (the forum services call it for the person posting)."""
    Follow.objects.bulk_create(
        [Follow(user=user, thread=thread, category=category)], ignore_conflicts=True
    )


def follow_thread(*, actor, thread) -> None:
    require(actor, "community.follow", thread)
    with transaction.atomic():
        ensure_following(actor, thread=thread)


def unfollow_thread(*, actor, thread) -> None:
    Follow.objects.filter(user=actor, thread=thread).delete()


def follow_category(*, actor, category) -> None:
    require(actor, "community.follow", category)
    with transaction.atomic():
        ensure_following(actor, category=category)


def unfollow_category(*, actor, category) -> None:
    Follow.objects.filter(user=actor, category=category).delete()
