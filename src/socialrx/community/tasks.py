"""Community's background tasks (Celery finds this module by its name). Each takes ids as
keyword arguments and returns quietly when the rows are gone or already handled.

- `send_notification_emails`: the emails of one post's notifications, for the people who chose
  "immediately" (queued after the post's transaction commits).
- `send_daily_digests`: each "daily" person's digest of the last day (beat, 07:00 center
  time; a second run sends nothing more)."""

from celery import shared_task
from django.utils import timezone


@shared_task
def send_notification_emails(*, notification_ids: list[int]) -> int:
    from .services.notification_emails import send_immediate  # noqa: PLC0415 - the services queue this task: a top-level import would be a cycle

    return send_immediate(notification_ids)


@shared_task
def send_daily_digests(*, at_center_hour: int | None = None) -> int:
    """The digests; with `at_center_hour`, only when the center's clock shows that hour (beat
    runs in UTC: asked at two UTC hours, the run at 07:00 center time is the one that sends,
    summer and winter alike)."""
    from .services.notification_emails import send_daily_digests as send  # noqa: PLC0415 - like the task above

    if at_center_hour is not None:
        center_now = timezone.localtime(timezone=timezone.get_default_timezone())
        if center_now.hour != at_center_hour:
            return 0
    return send()


# The directory's task lives beside its area; imported here so Celery's workers register it.
from .tasks_directory import send_directory_message  # noqa: E402, F401
