"""XLSX zip bombs uploaded for import: the job is left unreadable, with the reason, and the
registry's setting is the limit on each part. The guard itself is tested in
tests/core/tabular/test_xlsx_guard.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.files import File

from socialrx.core.tabular import FileProblem
from socialrx.registry.importing import runner
from socialrx.registry.models import ImportJob, ImportStatus
from socialrx.registry.services import imports
from tests.core.tabular.xlsx_files import HEADER, sheet, workbook, write_bomb


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    return write_bomb(tmp_path_factory.mktemp("bomb") / "bomb.xlsx")


@pytest.mark.integration
def test_a_zip_bomb_uploaded_for_import_leaves_the_job_unreadable(
    bomb, staff, django_capture_on_commit_callbacks
):
    with bomb.open("rb") as handle, django_capture_on_commit_callbacks(execute=True):
        job = imports.upload_import(
            actor=staff, kind="hospitals", uploaded_file=File(handle, name="hospitals.xlsx")
        )
    job.refresh_from_db()

    assert job.status == ImportStatus.UNREADABLE
    assert job.problem.startswith(
        "“hospitals.xlsx” cannot be opened safely: xl/sharedStrings.xml would unpack to 100 MB"
    )
    assert ImportJob.objects.count() == 1


@pytest.mark.unit
def test_the_setting_limits_each_part_of_an_xlsx_import(tmp_path, settings):
    settings.REGISTRY_IMPORT_XLSX_MAX_PART_MB = 1
    rows = [[f"{n:06d}", os.urandom(40).hex()] for n in range(10_000)]
    path = workbook(tmp_path / "large.xlsx", sheet(HEADER, *rows))

    with pytest.raises(FileProblem) as refused:
        runner.open_import_file(path, "hospitals", "large.xlsx")

    assert refused.value.message.startswith(
        "“large.xlsx” cannot be opened safely: xl/worksheets/sheet1.xml would unpack to 1.9 MB "
        "(at most 1 MB per part)."
    )
