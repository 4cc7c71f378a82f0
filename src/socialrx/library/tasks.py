"""The library's background tasks (Celery finds this module by its name).

- `send_monthly_digest`: run hourly in the first days of a month by beat; from 09:00 on the
  1st (center time) it sends the previous month's digest, once (`services.digest`)."""

from celery import shared_task
from django.utils import timezone


@shared_task
def send_monthly_digest() -> int:
    """The number of people the digest went to on this run (0 when it was not due, had been
    sent already, or had nothing to say)."""
    from .selectors.digest import due_month, issue_of  # noqa: PLC0415 - loaded when it runs
    from .services.digest import AlreadySent, send_digest  # noqa: PLC0415

    month = due_month(timezone.now())
    if month is None:
        return 0
    issue = issue_of(month)
    if issue is not None and issue.sent_at is not None:
        return 0  # the usual case after the first run: one query, nothing else
    try:
        return send_digest(month=month).recipient_count
    except AlreadySent:  # sent by a run (or staff) in the meantime
        return 0
