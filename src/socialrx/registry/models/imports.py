"""Bulk imports: an uploaded file, its dry-run preview, and the result of importing it."""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models


class ImportFileStorage(FileSystemStorage):
    """Uploaded import files live outside MEDIA_ROOT (REGISTRY_IMPORT_DIR): nobody downloads
    them by URL. The directory is read from settings on each use, so migrations do not record
    this machine's path and tests can point it elsewhere."""

    @property
    def base_location(self):
        return settings.REGISTRY_IMPORT_DIR

    @property
    def location(self):
        return os.path.abspath(self.base_location)


class ImportKind(models.TextChoices):
    HOSPITALS = "hospitals", "Hospitals (CMS Hospital General Information)"
    PHYSICIANS = "physicians", "Physicians"
    HEALTH_SYSTEMS = "health_systems", "Health systems and their hospitals"
    ORGANIZATIONS = "organizations", "Other health organizations"
    ACCOUNTS = "accounts", "Social media accounts and follower counts"
    HVBP = "hvbp", "Hospital VBP person and community engagement (HCAHPS)"
    HCAHPS_HOSPITAL = "hcahps_hospital", "HCAHPS by hospital (CMS long layout)"
    HCAHPS_STATE = "hcahps_state", "HCAHPS state averages"
    HCAHPS_NATIONAL = "hcahps_national", "HCAHPS national averages"


class ImportStatus(models.TextChoices):
    VALIDATING = "validating", "Checking the file"
    READY = "ready", "Ready to import"
    UNREADABLE = "unreadable", "Cannot be imported"
    IMPORTING = "importing", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Failed, nothing was imported"


def import_file_name(job: ImportJob, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "csv"
    return f"{job.public_id}.{suffix[:8]}"


class ImportJob(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    file = models.FileField(upload_to=import_file_name, storage=ImportFileStorage(), max_length=200)
    original_name = models.CharField(max_length=255)
    size_bytes = models.PositiveBigIntegerField()
    status = models.CharField(
        max_length=12, choices=ImportStatus.choices, default=ImportStatus.VALIDATING
    )
    problem = models.TextField(blank=True)
    total_rows = models.PositiveIntegerField(null=True, blank=True)
    # {"created": n, "updated": n, "unchanged": n, "rejected": n}
    preview_counts = models.JSONField(default=dict, blank=True)
    result_counts = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import of {self.original_name}"

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.VALIDATING, ImportStatus.IMPORTING)


class ImportPhase(models.TextChoices):
    PREVIEW = "preview", "Preview"
    IMPORT = "import", "Import"


class ImportRowError(models.Model):
    """A rejected row and why. Only the first few hundred of a file are kept; the counts say
    how many there were."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="row_errors")
    phase = models.CharField(max_length=10, choices=ImportPhase.choices)
    row_number = models.PositiveIntegerField()
    key = models.CharField(max_length=120, blank=True)
    message = models.CharField(max_length=500)

    class Meta:
        ordering = ["job", "phase", "row_number", "id"]

    def __str__(self) -> str:
        return f"Row {self.row_number}: {self.message}"
