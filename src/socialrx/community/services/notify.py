"""Who hears about what happens in the forums: the forum services call these inside their
transaction, after the rows are written; moderation calls `notify_author`.

- A new thread: the followers of its category (kind NEW_THREAD).
- A reply: the followers of the thread (REPLY).
- Mentions: the people @mentioned (MENTION).
- An accepted answer: the answer's author, unless they accepted it themselves
  (ANSWER_ACCEPTED).
- A moderator's action: the author of the post or thread (MODERATION).

Never the person who acted; only people who may still read the thread (a follower whose
organization lost its membership hears nothing more); one row per person per post, whatever
the order the calls come in: a mention wins over a follow (an earlier follower's row becomes
the mention). The emails are decided here too (`notification_emails.queue_immediate`): the
people who chose "immediately" and did not unsubscribe get one email each, sent by one task
per post after the transaction commits; the "daily" people's wait for the morning digest.

A fixed number of queries per call, whatever the number of followers."""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Follow, Notification, NotificationKind
from ..selectors.readers import readers_among
from . import notification_emails

TEXT_LIMIT = 300
TITLE_LIMIT = 120


def person_name(user) -> str:
    """How a member is named to other members (never their email address)."""
    if user is None:
        return "A former member"
    return user.full_name or "A member"


def quoted_title(thread) -> str:
    title = thread.title
    if len(title) > TITLE_LIMIT:
        title = title[: TITLE_LIMIT - 1].rstrip() + "…"
    return f"“{title}”"


def _short(text: str) -> str:
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


def _notify(
    *, post, kind: str, user_ids: Iterable[int], actor_id: int | None, text: str, wins=False
) -> list[Notification]:
    """One notification of `kind` about `post` for each reader among `user_ids` who has none
    for this post yet (with `wins`, their earlier one becomes this kind); the new and changed
    rows. Emails are queued for them."""
    thread = post.thread
    wanted = {pk for pk in user_ids if pk is not None and pk != actor_id}
    if not wanted:
        return []
    readers = readers_among(thread, wanted)
    if not readers:
        return []
    text = _short(text)
    existing = {
        user_id: (pk, old_kind, emailed_at)
        for user_id, pk, old_kind, emailed_at in Notification.objects.filter(
            post=post, user_id__in=readers
        ).values_list("user_id", "pk", "kind", "emailed_at")
    }
    changed: list[Notification] = []
    if wins:
        overtaken = {user_id: row for user_id, row in existing.items() if row[1] != kind}
        if overtaken:
            Notification.objects.filter(pk__in=[pk for pk, _, _ in overtaken.values()]).update(
                kind=kind, text=text
            )
        changed = [
            Notification(pk=pk, user_id=user_id)
            for user_id, (pk, _, emailed_at) in overtaken.items()
            if emailed_at is None
        ]
    created = Notification.objects.bulk_create(
        Notification(
            user_id=user_id,
            kind=kind,
            thread=thread,
            post=post,
            actor_id=actor_id,
            text=text,
        )
        for user_id in sorted(readers - set(existing))
    )
    rows = created + changed
    notification_emails.queue_immediate(("post", post.pk), rows)
    return rows


def on_new_thread(thread, post) -> None:
    """Followers of the thread's category hear of a new thread."""
    followers = Follow.objects.filter(category_id=thread.category_id).values_list(
        "user_id", flat=True
    )
    _notify(
        post=post,
        kind=NotificationKind.NEW_THREAD,
        user_ids=list(followers),
        actor_id=post.author_id,
        text=f"{person_name(post.author)} started {quoted_title(thread)} in {thread.category.name}",
    )


def on_reply(post) -> None:
    """Followers of the thread hear of a reply (not its author)."""
    followers = Follow.objects.filter(thread_id=post.thread_id).values_list("user_id", flat=True)
    _notify(
        post=post,
        kind=NotificationKind.REPLY,
        user_ids=list(followers),
        actor_id=post.author_id,
        text=f"{person_name(post.author)} replied in {quoted_title(post.thread)}",
    )


def on_mentions(post, users) -> None:
    """People @mentioned in a post hear of it (each once, never the author)."""
    _notify(
        post=post,
        kind=NotificationKind.MENTION,
        user_ids=[user.pk for user in users],
        actor_id=post.author_id,
        text=f"{person_name(post.author)} mentioned you in {quoted_title(post.thread)}",
        wins=True,
    )


def on_answer_accepted(thread, post, by) -> None:
    """The author of the accepted answer hears that it was accepted."""
    _notify(
        post=post,
        kind=NotificationKind.ANSWER_ACCEPTED,
        user_ids=[post.author_id],
        actor_id=getattr(by, "pk", None),
        text=f"{person_name(by)} accepted your answer in {quoted_title(thread)}",
        wins=True,
    )


def notify_author(*, thread, post=None, actor, text: str) -> Notification | None:
    """A moderator acted on `post` (or on `thread` when no post): its author is told, even
    when they may no longer read it (a hidden thread), as long as their account is active."""
    author = post.author if post is not None else thread.author
    if author is None or not author.is_active or author.pk == getattr(actor, "pk", None):
        return None
    notification = Notification.objects.create(
        user=author,
        kind=NotificationKind.MODERATION,
        thread=thread,
        post=post,
        actor=actor,
        text=_short(text),
    )
    notification_emails.queue_immediate(("moderation", notification.pk), [notification])
    return notification
