"""Writing in the forums: starting a thread, replying, editing one's post, accepting an answer,
and recording how far a person has read a thread.

Rules:
- A person posts where `community.post` allows (members who are not suspended, and center
  staff, in what they may read); a suspended member is told so and nothing is written.
- Nobody but a moderator replies in, or edits a post of, a locked thread (409), nor edits a
  post a moderator edited (409: the author could put back what was removed under the note).
- A body is required, at most 20,000 characters of Markdown; it is stored as written and as
  sanitised HTML (`core.markdown`), with @mentions drawn in bold (`community.mentions`), and as
  plain text for search.
- Posts of a thread are numbered 1, 2, 3… without gaps or repeats: a reply takes the next
  number under a row lock on its thread, and the thread's and category's counters move in
  the same transaction.
- The author follows their new thread; a replier follows the thread unless their preference
  says otherwise. Followers, mentioned people and the answer's author hear of it through
  `notify`, inside the transaction. An edit notifies only people newly mentioned.
- The question's author (or a moderator) accepts one reply as the answer, or un-accepts it.

Posting is content, not an audited change (moderation is audited, by the moderation area)."""

from __future__ import annotations

from html import unescape

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags

from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.markdown import render
from socialrx.core.permissions import allowed, require

from ..mentions import with_mentions
from ..models import (
    Category,
    Mention,
    NotificationPreference,
    Post,
    Thread,
    ThreadKind,
    ThreadRead,
)
from ..selectors.mentions import directory_url, resolve_mentions
from ..selectors.suspensions import in_force, is_suspended
from . import notify
from .follows import ensure_following

BODY_MAX_CHARS = 20_000
TITLE_MAX_CHARS = 200
TITLE_MIN_CHARS = 5


class Suspended(DomainError):
    """The person is suspended from posting (they still read)."""

    status_code = 403

    def __init__(self, message: str):
        super().__init__(message, code="suspended")


# --- checks ---------------------------------------------------------------------------------


def suspension_message(user) -> str:
    suspension = in_force().filter(user=user).order_by("-until").first()
    until = ""
    if suspension is not None and suspension.until is not None:
        until = " until " + timezone.localtime(suspension.until).strftime("%B %-d, %Y")
    return (
        f"You are suspended from posting in the forums{until}. You can still read; "
        "write to the center if you think this is a mistake."
    )


def check_may_post(actor, target) -> None:
    """Refuse a suspended member (with the reason they can read), then anyone `community.post`
    does not allow on `target` (a category or thread)."""
    if is_suspended(actor) and not allowed(actor, "community.moderate"):
        raise Suspended(suspension_message(actor))
    require(actor, "community.post", target)


def check_not_locked(actor, thread) -> None:
    if thread.is_locked and not allowed(actor, "community.moderate"):
        raise Conflict(
            "This thread is locked by a moderator: it takes no more replies or edits.",
            code="locked",
        )


def clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise DomainError("Write your post first: it is empty.", field="body", code="required")
    if len(body) > BODY_MAX_CHARS:
        raise DomainError(
            f"A post is at most {BODY_MAX_CHARS:,} characters; this one has {len(body):,}.",
            field="body",
            code="too_long",
        )
    return body


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if len(title) < TITLE_MIN_CHARS:
        raise DomainError(
            f"Give the thread a title of at least {TITLE_MIN_CHARS} characters.",
            field="title",
            code="required",
        )
    if len(title) > TITLE_MAX_CHARS:
        raise DomainError(
            f"A title is at most {TITLE_MAX_CHARS} characters.", field="title", code="too_long"
        )
    return title


# --- rendering ------------------------------------------------------------------------------


def rendered(body: str, category) -> tuple[str, str, list]:
    """(sanitised HTML with mentions in bold, plain text for search, the people mentioned)."""
    people = resolve_mentions(body, category)
    shown = {key: (person.full_name, directory_url(person)) for key, person in people.items()}
    html = render(with_mentions(body, shown))
    text = " ".join(unescape(strip_tags(html)).split())
    return html, text, list(people.values())


