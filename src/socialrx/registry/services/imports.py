"""Bulk imports, in three steps: upload (the file is kept, a preview task starts), preview (a
dry run lists what would be created, updated or left unchanged, and each rejected row with
its reason), and import (a task upserts every valid row in one transaction: all of it lands,
or on failure none of it)."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.core.locks import hold_transaction_lock
from socialrx.core.permissions import require
from socialrx.core.tabular import FileProblem

from ..freshness import mark_changed
from ..importing import runner
from ..importing.stage import RowRefused
from ..models import Entity, ImportJob, ImportKind, ImportPhase, ImportRowError, ImportStatus

logger = logging.getLogger(__name__)
ALLOWED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx")
# Names "registry imports" among the database's advisory locks (an arbitrary constant, "RPI2"):
# two imports of overlapping files at once would each decide "new" for the same CCN.
IMPORT_LOCK_KEY = 0x5250_4932
# The columns of a file its layout does not read, kept with the preview's counts (at most this
# many names, each at most this long: a header is the uploader's text).
MAX_IGNORED_COLUMNS = 50
MAX_COLUMN_NAME = 120


def progress_key(job: ImportJob) -> str:
    return f"registry:import:{job.public_id}:progress"


def check_upload_size(size: int, *, allowance: int = 0) -> None:
    """Refuse a file over REGISTRY_IMPORT_MAX_BYTES. `allowance` is what `size` counts beside
    the file itself (a request body also carries the form's other fields)."""
    limit = settings.REGISTRY_IMPORT_MAX_BYTES
    if size - allowance > limit:
        raise DomainError(
            f"This file is {_size(size)}; files up to {_size(limit)} can be imported. "
            "Split it into parts.",
            field="file",
            code="too_large",
        )


def _size(size: int) -> str:
    # One decimal: a whole number of MB would call a 100.4 MB file "100 MB", over a 100 MB limit.
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:,.1f} MB"
    return f"{size / 1024:,.1f} KB"


@transaction.atomic
def upload_import(*, actor, kind: str, uploaded_file) -> ImportJob:
    """Keep the file and queue its preview."""
    require(actor, "registry.manage_imports")
    if kind not in ImportKind.values:
        raise DomainError("Choose what the file holds.", field="kind")
    name = (uploaded_file.name or "").rsplit("/", 1)[-1][:255]
    if name.lower().endswith(".xls"):
        raise DomainError(
            "Excel 97–2003 workbooks (.xls) cannot be read: save it as .xlsx or CSV.", field="file"
        )
    if not name.lower().endswith(ALLOWED_SUFFIXES):
        raise DomainError("Upload a CSV or an Excel (.xlsx) file.", field="file")
    check_upload_size(uploaded_file.size)
    if uploaded_file.size == 0:
        raise DomainError("The file is empty.", field="file")
    job = ImportJob(kind=kind, original_name=name, size_bytes=uploaded_file.size, created_by=actor)
    job.file.save(name, uploaded_file, save=False)
    job.save()
    audit.record(
        actor=actor,
        action="registry.import.uploaded",
        target=job,
        after={"kind": kind, "file": name, "bytes": uploaded_file.size},
    )
    from ..tasks import preview_import  # noqa: PLC0415 - tasks import the services: a top-level import would be a cycle

    transaction.on_commit(lambda: preview_import.delay(job_id=job.pk))
    return job


def preview_import(*, job_id: int) -> ImportJob | None:
    """The dry run (a task). Reads the whole file; writes nothing to the registry."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or job.status != ImportStatus.VALIDATING:
        return job
    try:
        layout, table = runner.open_import_file(job.file.path, job.kind, job.original_name)
        job.total_rows = table.count_rows()
        job.save(update_fields=["total_rows"])
        outcome = runner.run(
            table,
            layout,
            _context(job, dry_run=True),
            progress_key=progress_key(job),
            total=job.total_rows,
        )
    except FileProblem as problem:
        job.status, job.problem = ImportStatus.UNREADABLE, problem.message
        job.save(update_fields=["status", "problem"])
        return job
    except Exception as error:  # a bug or an outage: the page must not say "checking" forever
        logger.exception("Preview of import %s failed", job.public_id)
        _mark_failed(job, error, stage="check of this file")
        return job
    with transaction.atomic():
        if ImportJob.objects.select_for_update().get(pk=job.pk).status != job.status:
            return job  # staff gave it up meanwhile
        _keep_errors(job, ImportPhase.PREVIEW, outcome.errors)
        job.preview_counts = {**outcome.as_counts(), **_ignored(table.ignored_headers)}
        job.status = ImportStatus.READY
        job.save(update_fields=["preview_counts", "status"])
    return job


@transaction.atomic
def start_import(*, actor, job: ImportJob) -> ImportJob:
    require(actor, "registry.manage_imports")
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != ImportStatus.READY:
        raise DomainError(f"This file cannot be imported now: {job.get_status_display()}.")
    counts = job.preview_counts
    if not counts.get("created") and not counts.get("updated"):
        raise DomainError("The preview found nothing to create or update in this file.")
    job.status, job.started_at = ImportStatus.IMPORTING, timezone.now()
    job.save(update_fields=["status", "started_at"])
    runner.report_progress(progress_key(job), 0, job.total_rows)  # not the preview's last figure
    audit.record(
        actor=actor,
        action="registry.import.started",
        target=job,
        after={name: counts.get(name, 0) for name in runner.COUNT_NAMES},
    )
    from ..tasks import run_import  # noqa: PLC0415 - tasks import the services: a top-level import would be a cycle

    transaction.on_commit(lambda: run_import.delay(job_id=job.pk))
    return job


def run_import(*, job_id: int) -> ImportJob | None:
    """The import itself (a task): one transaction, so a failure leaves nothing behind."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or job.status != ImportStatus.IMPORTING:
        return job
    try:
        with transaction.atomic():
            hold_transaction_lock(IMPORT_LOCK_KEY)
            layout, table = runner.open_import_file(job.file.path, job.kind, job.original_name)
            outcome = runner.run(
                table,
                layout,
                _context(job, dry_run=False),
                progress_key=progress_key(job),
                total=job.total_rows,
            )
            _keep_errors(job, ImportPhase.IMPORT, outcome.errors)
            if ImportJob.objects.select_for_update().get(pk=job.pk).status != job.status:
                raise ImportAbandoned  # staff gave it up meanwhile: nothing of it may land
            job.result_counts = outcome.as_counts()
            job.status, job.finished_at = ImportStatus.DONE, timezone.now()
            job.save(update_fields=["result_counts", "status", "finished_at"])
            audit.record(
                actor=job.created_by,
                action="registry.import.completed",
                target=job,
                after={"kind": job.kind, "file": job.original_name, **job.result_counts},
            )
            mark_changed()
    except ImportAbandoned:
        job.refresh_from_db()
    except RowRefused as refused:  # the file's fault, not a bug: say which row
        logger.warning("Import %s stopped: %s", job.public_id, refused)
        _mark_failed(job, refused)
    except Exception as error:  # any failure: the transaction rolled back, say so
        logger.exception("Import %s failed", job.public_id)
        _mark_failed(job, error)
    return job


