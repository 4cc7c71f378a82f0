"""Coaching's background tasks (Celery finds this module by its name). Each takes ids as
keyword arguments, reloads its rows and returns quietly when they are gone.

- `email_session_invitation`: one person's email of a booked, moved or cancelled session,
  with its calendar invitation attached (`services.invitations`)."""

from celery import shared_task

from socialrx.core.tasks import MAX_RETRIES, deliver


@shared_task(bind=True, max_retries=MAX_RETRIES)
def email_session_invitation(
    self,
    *,
    session_id: int,
    person_id: int,
    kind: str,
    method: str,
    sequence: int,
    previous_starts_at: str = "",
    triggered_by_id: int | None = None,
) -> None:
    from .services.invitations import TEMPLATES, invitation_message  # noqa: PLC0415 - the services queue this task: a top-level import would be a cycle

    message = invitation_message(
        session_id=session_id,
        person_id=person_id,
        kind=kind,
        method=method,
        sequence=sequence,
        previous_starts_at=previous_starts_at,
    )
    if message is not None:
        deliver(self, message, template=TEMPLATES + kind, triggered_by_id=triggered_by_id)


@shared_task
def remind_overdue_action_items() -> int:
    """Daily: each person with overdue action items gets one email listing them
    (`reminders.remind_overdue`; a second run the same day sends nothing)."""
    from .reminders import remind_overdue  # noqa: PLC0415 - like the task above: the services behind it load only when it runs

    return remind_overdue()