def _add_mentions(post: Post, people) -> list:
    """Mention rows for `people` (not the post's author); the people newly mentioned."""
    people = [person for person in people if person.pk != post.author_id]
    if not people:
        return []
    already = set(
        Mention.objects.filter(post=post, user__in=people).values_list("user_id", flat=True)
    )
    new = [person for person in people if person.pk not in already]
    Mention.objects.bulk_create(
        [Mention(post=post, user=person) for person in new], ignore_conflicts=True
    )
    return new


def _bump_category(category_id: int, *, threads: int, now) -> None:
    Category.objects.filter(pk=category_id).update(
        thread_count=F("thread_count") + threads, post_count=F("post_count") + 1, last_post_at=now
    )


# --- use cases ------------------------------------------------------------------------------


def start_thread(*, actor, category, kind: str, title: str, body: str) -> Thread:
    """A new thread with its opening post (#1); the author follows it, the category's
    followers and the people mentioned hear of it."""
    check_may_post(actor, category)
    if kind not in ThreadKind.values:
        raise DomainError("Choose a discussion or a question.", field="kind", code="bad_kind")
    title = clean_title(title)
    body = clean_body(body)
    html, text, mentioned = rendered(body, category)
    now = timezone.now()
    with transaction.atomic():
        thread = Thread.objects.create(
            category=category,
            kind=kind,
            title=title,
            author=actor,
            last_post_at=now,
            post_count=1,
            last_post_number=1,
        )
        post = Post.objects.create(
            thread=thread, number=1, author=actor, body=body, body_html=html, search_text=text
        )
        _bump_category(category.pk, threads=1, now=now)
        ensure_following(actor, thread=thread)
        new_mentions = _add_mentions(post, mentioned)
        notify.on_new_thread(thread, post)
        if new_mentions:
            notify.on_mentions(post, new_mentions)
    return thread


def follows_on_reply(user) -> bool:
    preference = (
        NotificationPreference.objects.filter(user=user)
        .values_list("follow_on_reply", flat=True)
        .first()
    )
    return True if preference is None else preference


def reply(*, actor, thread: Thread, body: str, quoted_number: int | None = None) -> Post:
    """The next post of the thread (numbered under the thread's row lock), quoting post
    #`quoted_number` when it is a visible earlier post. `thread` needs its category loaded;
    its counters are brought up to date."""
    check_may_post(actor, thread)
    check_not_locked(actor, thread)
    body = clean_body(body)
    html, text, mentioned = rendered(body, thread.category)
    follow = follows_on_reply(actor)
    with transaction.atomic():
        current = Thread.objects.select_for_update().get(pk=thread.pk)
        check_not_locked(actor, current)
        if current.is_hidden and not allowed(actor, "community.moderate"):
            raise NotFound("No such thread.")
        quoted = None
        if quoted_number:
            quoted = Post.objects.filter(
                thread=current, number=quoted_number, is_hidden=False
            ).first()
        number = current.last_post_number + 1
        now = timezone.now()
        post = Post(
            thread=thread,
            number=number,
            author=actor,
            body=body,
            body_html=html,
            search_text=text,
            quoted_post=quoted,
        )
        post.save()
        Thread.objects.filter(pk=thread.pk).update(
            post_count=F("post_count") + 1, last_post_number=number, last_post_at=now
        )
        _bump_category(thread.category_id, threads=0, now=now)
        if follow:
            ensure_following(actor, thread=thread)
        new_mentions = _add_mentions(post, mentioned)
        notify.on_reply(post)
        if new_mentions:
            notify.on_mentions(post, new_mentions)
    thread.post_count = current.post_count + 1
    thread.last_post_number, thread.last_post_at = number, now
    return post