class ImportAbandoned(Exception):
    """The job was marked failed while it ran: its transaction must not commit."""


# A running job reports progress every 1,000 rows: this long without any means its worker is
# gone (restarted, out of memory) and the job will never finish by itself.
STALLED_AFTER_SECONDS = 30 * 60


def seconds_since_progress(job: ImportJob) -> float:
    progress = runner.read_progress(progress_key(job)) or {}
    last = progress.get("at") or (job.started_at or job.created_at).timestamp()
    return time.time() - last


def is_stalled(job: ImportJob) -> bool:
    return job.is_running and seconds_since_progress(job) > STALLED_AFTER_SECONDS


@transaction.atomic
def abandon_import(*, actor, job: ImportJob) -> ImportJob:
    """Mark a stalled job failed so the file can be uploaded again. Its transaction never
    committed (an import lands whole or not at all), so nothing of it is in the registry."""
    require(actor, "registry.manage_imports")
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if not job.is_running:
        raise DomainError(f"This import is not running: {job.get_status_display()}.")
    if not is_stalled(job):
        minutes = seconds_since_progress(job) / 60
        raise DomainError(
            f"This import reported progress {minutes:,.0f} minutes ago: it is working."
        )
    before = job.status
    job.status, job.finished_at = ImportStatus.FAILED, timezone.now()
    job.problem = (
        "Stopped by center staff: no progress for over 30 minutes (its worker was probably "
        "restarted). Nothing from this file was imported; upload it again."
    )
    job.save(update_fields=["status", "finished_at", "problem"])
    audit.record(
        actor=actor,
        action="registry.import.abandoned",
        target=job,
        before={"status": before},
        after={"status": job.status},
    )
    return job


def _mark_failed(job: ImportJob, error: Exception, *, stage: str = "import") -> None:
    if isinstance(error, RowRefused):
        problem = error.message
    else:
        reason = error.message if isinstance(error, FileProblem) else error.__class__.__name__
        problem = f"The {stage} stopped ({reason}). Nothing from this file was imported."
    job.status = ImportStatus.FAILED
    job.problem = problem
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "problem", "finished_at"])


def _context(job: ImportJob, *, dry_run: bool):
    return runner.context_for(
        actor=job.created_by,
        dry_run=dry_run,
        source=_source(job),
        via=f"import:{job.public_id}",
    )


def _source(job: ImportJob) -> str:
    """Where imported entities came from, shortened to fit Entity.source: a file name may have
    255 characters, and PostgreSQL refuses a longer value (failing the whole import)."""
    start, end = "Import of ", f" ({job.created_at:%Y-%m-%d})"
    room = Entity._meta.get_field("source").max_length - len(start) - len(end)
    name = job.original_name
    if len(name) > room:
        name = name[: room - 1] + "…"
    return f"{start}{name}{end}"


def _ignored(headers: list[str]) -> dict:
    """The preview's note of the columns nobody reads ("Counted on"), as the file names them;
    nothing when every column is read."""
    if not headers:
        return {}
    names = [header[:MAX_COLUMN_NAME] for header in headers[:MAX_IGNORED_COLUMNS]]
    return {"ignored_columns": names, "ignored_column_count": len(headers)}


def _keep_errors(job: ImportJob, phase: str, errors) -> None:
    job.row_errors.filter(phase=phase).delete()
    ImportRowError.objects.bulk_create(
        [
            ImportRowError(job=job, phase=phase, row_number=number, key=key, message=message)
            for number, key, message in errors
        ]
    )
