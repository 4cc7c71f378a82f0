"""Events' background tasks (Celery finds this module by its name).

- `email_ticket`: one attendee's ticket email with the ticket PDF and the event's .ics attached,
  built when it runs from the attendee as they are then (a ticket renamed or cancelled since it
  was queued is not sent: its secret no longer matches)."""

from celery import shared_task

from socialrx.core.tasks import MAX_RETRIES, deliver


@shared_task(bind=True, max_retries=MAX_RETRIES)
def email_ticket(
    self, *, attendee_id: int, secret: str, template: str, triggered_by_id: int | None = None
) -> None:
    from .services.ticket_emails import ticket_message  # noqa: PLC0415 - the services queue this task: a top-level import would be a cycle

    message = ticket_message(attendee_id, secret, template)
    if message is not None:
        deliver(self, message, template=template, triggered_by_id=triggered_by_id)


@shared_task
def expire_waitlist_offers() -> int:
    """Waitlist offers whose time ran out lapse; their places go to the next people waiting."""
    from .services.waitlist import expire_offers  # noqa: PLC0415 - the services queue tasks: a top-level import would be a cycle

    return expire_offers()


@shared_task
def release_expired_orders() -> int:
    """Pending orders whose hold ran out before checkout are cancelled; the waitlist is told."""
    from .services.registration import release_expired_orders as release  # noqa: PLC0415 - the services queue tasks: a top-level import would be a cycle

    return release()
