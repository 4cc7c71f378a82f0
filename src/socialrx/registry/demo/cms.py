"""Every CMS file of the demo, through the import jobs staff use, once.

The full profile imports the files as shipped (5,381 hospitals). The small profile imports a
sample of each: a few hospitals of a few states (evenly spread over each state's CCNs, so
critical access, psychiatric and children's hospitals come along), their Hospital VBP rows,
those states' HCAHPS averages and cancer hospitals, and the national averages, written to
temporary files that go through the very same import jobs."""

from __future__ import annotations

import csv
import tempfile
from collections import defaultdict
from dataclasses import dataclass
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


@dataclass(frozen=True)
class CmsSample:
    """`per_state` hospitals of each of `states`, and the rows of the other files that go
    with them."""

    states: tuple[str, ...]
    per_state: int

    def ccns(self) -> set[str]:
        by_state = defaultdict(list)
        for row in _rows(CMS_DIR / CMS_FILES[0][1]):
            if row["State"] in self.states:
                by_state[row["State"]].append(row["Facility ID"])
        chosen = set()
        for ccns in by_state.values():
            ccns.sort()
            count = min(self.per_state, len(ccns))
            chosen.update(ccns[i * len(ccns) // count] for i in range(count))
        return chosen

    def name(self, filename: str) -> str:
        return filename.removesuffix(".csv") + ".sample.csv"

    def write(self, kind: str, filename: str, directory: Path) -> Path:
        """The sample of one CMS file, written into `directory`."""
        ccns = self.ccns() if kind in (ImportKind.HOSPITALS, ImportKind.HVBP) else set()
        path = directory / self.name(filename)
        with (CMS_DIR / filename).open(newline="", encoding="utf-8") as source:
            reader = csv.reader(source)
            header = next(reader)
            with path.open("w", newline="", encoding="utf-8") as target:
                writer = csv.writer(target)
                writer.writerow(header)
                for row in reader:
                    if self._keeps(kind, dict(zip(header, row, strict=True)), ccns):
                        writer.writerow(row)
        return path

    def _keeps(self, kind: str, row: dict[str, str], ccns: set[str]) -> bool:
        if kind in (ImportKind.HOSPITALS, ImportKind.HVBP):
            return row["Facility ID"] in ccns
        if kind == ImportKind.HCAHPS_NATIONAL:
            return True
        # The HCAHPS state averages and the cancer hospitals of the sampled states.
        return row["State"] in self.states


def import_cms_files(staff, sample: CmsSample | None = None) -> list[ImportJob]:
    """Each CMS file (or its sample) through an import job (preview, then import), once."""
    jobs = []
    with tempfile.TemporaryDirectory(prefix="socialrx-demo-") as directory:
        for kind, filename in CMS_FILES:
            name = sample.name(filename) if sample else filename
            done = ImportJob.objects.filter(
                kind=kind, original_name=name, status=ImportStatus.DONE
            ).first()
            if done is None:
                path = sample.write(kind, filename, Path(directory)) if sample else None
                done = _import(staff, kind, path or CMS_DIR / filename)
            jobs.append(done)
    return jobs


def _rows(path: Path):
    with path.open(newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


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
