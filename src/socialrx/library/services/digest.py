"""Sending a month's digest, once: the month just ended's, or the month before it when that one
never went out (a missed run); older months and the month running are refused.

A month's `DigestIssue` is created (or found) first and locked: a second run for the same
month, by the scheduled task or by staff, finds it sent and sends nothing. Everything happens
in one transaction and the emails leave after it commits, so a run that fails sends nothing
and leaves no issue behind: the next run tries again. A month with nothing new is recorded as
sent to nobody. Each person gets one email (mailing's list email: one-click unsubscribe)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from socialrx.core import audit, mailing
from socialrx.core.calendar import center_today
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import require

from ..models import DigestIssue
from ..selectors.digest import (
    STREAM,
    TEMPLATE,
    digest_content,
    first_of_month,
    previous_month,
    recipients,
)


class AlreadySent(Conflict):
    pass


def _day(moment) -> str:
    local = timezone.localtime(moment, timezone.get_default_timezone())
    return f"{local:%B} {local.day}, {local.year}"


@transaction.atomic(durable=True)
def send_digest(*, month: date, actor=None) -> DigestIssue:
    """Send the digest of `month` (the month just ended, or the one before) to its readers;
    `actor` is the staff member who asked (None: the scheduled task). AlreadySent when it went
    out before."""
    if actor is not None:
        require(actor, "library.manage")
    month = first_of_month(month)
    label = f"{month:%B %Y}"
    today = center_today()
    if month >= first_of_month(today):
        raise DomainError(f"The digest of {label} can be sent once the month is over.")
    ended = previous_month(today)
    if month < previous_month(ended):
        raise DomainError(
            f"The digest of {label} is too old to send: only that of {ended:%B %Y}, the month "
            f"just ended, can be sent (or that of {previous_month(ended):%B %Y} if it never "
            "went out)."
        )
    issue, _ = DigestIssue.objects.get_or_create(month=month)
    issue = DigestIssue.objects.select_for_update().get(pk=issue.pk)
    if issue.sent_at is not None:
        raise AlreadySent(
            f"The digest of {label} was already sent, on {_day(issue.sent_at)}, to "
            f"{issue.recipient_count} people: a month's digest is sent once.",
            code="already_sent",
        )
    content = digest_content(month)
    sent = 0
    if not content.is_empty:
        context = content.context()
        for person in recipients():
            sent += mailing.queue_list_email(
                user=person,
                stream=STREAM,
                template=TEMPLATE,
                context=context | {"person": person},
                checked=True,
            )
    issue.sent_at = timezone.now()
    issue.recipient_count = sent
    issue.summary = content.summary()
    issue.save(update_fields=["sent_at", "recipient_count", "summary"])
    audit.record(
        actor=actor,
        action="library.digest_issue.sent",
        target=issue,
        after={"month": month.isoformat(), "recipients": sent, **issue.summary},
    )
    return issue
