"""Moderation of posts: members flag them; moderators (`community.moderate`, center staff)
hide, unhide, edit with a visible note, or dismiss the flags, each in one transaction with its
audit row, and the post's author is told (a notification of kind MODERATION, emailed per their
choice).

- Flagging: a member flags a post they may read and did not write, once (a second flag is
  refused with a clear message, nothing written: the post's row is locked first, and the
  unique constraint backs it up for any race). A post already hidden takes no flags. When a
  post gets its first open flag, the moderators are emailed once.
- Hiding needs a reason (shown to moderators; the author is told it); editing needs the new
  text and a note shown under the post. Hiding, editing and dismissing resolve the post's
  open flags with that outcome.
- Hidden posts keep their place: the thread's and category's counters are not changed (they
  count every post written, and the forum shows a hidden post as a placeholder in its place,
  so its number, the pages and unread markers stay the same; unhiding restores it as it was).

Threads (lock, pin, hide, move) are in `thread_moderation`; suspensions in `suspensions`."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.email import queue_templated_email
from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.permissions import allowed, require

from ..links import absolute, page, post_path
from ..models import Flag, FlagOutcome, FlagReason, Post
from ..selectors.moderation import moderator_emails
from .forums import clean_body, rendered
from .notify import notify_author, quoted_title

DETAIL_LIMIT = 500
REASON_LIMIT = 300
NOTE_LIMIT = 300


class AlreadyFlagged(Conflict):
    def __init__(self):
        super().__init__(
            "You already flagged this post. Thank you: a moderator will look at it.",
            code="already_flagged",
        )


class OwnPost(DomainError):
    status_code = 403

    def __init__(self):
        super().__init__("You cannot flag your own post.", code="own_post")


def _locked(post: Post) -> Post:
    """The post's row, locked (flags and moderator actions on one post take turns)."""
    found = (
        Post.objects.select_for_update(of=("self",))
        .select_related("thread__category", "author")
        .filter(pk=post.pk)
        .first()
    )
    if found is None:
        raise NotFound("No such post.")
    return found


def _text(value: str, *, field: str, limit: int, required: str = "") -> str:
    value = " ".join((value or "").split())
    if required and not value:
        raise DomainError(required, field=field, code="required")
    if len(value) > limit:
        raise DomainError(f"Keep this under {limit} characters.", field=field, code="too_long")
    return value


# --- flags ----------------------------------------------------------------------------------


@transaction.atomic
def flag_post(*, actor, post: Post, reason: str, detail: str = "") -> Flag:
    """`actor` flags `post` for the moderators, once."""
    post = _locked(post)
    if not allowed(actor, "community.read_thread", post.thread):
        raise NotFound("No such post.")
    if post.author_id is not None and post.author_id == getattr(actor, "pk", None):
        raise OwnPost()
    require(actor, "community.flag_post", post)
    if post.is_hidden:
        raise Conflict("A moderator already hid this post.", code="hidden")
    if reason not in FlagReason.values:
        raise DomainError("Choose what is wrong with the post.", field="reason")
    detail = _text(
        detail,
        field="detail",
        limit=DETAIL_LIMIT,
        required="Say what is wrong." if reason == FlagReason.OTHER else "",
    )
    if Flag.objects.filter(post=post, flagged_by=actor).exists():
        raise AlreadyFlagged()
    first = not Flag.objects.filter(post=post, outcome=FlagOutcome.OPEN).exists()
    try:
        with transaction.atomic():
            flag = Flag.objects.create(post=post, flagged_by=actor, reason=reason, detail=detail)
    except IntegrityError:  # a flag by the same person committed in between
        raise AlreadyFlagged() from None
    audit.record(
        actor=actor,
        action="community.flag.raised",
        target=flag,
        after={"post": post.pk, "reason": reason, "detail": detail},
    )
    if first:
        _tell_moderators(post, flag, actor)
    return flag


