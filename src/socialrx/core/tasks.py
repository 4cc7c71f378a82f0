import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

logger = logging.getLogger(__name__)
MAX_RETRIES = 5


@shared_task(bind=True, max_retries=MAX_RETRIES)
def send_email(
    self,
    *,
    to: list[str],
    subject: str,
    text_body: str,
    html_body: str,
    template: str = "",
    triggered_by_id: int | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Send one email. A passing network failure is retried with back-off; a message that can
    never go (a refused address, a malformed header) and the last failed retry are recorded, so
    the person who sent it and center staff learn of it. `headers`: extra header lines (a
    mailing list's List-Unsubscribe)."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers or None,
    )
    message.attach_alternative(html_body, "text/html")
    deliver(self, message, template=template, triggered_by_id=triggered_by_id)


def deliver(task, message, *, template: str = "", triggered_by_id: int | None = None) -> None:
    """Send a built message from inside a bound task (`bind=True, max_retries=MAX_RETRIES`),
    for tasks whose messages carry more than text (an invoice with its PDF): retried and
    recorded as `send_email` does."""
    to, subject = list(message.to), message.subject
    try:
        message.send()
    except ValueError as error:  # BadHeaderError among them: the message can never go
        _record_failure(to, subject, template, triggered_by_id, error)
    except smtplib.SMTPRecipientsRefused as error:
        # 5xx: the address is refused for good. 4xx (greylisting, a full mailbox): try again.
        if any(code >= 500 for code, _ in error.recipients.values()):
            _record_failure(to, subject, template, triggered_by_id, error)
            return
        _retry_or_record(task, to, subject, template, triggered_by_id, error)
    except OSError as error:  # connection refused, timeouts, temporary SMTP errors
        _retry_or_record(task, to, subject, template, triggered_by_id, error)


def _retry_or_record(task, to, subject, template, triggered_by_id, error) -> None:
    if task.request.retries >= MAX_RETRIES or task.request.is_eager:
        _record_failure(to, subject, template, triggered_by_id, error)
        return
    raise task.retry(exc=error, countdown=30 * 2**task.request.retries) from error


def _record_failure(to, subject, template, triggered_by_id, error) -> None:
    from .email import record_failed_email  # noqa: PLC0415 - email imports this module: a top-level import would be a cycle

    logger.error("Email %r to %s could not be sent: %s", subject, to, error)
    record_failed_email(
        recipients=to,
        subject=subject,
        template=template,
        triggered_by_id=triggered_by_id,
        reason=f"{error.__class__.__name__}: {error}",
    )
