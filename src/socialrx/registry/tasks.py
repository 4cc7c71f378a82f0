"""Background work of the registry: the preview and the import of uploaded files."""

from celery import shared_task


@shared_task
def preview_import(*, job_id: int) -> None:
    from .services.imports import preview_import as preview  # noqa: PLC0415 - the services queue these tasks: a top-level import would be a cycle

    preview(job_id=job_id)


@shared_task
def run_import(*, job_id: int) -> None:
    from .services.imports import run_import as run  # noqa: PLC0415 - the services queue these tasks: a top-level import would be a cycle

    run(job_id=job_id)


@shared_task(ignore_result=True)
def refresh_statistics(token: str = "") -> None:
    """Compute today's adoption statistics of every kind ahead of the pages (queued by
    `freshness.mark_changed` after a change), under the data version read first."""
    from .freshness import data_version, statistics_refreshed  # noqa: PLC0415 - the freshness module queues this task: a top-level import would be a cycle
    from .selectors.statistics import refresh_today  # noqa: PLC0415 - as above (the selectors read the freshness module)

    version = data_version()
    try:
        refresh_today(version)
    finally:
        statistics_refreshed(version, token)