MODERATED_MESSAGE = "A moderator edited this post; ask a moderator to change it."


def moderated_refusal(actor, post: Post) -> str:
    """Why `actor` may no longer edit `post` themself ("" when they may): once a moderator
    edited it (its note shows), only moderators change it, so an author cannot put back what
    was taken out while the note still says it was removed."""
    if post.moderator_note and not allowed(actor, "community.moderate"):
        return MODERATED_MESSAGE
    return ""


def edit_post(*, actor, post: Post, body: str) -> Post:
    """The author's new text for their post (any time, while the thread is not locked and no
    moderator edited it: 409 then): the HTML and search text are redone, `edited_at` set;
    people mentioned for the first time hear of it, mentions taken out are removed. The post's
    row is locked, so a moderator's edit and the author's take turns. `post` needs its thread
    and category."""
    if is_suspended(actor) and not allowed(actor, "community.moderate"):
        raise Suspended(suspension_message(actor))
    require(actor, "community.edit_post", post)
    check_not_locked(actor, post.thread)
    if refusal := moderated_refusal(actor, post):
        raise Conflict(refusal, code="moderated")
    body = clean_body(body)
    if body == post.body:
        return post
    html, text, mentioned = rendered(body, post.thread.category)
    with transaction.atomic():
        current = Post.objects.select_for_update(of=("self",)).filter(pk=post.pk).first()
        if current is None:
            raise NotFound("No such post.")
        if refusal := moderated_refusal(actor, current):  # a moderator edited it meanwhile
            raise Conflict(refusal, code="moderated")
        if body == current.body:
            return post
        post.body, post.body_html, post.search_text = body, html, text
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "body_html", "search_text", "edited_at"])
        kept = [person.pk for person in mentioned if person.pk != post.author_id]
        Mention.objects.filter(post=post).exclude(user_id__in=kept).delete()
        new_mentions = _add_mentions(post, mentioned)
        if new_mentions:
            notify.on_mentions(post, new_mentions)
    return post


def _check_answerable(actor, thread: Thread) -> None:
    require(actor, "community.accept_answer", thread)
    if thread.kind != ThreadKind.QUESTION:
        raise Conflict("Only a question has an accepted answer.", code="not_a_question")


def accept_answer(*, actor, thread: Thread, post: Post) -> Thread:
    """`post` (a visible reply of the question) becomes its accepted answer; its author hears
    of it. Accepting the answer already accepted changes nothing."""
    _check_answerable(actor, thread)
    if post.thread_id != thread.pk or post.number == 1 or post.is_hidden:
        raise DomainError("Choose one of the replies to accept.", field="post", code="not_a_reply")
    with transaction.atomic():
        current = Thread.objects.select_for_update().get(pk=thread.pk)
        if current.accepted_post_id == post.pk:
            return thread
        Thread.objects.filter(pk=thread.pk).update(accepted_post=post)
        thread.accepted_post = post
        notify.on_answer_accepted(thread, post, actor)
    return thread


def unaccept_answer(*, actor, thread: Thread) -> Thread:
    """The question has no accepted answer any more."""
    _check_answerable(actor, thread)
    with transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(accepted_post=None)
    thread.accepted_post = None
    return thread


def record_reading(*, reader, thread: Thread, up_to: int) -> None:
    """The reader has read the thread to post #`up_to` (never moving back). One query, none
    when they had read that far; `thread.read_number` is what the page read before."""
    if not getattr(reader, "is_authenticated", False) or up_to < 1:
        return
    known = getattr(thread, "read_number", None)
    if known is not None:
        if known < up_to:
            ThreadRead.objects.filter(
                user=reader, thread=thread, last_read_number__lt=up_to
            ).update(last_read_number=up_to, read_at=timezone.now())
        return
    ThreadRead.objects.bulk_create(
        [ThreadRead(user=reader, thread=thread, last_read_number=up_to)], ignore_conflicts=True
    )
