"""The forum notifications' emails, on the mailing stream "community.notifications" (each with
one-click unsubscribe, RFC 8058, through `core.mailing`).

- Immediately (the default: a person without a preference row): `queue_immediate` collects,
  inside the writing transaction, the notifications of one post (or one moderation act) whose
  people chose "immediately" and did not unsubscribe, and queues ONE task for them after
  commit (`tasks.send_notification_emails`); the task claims each row (emailed_at, set once:
  a row locked by another run is skipped) and sends one email per notification.
- Daily: `send_daily_digests` (the 07:00 task) sends each "daily" person one email listing
  their notifications of the last day not yet emailed, grouped by thread, and marks them
  emailed in the same transaction that claims them, so two runs (even at once) send once.
  People are taken in batches; each batch costs a fixed number of queries.
- Never: no email; the notifications stay in the site.

An email only goes to someone who may still read the thread (a moderator's notice about one's
own post goes anyway: it explains why the post is gone)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from socialrx.core import mailing

from ..links import absolute, page, post_path, thread_path
from ..models import EmailMode, Notification, NotificationKind, NotificationPreference
from ..selectors.readers import readable_pairs

STREAM = "community.notifications"
TEMPLATE = "community/email/notification"
DIGEST_TEMPLATE = "community/email/digest"
EXCERPT_LIMIT = 280
DIGEST_BATCH = 200
DIGEST_WINDOW = timedelta(days=1)

# Notifications waiting for the end of their transaction, per connection: {key: pending}.
_PENDING = "_community_pending_notification_emails"


# --- immediately ------------------------------------------------------------------------------


class _PendingEmails:
    """The on-commit callback of one post's emails; later calls in the same transaction add
    their ids to it, so the post gets one task."""

    def __init__(self, key, registry: dict):
        self.key = key
        self.registry = registry
        self.ids: set[int] = set()

    def __call__(self) -> None:
        from ..tasks import send_notification_emails  # noqa: PLC0415 - the task module imports this one

        self.registry.pop(self.key, None)
        if self.ids:
            send_notification_emails.delay(notification_ids=sorted(self.ids))


def _email_modes(user_ids: Iterable[int]) -> dict[int, str]:
    """{person id: email mode} ("immediately" for people without a preference row)."""
    user_ids = set(user_ids)
    modes = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids).values_list(
            "user_id", "email_mode"
        )
    )
    return {user_id: modes.get(user_id, EmailMode.IMMEDIATELY) for user_id in user_ids}


def queue_immediate(key, notifications: list[Notification]) -> None:
    """Queue the emails of `notifications` (rows with pk and user_id) for the people who want
    them now: one task per `key` (a post) and transaction, after commit."""
    if not notifications:
        return
    modes = _email_modes(n.user_id for n in notifications)
    now = {user_id for user_id, mode in modes.items() if mode == EmailMode.IMMEDIATELY}
    if not now:
        return
    subscribed = mailing.subscribed_user_ids(now, STREAM)
    ids = {n.pk for n in notifications if n.user_id in subscribed}
    if not ids:
        return
    connection = transaction.get_connection()
    registry = connection.__dict__.setdefault(_PENDING, {})
    pending = registry.get(key)
    waiting = {id(func) for _, func, _ in connection.run_on_commit}
    if pending is None or id(pending) not in waiting or not connection.in_atomic_block:
        # None yet, or one left from a transaction that was rolled back.
        pending = registry[key] = _PendingEmails(key, registry)
        pending.ids |= ids
        transaction.on_commit(pending)
        return
    pending.ids |= ids


def excerpt(post) -> str:
    """The post's first words as plain text."""
    if post is None:
        return ""
    text = " ".join(strip_tags(post.body_html).split())
    if len(text) <= EXCERPT_LIMIT:
        return text
    return text[: EXCERPT_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def reason(notification: Notification) -> str:
    """Why the person gets the email ("You get this because you follow …")."""
    kind = notification.kind
    if kind == NotificationKind.REPLY:
        return f"You get this because you follow the thread “{notification.thread.title}”."
    if kind == NotificationKind.NEW_THREAD:
        return f"You get this because you follow the category {notification.thread.category.name}."
    if kind == NotificationKind.MENTION:
        return "You get this because you were mentioned in the post."
    if kind == NotificationKind.ANSWER_ACCEPTED:
        return "You get this because you wrote the accepted answer."
    return "You get this because a moderator acted on something you wrote."


def _claimed(queryset) -> list[Notification]:
    """Lock the rows not yet emailed (skipping those another run holds) and mark them."""
    rows = list(
        queryset.filter(emailed_at__isnull=True)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("thread__category", "post", "actor", "user")
        .order_by("user_id", "thread_id", "created_at", "pk")
    )
    return rows


def _may_read(rows: list[Notification]) -> set[tuple[int, int]]:
    """(person id, thread id) of the rows that may go out."""
    readable = readable_pairs(
        (n.user_id, n.thread) for n in rows if n.kind != NotificationKind.MODERATION
    )
    readable |= {
        (n.user_id, n.thread_id)
        for n in rows
        if n.kind == NotificationKind.MODERATION and n.user.is_active
    }
    return readable


def _item(notification: Notification) -> dict:
    post = notification.post
    hidden = post is not None and post.is_hidden
    shown = notification.kind == NotificationKind.MODERATION or not hidden
    return {
        "notification": notification,
        "text": notification.text,
        "excerpt": excerpt(post) if shown else "",
        "url": page("community:notification_open", notification.pk),
        "post_url": absolute(post_path(post) if post else thread_path(notification.thread)),
    }


def send_immediate(notification_ids: list[int]) -> int:
    """One email per notification, for the people still on "immediately"; the number sent."""
    sent = 0
    with transaction.atomic():
        rows = _claimed(Notification.objects.filter(pk__in=notification_ids))
        if not rows:
            return 0
        modes = _email_modes(n.user_id for n in rows)
        now = {n.user_id for n in rows if modes[n.user_id] == EmailMode.IMMEDIATELY}
        subscribed = mailing.subscribed_user_ids(now, STREAM) if now else set()
        readable = _may_read([n for n in rows if n.user_id in subscribed])
        rows = [n for n in rows if (n.user_id, n.thread_id) in readable]
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=timezone.now())
        settings_url = page("community:settings")
        for notification in rows:
            mailing.queue_list_email(
                user=notification.user,
                stream=STREAM,
                template=TEMPLATE,
                checked=True,
                context={
                    "name": notification.user.full_name,
                    "thread_title": notification.thread.title,
                    "reason": reason(notification),
                    "settings_url": settings_url,
                    **_item(notification),
                },
            )
            sent += 1
    return sent


