"""A person's own notification state: reading them (one, or all at once) and their choices of
email (immediately, daily digest, never) and of following a thread they post in.

These change nothing anyone else sees, so they are not audited (like a draft saved): reading
a notification would otherwise write an audit row per click. Someone else's notification is
NotFound, the same answer as a missing one."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from socialrx.core.errors import DomainError
from socialrx.core.permissions import require

from ..models import EmailMode, Notification, NotificationPreference
from ..selectors.notifications import own_notification


@transaction.atomic
def mark_read(*, actor, notification_id: int) -> Notification:
    """The person opened their notification: it is read from now on (the first time counts)."""
    require(actor, "community.read")
    notification = own_notification(actor, notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


@transaction.atomic
def mark_all_read(*, actor) -> int:
    """Every unread notification of the person is read; how many were."""
    require(actor, "community.read")
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def save_preference(*, actor, email_mode: str, follow_on_reply: bool) -> NotificationPreference:
    """The person's choices: how notifications are emailed, and whether posting in a thread
    follows it."""
    require(actor, "community.read")
    if email_mode not in EmailMode.values:
        raise DomainError("Choose how you want to be emailed.", field="email_mode")
    preference, _ = NotificationPreference.objects.update_or_create(
        user=actor,
        defaults={"email_mode": email_mode, "follow_on_reply": bool(follow_on_reply)},
    )
    return preference