def _tell_moderators(post: Post, flag: Flag, actor) -> None:
    recipients = moderator_emails()
    if not recipients:
        return
    queue_templated_email(
        to=recipients,
        template="community/email/flagged",
        context={
            "thread_title": post.thread.title,
            "number": post.number,
            "reason": flag.get_reason_display(),
            "detail": flag.detail,
            "review_url": page("community:staff_post", post.pk),
            "post_url": absolute(post_path(post)),
        },
        triggered_by=actor,
    )


def _resolve(post: Post, actor, outcome: str) -> int:
    return Flag.objects.filter(post=post, outcome=FlagOutcome.OPEN).update(
        outcome=outcome, resolved_at=timezone.now(), resolved_by=actor
    )


# --- moderator actions on a post ------------------------------------------------------------


@transaction.atomic
def hide_post(*, actor, post: Post, reason: str) -> Post:
    require(actor, "community.moderate")
    post = _locked(post)
    reason = _text(reason, field="reason", limit=REASON_LIMIT, required="Give the reason.")
    if post.is_hidden:
        raise Conflict("This post is already hidden.", code="already_hidden")
    post.is_hidden, post.hidden_reason = True, reason
    post.save(update_fields=["is_hidden", "hidden_reason"])
    resolved = _resolve(post, actor, FlagOutcome.HIDDEN)
    audit.record(
        actor=actor,
        action="community.post.hidden",
        target=post,
        before={"is_hidden": False},
        after={"is_hidden": True, "reason": reason, "flags_resolved": resolved},
    )
    notify_author(
        thread=post.thread,
        post=post,
        actor=actor,
        text=f"A moderator hid your post in {quoted_title(post.thread)}: {reason}",
    )
    return post


@transaction.atomic
def unhide_post(*, actor, post: Post) -> Post:
    require(actor, "community.moderate")
    post = _locked(post)
    if not post.is_hidden:
        raise Conflict("This post is not hidden.", code="not_hidden")
    before = {"is_hidden": True, "reason": post.hidden_reason}
    post.is_hidden, post.hidden_reason = False, ""
    post.save(update_fields=["is_hidden", "hidden_reason"])
    audit.record(
        actor=actor,
        action="community.post.unhidden",
        target=post,
        before=before,
        after={"is_hidden": False},
    )
    notify_author(
        thread=post.thread,
        post=post,
        actor=actor,
        text=f"A moderator restored your post in {quoted_title(post.thread)}",
    )
    return post


@transaction.atomic
def edit_post(*, actor, post: Post, body: str, note: str) -> Post:
    """The moderator's new text, with a note shown under the post ("Removed a patient's
    name")."""
    require(actor, "community.moderate")
    post = _locked(post)
    body = clean_body(body)
    note = _text(
        note,
        field="moderator_note",
        limit=NOTE_LIMIT,
        required="Write the note shown under the post: what was changed and why.",
    )
    before = {"body": post.body, "moderator_note": post.moderator_note}
    html, text, _ = rendered(body, post.thread.category)
    post.body, post.body_html, post.search_text = body, html, text
    post.moderator_note, post.edited_at = note, timezone.now()
    post.save(update_fields=["body", "body_html", "search_text", "moderator_note", "edited_at"])
    resolved = _resolve(post, actor, FlagOutcome.EDITED)
    audit.record(
        actor=actor,
        action="community.post.edited_by_moderator",
        target=post,
        before=before,
        after={"body": body, "moderator_note": note, "flags_resolved": resolved},
    )
    notify_author(
        thread=post.thread,
        post=post,
        actor=actor,
        text=f"A moderator edited your post in {quoted_title(post.thread)}: {note}",
    )
    return post


@transaction.atomic
def dismiss_flags(*, actor, post: Post) -> int:
    """The flags were not warranted: the post stays as it is. How many were dismissed."""
    require(actor, "community.moderate")
    post = _locked(post)
    dismissed = _resolve(post, actor, FlagOutcome.DISMISSED)
    if not dismissed:
        raise Conflict("This post has no open flags.", code="no_open_flags")
    audit.record(
        actor=actor,
        action="community.flag.dismissed",
        target=post,
        after={"flags_dismissed": dismissed},
    )
    return dismissed
