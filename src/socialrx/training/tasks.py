"""Training's periodic work (Celery beat; inline when no broker is configured). Each task is
safe to run twice or late: it acts only on what is due at the time it runs."""

from celery import shared_task


@shared_task
def expire_waitlist_offers() -> int:
    """Waitlist offers whose time ran out lapse; their seats go to the next people waiting."""
    from .services.waitlist import expire_offers  # noqa: PLC0415 - the services queue these tasks: a top-level import would be a cycle

    return expire_offers()


@shared_task
def release_expired_bookings() -> int:
    """Pending bookings whose hold ran out with no invoice free their seats."""
    from .services.boot_camp_registration import release_expired_bookings as release  # noqa: PLC0415 - the services queue these tasks: a top-level import would be a cycle

    return release()


@shared_task
def send_boot_camp_reminders() -> int:
    """Reminders a week and a day before day 1, each once per confirmed attendee."""
    from .services.boot_camp_emails import send_due_reminders  # noqa: PLC0415 - the services queue these tasks: a top-level import would be a cycle

    return send_due_reminders()
