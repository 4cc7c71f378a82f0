"""Every CMS file of the demo, through the import jobs staff use, once."""

from __future__ import annotations

from pathlib import Path

from django.core.files import File
from django.utils import timezone

from ..models import (
    ImportJob,
    ImportKind,
    ImportStatus,
)
from ..services import imports as import_services

CMS_DIR = Path(__file__).resolve().parent.parent / "data" / "cms"
CMS_FILES = [
    (ImportKind.HOSPITALS, "cms_hospital_general_information.csv"),
    (ImportKind.HVBP, "cms_hvbp_person_and_community_engagement_fy2024.csv"),
    (ImportKind.HCAHPS_STATE, "cms_hcahps_state_2022q4_2023q3.csv"),
    (ImportKind.HCAHPS_NATIONAL, "cms_hcahps_national_2022q4_2023q3.csv"),
    (ImportKind.HCAHPS_HOSPITAL, "cms_hcahps_pch_hospital_2022q4_2023q3.csv"),
]


def import_cms_files(staff) -> list[ImportJob]:
    """Each CMS file through an import job (preview, then import), once."""
    jobs = []
    for kind, filename in CMS_FILES:
        done = ImportJob.objects.filter(
            kind=kind, original_name=filename, status=ImportStatus.DONE
        ).first()
        jobs.append(done or _import(staff, kind, CMS_DIR / filename))
    return jobs


def _import(staff, kind: str, path: Path) -> ImportJob:
    job = ImportJob(
        kind=kind, original_name=path.name, size_bytes=path.stat().st_size, created_by=staff
    )
    with path.open("rb") as handle:
        job.file.save(path.name, File(handle), save=False)
    job.save()
    import_services.preview_import(job_id=job.pk)
    job.refresh_from_db()
    job.status, job.started_at = ImportStatus.IMPORTING, timezone.now()
    job.save(update_fields=["status", "started_at"])
    return import_services.run_import(job_id=job.pk)
