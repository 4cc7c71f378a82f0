"""Moderation of threads (`community.moderate`): lock and unlock (a locked thread takes no
more replies or edits but from moderators), pin and unpin (first in its category), hide and
unhide (a hidden thread is for moderators only), and move to another category. Each is one
transaction with its audit row; locking, hiding, unhiding and moving tell the thread's author.

Category counters count every thread and post, hidden or not (hiding changes no counter; see
`moderation`): a move takes the thread and its posts from one category's counters to the
other's, and both categories' last-post times, in one transaction with both rows locked (in
id order, so two moves at once cannot deadlock)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.permissions import require

from ..models import Category, Thread
from .notify import notify_author, quoted_title

REASON_LIMIT = 300


def _locked(thread: Thread) -> Thread:
    found = (
        Thread.objects.select_for_update(of=("self",))
        .select_related("category", "author")
        .filter(pk=thread.pk)
        .first()
    )
    if found is None:
        raise NotFound("No such thread.")
    return found


def _switch(
    actor, thread: Thread, field: str, value: bool, action: str, refusal: str, **noted
) -> Thread:
    """Set the thread's `field` to `value` (refused when it already is), audited."""
    require(actor, "community.moderate")
    thread = _locked(thread)
    if getattr(thread, field) == value:
        raise Conflict(refusal, code=f"already_{field}")
    setattr(thread, field, value)
    thread.save(update_fields=[field])
    audit.record(
        actor=actor,
        action=action,
        target=thread,
        before={field: not value},
        after={field: value, **noted},
    )
    return thread


@transaction.atomic
def lock_thread(*, actor, thread: Thread) -> Thread:
    thread = _switch(
        actor, thread, "is_locked", True, "community.thread.locked", "This thread is locked."
    )
    notify_author(
        thread=thread,
        actor=actor,
        text=f"A moderator locked your thread {quoted_title(thread)}: it takes no more replies",
    )
    return thread


@transaction.atomic
def unlock_thread(*, actor, thread: Thread) -> Thread:
    return _switch(
        actor,
        thread,
        "is_locked",
        False,
        "community.thread.unlocked",
        "This thread is not locked.",
    )


@transaction.atomic
def pin_thread(*, actor, thread: Thread) -> Thread:
    return _switch(
        actor, thread, "is_pinned", True, "community.thread.pinned", "This thread is pinned."
    )


@transaction.atomic
def unpin_thread(*, actor, thread: Thread) -> Thread:
    return _switch(
        actor,
        thread,
        "is_pinned",
        False,
        "community.thread.unpinned",
        "This thread is not pinned.",
    )


@transaction.atomic
def hide_thread(*, actor, thread: Thread, reason: str) -> Thread:
    require(actor, "community.moderate")
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError("Give the reason.", field="reason", code="required")
    if len(reason) > REASON_LIMIT:
        raise DomainError(f"Keep this under {REASON_LIMIT} characters.", field="reason")
    thread = _switch(
        actor,
        thread,
        "is_hidden",
        True,
        "community.thread.hidden",
        "This thread is hidden.",
        reason=reason,
    )
    notify_author(
        thread=thread,
        actor=actor,
        text=f"A moderator hid your thread {quoted_title(thread)}: {reason}",
    )
    return thread


@transaction.atomic
def unhide_thread(*, actor, thread: Thread) -> Thread:
    thread = _switch(
        actor,
        thread,
        "is_hidden",
        False,
        "community.thread.unhidden",
        "This thread is not hidden.",
    )
    notify_author(
        thread=thread,
        actor=actor,
        text=f"A moderator restored your thread {quoted_title(thread)}",
    )
    return thread


@transaction.atomic
def move_thread(*, actor, thread: Thread, category: Category) -> Thread:
    """The thread (and its posts) now belong to `category`."""
    require(actor, "community.moderate")
    thread = _locked(thread)
    if category is None:
        raise DomainError("Choose the category to move the thread to.", field="category")
    if thread.category_id == category.pk:
        raise DomainError(
            "The thread is already in this category: choose another.", field="category"
        )
    ids = sorted({thread.category_id, category.pk})
    rows = Category.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    locked = {row.pk: row for row in rows}
    source, target = locked[thread.category_id], locked[category.pk]
    thread.category = target
    thread.save(update_fields=["category"])
    source.thread_count = max(source.thread_count - 1, 0)
    source.post_count = max(source.post_count - thread.post_count, 0)
    source.last_post_at = Thread.objects.filter(category=source).aggregate(
        last=Max("last_post_at")
    )["last"]
    target.thread_count += 1
    target.post_count += thread.post_count
    if target.last_post_at is None or thread.last_post_at > target.last_post_at:
        target.last_post_at = thread.last_post_at
    for changed in (source, target):
        changed.save(update_fields=["thread_count", "post_count", "last_post_at"])
    audit.record(
        actor=actor,
        action="community.thread.moved",
        target=thread,
        before={"category": source.name},
        after={"category": target.name},
    )
    notify_author(
        thread=thread,
        actor=actor,
        text=f"A moderator moved your thread {quoted_title(thread)} to {target.name}",
    )
    return thread
