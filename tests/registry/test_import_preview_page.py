"""The preview of an import as staff see it: the columns of the file no layout reads, named as
the file writes them, and a button that states how many rows the import keeps (new, updated
and unchanged: every row but the rejected ones)."""

import csv
import io

import pytest
from django.core.files import File
from django.core.files.base import ContentFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from socialrx.registry.models import ImportJob, ImportStatus
from socialrx.registry.services import imports
from tests.registry.factories import EntityFactory

pytestmark = pytest.mark.integration


def csv_bytes(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


@pytest.fixture
def upload(staff, tmp_path, django_capture_on_commit_callbacks):
    def upload(kind: str, rows: list[list[object]]) -> ImportJob:
        path = tmp_path / "accounts.csv"
        path.write_bytes(csv_bytes(rows))
        with path.open("rb") as handle, django_capture_on_commit_callbacks(execute=True):
            job = imports.upload_import(
                actor=staff, kind=kind, uploaded_file=File(handle, name=path.name)
            )
        job.refresh_from_db()
        return job

    return upload


def ready_job(staff, counts: dict) -> ImportJob:
    """A previewed job with the given preview (its file is never read by the page)."""
    job = ImportJob(
        kind="hospitals",
        original_name="hospitals.csv",
        size_bytes=10,
        created_by=staff,
        status=ImportStatus.READY,
        total_rows=sum(counts.get(name, 0) for name in ("created", "updated", "unchanged")),
        preview_counts=counts,
    )
    job.file.save("hospitals.csv", ContentFile(b"x"), save=True)
    return job


def test_preview_names_the_columns_the_layout_does_not_read(upload):
    EntityFactory(ccn="240010")
    rows = [
        ["CCN", "Platform", "URL", "Followers", "Counted on", "Checked On", "Notes", ""],
        ["240010", "X", "@MayoClinic", "2000", "2024-06-30", "2024-06-30", "verified", ""],
    ]

    job = upload("accounts", rows)

    assert job.status == ImportStatus.READY
    assert job.preview_counts == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
        "ignored_columns": ["Counted on", "Notes"],
        "ignored_column_count": 2,
    }


def test_preview_without_unread_columns_notes_none(upload):
    EntityFactory(ccn="240010")

    job = upload("accounts", [["CCN", "URL"], ["240010", "facebook.com/mayoclinic"]])

    assert job.preview_counts == {"created": 1, "updated": 0, "unchanged": 0, "rejected": 0}


def test_preview_page_lists_unread_columns_and_counts_every_kept_row_on_its_button(
    client, staff, django_assert_num_queries
):
    job = ready_job(
        staff,
        {"created": 2, "updated": 5, "unchanged": 9_991, "rejected": 3,
         "ignored_columns": ["Counted on", "Notes <b>"], "ignored_column_count": 2},
    )  # fmt: skip
    client.force_login(staff)
    url = reverse("registry:staff_import", args=[job.public_id])

    # The session, its person, the MFA check, the job with its uploader, its rejected rows.
    with django_assert_num_queries(5):
        response = client.get(url)

    assertContains(response, "Import 9,998 rows</button>", html=False)
    assertContains(
        response,
        "Columns of the file the import does not read: “Counted on”, “Notes &lt;b&gt;”.",
        html=False,
    )


def test_preview_page_says_how_many_more_columns_were_not_read(client, staff):
    names = [f"Extra {n}" for n in range(50)]
    job = ready_job(
        staff,
        {"created": 1, "updated": 0, "unchanged": 0, "rejected": 0,
         "ignored_columns": names, "ignored_column_count": 57},
    )  # fmt: skip
    client.force_login(staff)

    response = client.get(reverse("registry:staff_import", args=[job.public_id]))

    assertContains(response, "“Extra 49” and 7 more.", html=False)
    assertContains(response, "Import 1 row</button>", html=False)


def test_page_of_a_job_previewed_before_columns_were_noted_shows_none(client, staff):
    job = ready_job(staff, {"created": 1, "updated": 0, "unchanged": 1, "rejected": 0})
    client.force_login(staff)

    response = client.get(reverse("registry:staff_import", args=[job.public_id]))

    assertContains(response, "Import 2 rows</button>", html=False)
    assertNotContains(response, "does not read")