# --- the daily digest -------------------------------------------------------------------------


@dataclass
class DigestGroup:
    """One thread's notifications in a person's digest."""

    thread: object
    url: str
    items: list = field(default_factory=list)


def _daily(since: datetime):
    return Notification.objects.filter(
        emailed_at__isnull=True,
        created_at__gte=since,
        user__forum_preference__email_mode=EmailMode.DAILY,
    )


def _send_batch(user_ids: list[int], since: datetime, now: datetime) -> int:
    with transaction.atomic():
        rows = _claimed(_daily(since).filter(user_id__in=user_ids))
        if not rows:
            return 0
        subscribed = mailing.subscribed_user_ids({n.user_id for n in rows}, STREAM)
        readable = _may_read([n for n in rows if n.user_id in subscribed])
        rows = [n for n in rows if (n.user_id, n.thread_id) in readable]
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=now)
        letters: dict[int, dict] = {}
        for notification in rows:
            letter = letters.setdefault(
                notification.user_id, {"user": notification.user, "groups": {}, "count": 0}
            )
            group = letter["groups"].get(notification.thread_id)
            if group is None:
                group = letter["groups"][notification.thread_id] = DigestGroup(
                    thread=notification.thread, url=absolute(thread_path(notification.thread))
                )
            group.items.append(_item(notification))
            letter["count"] += 1
        settings_url = page("community:settings")
        for letter in letters.values():
            mailing.queue_list_email(
                user=letter["user"],
                stream=STREAM,
                template=DIGEST_TEMPLATE,
                checked=True,
                context={
                    "name": letter["user"].full_name,
                    "groups": list(letter["groups"].values()),
                    "count": letter["count"],
                    "settings_url": settings_url,
                },
            )
    return len(letters)


def send_daily_digests(*, now: datetime | None = None, batch_size: int = DIGEST_BATCH) -> int:
    """Each "daily" person's digest of the last day; the number of emails sent."""
    now = now or timezone.now()
    since = now - DIGEST_WINDOW
    people = list(_daily(since).order_by("user_id").values_list("user_id", flat=True).distinct())
    sent = 0
    for start in range(0, len(people), batch_size):
        sent += _send_batch(people[start : start + batch_size], since, now)
    return sent
