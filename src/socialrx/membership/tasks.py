from celery import shared_task


@shared_task
def run_daily_renewals() -> dict:
    """Celery beat runs this daily; running it twice in a day changes nothing more."""
    from .services.lifecycle import run_renewals  # noqa: PLC0415 - the services queue these tasks: a top-level import would be a cycle

    return run_renewals()
