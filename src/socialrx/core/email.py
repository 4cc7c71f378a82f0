"""Transactional email: every message has a text and an HTML part and is sent by a task
queued after the surrounding transaction commits. An email that cannot be sent is recorded
(`FailedEmail`) and the person whose action sent it sees a notice on their next page."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import FailedEmail

# How long the "an email could not be sent" notice waits for its person to come back.
NOTICE_SECONDS = 30 * 24 * 60 * 60


def single_line(text: str) -> str:
    """A header value on one line: a line break in a subject makes the mail library refuse
    the whole message, and a name typed with one must not cost its email."""
    return " ".join(text.split())


def queue_templated_email(
    *,
    to: list[str],
    template: str,
    context: dict[str, Any],
    triggered_by=None,
    headers: dict[str, str] | None = None,
) -> None:
    """Render `<template>_subject.txt`, `.txt` and `.html` now, send after commit.
    `triggered_by` is the person whose action sends it: they are told if it cannot be sent.

    Rendering happens inside the transaction so the task receives plain strings and needs no
    database rows that might change before it runs."""
    subject = single_line(render_to_string(f"{template}_subject.txt", context))
    text_body = render_to_string(f"{template}.txt", context)
    html_body = render_to_string(f"{template}.html", context)
    queue_email(
        to=to,
        subject=subject,
        text_body=text_body,
        html_body=html_body,
        template=template,
        triggered_by=triggered_by,
        headers=headers,
    )


def queue_email(
    *, to, subject, text_body, html_body, template="", triggered_by=None, headers=None
) -> None:
    """Send after commit. `headers` are extra header lines ({"List-Unsubscribe": "<…>"})."""
    from .tasks import send_email  # noqa: PLC0415 - tasks import this module: a top-level import would be a cycle

    person_id = triggered_by.pk if getattr(triggered_by, "is_authenticated", False) else None
    message = {
        "to": to,
        "subject": subject,
        "text_body": text_body,
        "html_body": html_body,
        "template": template,
        "triggered_by_id": person_id,
    }
    if headers:  # only then: a worker still running the previous release takes the rest
        message["headers"] = {name: single_line(str(value)) for name, value in headers.items()}
    transaction.on_commit(lambda: send_email.delay(**message))


def _notice_key(user_id: int) -> str:
    return f"email-failures:{user_id}"


def record_failed_email(
    *, recipients: list[str], subject: str, template: str, triggered_by_id, reason: str
) -> FailedEmail:
    failed = FailedEmail.objects.create(
        recipients=", ".join(recipients),
        subject=single_line(subject)[:255],
        template=template[:120],
        triggered_by_id=triggered_by_id,
        reason=reason[:255],
    )
    if triggered_by_id is not None:
        # A flag in the cache, not a query: every page checks it.
        cache.set(_notice_key(triggered_by_id), True, NOTICE_SECONDS)
    return failed


def has_failed_email_notice(user) -> bool:
    return bool(user.is_authenticated and cache.get(_notice_key(user.pk)))


def unacknowledged_failures(user):
    return FailedEmail.objects.filter(triggered_by=user, acknowledged_at__isnull=True)


def acknowledge_failures(user) -> int:
    """The person has read which emails failed: the notice goes away."""
    cache.delete(_notice_key(user.pk))
    return unacknowledged_failures(user).update(acknowledged_at=timezone.now())
