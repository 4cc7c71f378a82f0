"""A person's forum notifications (the inbox, the dashboard panel), their email preference and
what they follow. Every read takes a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from socialrx.core.errors import NotFound

from ..models import EmailMode, Follow, Notification, NotificationPreference

PANEL_LATEST = 5


def inbox(user) -> QuerySet[Notification]:
    """The person's notifications, newest first, with what a line shows (one query a page)."""
    return (
        Notification.objects.filter(user=user)
        .select_related("thread", "actor")
        .order_by("-created_at", "-id")
    )


def own_notification(user, pk: int) -> Notification:
    """The person's notification `pk`, with its thread, post and category; someone else's or
    a missing one is NotFound (404)."""
    found = (
        Notification.objects.filter(user=user, pk=pk)
        .select_related("thread__category", "post")
        .first()
    )
    if found is None:
        raise NotFound("No such notification.")
    return found


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


@dataclass(frozen=True)
class NotificationsPanel:
    unread: int
    latest: list[Notification]


def panel(user) -> NotificationsPanel:
    """The unread count and the latest notifications (two queries)."""
    return NotificationsPanel(unread=unread_count(user), latest=list(inbox(user)[:PANEL_LATEST]))


@dataclass(frozen=True)
class Preference:
    email_mode: str
    follow_on_reply: bool


def preference_of(user) -> Preference:
    """The person's choices (the defaults when they never chose: emails immediately, follow a
    thread one posts in)."""
    row = NotificationPreference.objects.filter(user=user).first()
    if row is None:
        return Preference(EmailMode.IMMEDIATELY, True)
    return Preference(row.email_mode, row.follow_on_reply)


def own_follow(user, pk: int) -> Follow:
    """One of the person's follows, with its thread or category; NotFound otherwise."""
    found = Follow.objects.filter(user=user, pk=pk).select_related("thread", "category").first()
    if found is None:
        raise NotFound("You do not follow this.")
    return found


@dataclass(frozen=True)
class Followed:
    threads: list[Follow]
    categories: list[Follow]


def followed(user) -> Followed:
    """What the person follows, threads newest first then categories by name (one query)."""
    follows = list(
        Follow.objects.filter(user=user)
        .select_related("thread", "category")
        .order_by("-created_at", "-id")
    )
    return Followed(
        threads=[f for f in follows if f.thread_id is not None],
        categories=sorted(
            (f for f in follows if f.category_id is not None), key=lambda f: f.category.name
        ),
    )
