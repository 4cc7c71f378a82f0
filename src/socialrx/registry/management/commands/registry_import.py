"""`socialrx registry-import KIND FILE`: the staff page's import, from the command line, for
files larger than the upload limit (the whole NPPES file, say). The same job, preview and
import run here synchronously; the job then appears on /staff/registry/imports/."""

from __future__ import annotations

from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from socialrx.registry.models import ImportJob, ImportKind, ImportPhase, ImportStatus
from socialrx.registry.services import imports


class Command(BaseCommand):
    help = "Import a registry file (preview, then import unless --dry-run)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=ImportKind.values)
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Preview only.")

    def handle(self, *args, kind: str, path: Path, dry_run: bool, **options):
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        job = ImportJob(kind=kind, original_name=path.name, size_bytes=path.stat().st_size)
        with path.open("rb") as handle:
            job.file.save(path.name, File(handle), save=True)
        job = imports.preview_import(job_id=job.pk)
        if job.status != ImportStatus.READY:
            raise CommandError(job.problem or f"The preview ended as {job.get_status_display()}.")
        self._report("Preview", job.preview_counts, job)
        if dry_run:
            return
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING)
        job = imports.run_import(job_id=job.pk)
        if job.status != ImportStatus.DONE:
            raise CommandError(job.problem)
        self._report("Imported", job.result_counts, job)

    def _report(self, title: str, counts: dict, job: ImportJob) -> None:
        summary = ", ".join(
            f"{counts.get(name, 0):,} {name}"
            for name in ("created", "updated", "unchanged", "rejected")
        )
        self.stdout.write(f"{title} ({job.total_rows:,} rows): {summary}.")
        phase = ImportPhase.IMPORT if job.status == ImportStatus.DONE else ImportPhase.PREVIEW
        for error in job.row_errors.filter(phase=phase).order_by("row_number")[:20]:
            self.stdout.write(f"  row {error.row_number}: {error.message}")
