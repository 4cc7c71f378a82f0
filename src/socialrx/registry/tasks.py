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
