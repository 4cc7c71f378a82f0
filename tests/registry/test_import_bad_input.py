"""Bad import files, as staff really upload them: each problem reported (a whole-file problem
on the job, a row problem by row number with its reason), the valid rows never lost, never a
500, and nothing half-imported when an import fails."""

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.core.platforms import AccountAddressError, normalize_account
from socialrx.registry.importing.layouts import LAYOUTS
from socialrx.registry.models import (
    Account,
    Entity,
    EntityKind,
    ImportJob,
    ImportPhase,
    ImportStatus,
)
from socialrx.registry.services import imports
from tests.registry.factories import EntityFactory

pytestmark = pytest.mark.integration

HOSPITAL_HEADER = ["Facility ID", "Facility Name", "City/Town", "State", "ZIP Code"]


def csv_bytes(rows: list[list[object]], *, delimiter: str = ",", newline: str = "\n") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def hospital_rows(count: int, *, first: int = 240001) -> list[list[object]]:
    return [
        [f"{first + n:06d}", f"HOSPITAL NUMBER {n}", "ROCHESTER", "MN", "55902"]
        for n in range(count)
    ]


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def xlsx(tmp_path: Path, rows: list[list[object]], name: str = "hospitals.xlsx") -> Path:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def rejected(job: ImportJob) -> list[tuple[int, str, str]]:
    """The rejected rows of the job's last phase: the import's once done, else the preview's."""
    phase = ImportPhase.IMPORT if job.status == ImportStatus.DONE else ImportPhase.PREVIEW
    return list(job.row_errors.filter(phase=phase).values_list("row_number", "key", "message"))


@pytest.fixture
def upload(staff, django_capture_on_commit_callbacks):
    """Upload a file through the service; its preview task runs on commit."""

    def upload(kind: str, path: Path) -> ImportJob:
        with path.open("rb") as handle, django_capture_on_commit_callbacks(execute=True):
            job = imports.upload_import(
                actor=staff, kind=kind, uploaded_file=File(handle, name=path.name)
            )
        job.refresh_from_db()
        return job

    return upload


@pytest.fixture
def start(staff, django_capture_on_commit_callbacks):
    """Start a previewed import; the import task runs on commit."""

    def start(job: ImportJob) -> ImportJob:
        with django_capture_on_commit_callbacks(execute=True):
            imports.start_import(actor=staff, job=job)
        job.refresh_from_db()
        return job

    return start


def hospital_names() -> list[str]:
    return list(
        Entity.objects.filter(kind=EntityKind.HOSPITAL)
        .order_by("ccn")
        .values_list("name", flat=True)
    )


# --- whole-file problems ---------------------------------------------------------------------


def test_missing_column_makes_the_file_unreadable_naming_the_column(upload, tmp_path):
    content = csv_bytes(
        [["Facility ID", "Facility Name", "State"], ["240010", "SAINT MARYS HOSPITAL", "MN"]]
    )

    job = upload("hospitals", write(tmp_path, "hospitals.csv", content))

    assert job.status == ImportStatus.UNREADABLE
    assert job.problem == (
        "This file has no “City/Town” column (also accepted: City). Check the column names in "
        "the header row. The columns found were: “Facility ID”, “Facility Name”, “State”."
    )
    assert Entity.objects.count() == 0


def test_header_that_no_delimiter_splits_is_refused_with_a_message(upload, tmp_path):
    content = b"Facility ID:Facility Name:City/Town:State\n240010:SAINT MARYS:ROCHESTER:MN\n"

    job = upload("hospitals", write(tmp_path, "hospitals.csv", content))

    assert job.status == ImportStatus.UNREADABLE
    assert job.problem.startswith(
        "The header row could not be split into columns: none of the delimiters tried "
        "(comma, semicolon, tab and vertical bar (|)) separates it."
    )


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_semicolon_tab_and_bar_files_import(upload, start, tmp_path, delimiter):
    content = csv_bytes([HOSPITAL_HEADER, *hospital_rows(3)], delimiter=delimiter)

    job = start(upload("hospitals", write(tmp_path, "hospitals.csv", content)))

    assert job.result_counts == {"created": 3, "updated": 0, "unchanged": 0, "rejected": 0}
    assert hospital_names() == ["HOSPITAL NUMBER 0", "HOSPITAL NUMBER 1", "HOSPITAL NUMBER 2"]


def test_windows_line_endings_and_a_bom_import(upload, start, tmp_path):
    content = b"\xef\xbb\xbf" + csv_bytes([HOSPITAL_HEADER, *hospital_rows(2)], newline="\r\n")

    job = start(upload("hospitals", write(tmp_path, "hospitals.csv", content)))

    assert job.result_counts["created"] == 2
    assert Entity.objects.get(ccn="240001").postal_code == "55902"


def test_latin1_names_are_imported_with_their_accents(upload, start, tmp_path):
    content = (
        "Facility ID,Facility Name,City/Town,State\r\n"
        "240010,Hôpital Saint-Luc,Montréal Falls,MN\r\n"
        "240011,Clínica Nuestra Señora,Rochester,MN\r\n"
    ).encode("latin-1")

    job = start(upload("hospitals", write(tmp_path, "hospitals.csv", content)))

    assert job.result_counts["created"] == 2
    assert hospital_names() == ["Hôpital Saint-Luc", "Clínica Nuestra Señora"]
    assert Entity.objects.get(ccn="240010").city == "Montréal Falls"


def test_zero_byte_file_is_refused_at_upload(staff):
    with pytest.raises(DomainError) as refused:
        imports.upload_import(
            actor=staff, kind="hospitals", uploaded_file=SimpleUploadedFile("empty.csv", b"")
        )

    assert refused.value.message == "The file is empty."
    assert ImportJob.objects.count() == 0


def test_blank_file_and_header_only_file_are_unreadable(upload, tmp_path):
    blank = upload("hospitals", write(tmp_path, "blank.csv", b"\r\n \r\n"))
    header_only = upload("hospitals", write(tmp_path, "header.csv", csv_bytes([HOSPITAL_HEADER])))

    assert (blank.status, blank.problem) == (
        ImportStatus.UNREADABLE,
        "“blank.csv” is empty: it has no rows. Check that you chose the right file.",
    )
    assert (header_only.status, header_only.problem) == (
        ImportStatus.UNREADABLE,
        "The file has a header but no data rows. Add the rows below the header and upload "
        "the file again.",
    )


def test_xls_file_name_is_refused_at_upload(staff):
    with pytest.raises(DomainError) as refused:
        imports.upload_import(
            actor=staff,
            kind="hospitals",
            uploaded_file=SimpleUploadedFile("hospitals.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 512),
        )

    assert refused.value.message == (
        "Excel 97–2003 workbooks (.xls) cannot be read: save it as .xlsx or CSV."
    )


def test_xls_binary_under_a_csv_name_is_unreadable_with_advice(upload, tmp_path):
    path = write(tmp_path, "hospitals.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)

    job = upload("hospitals", path)

    assert (job.status, job.problem) == (
        ImportStatus.UNREADABLE,
        "“hospitals.csv” is an old Excel 97–2003 workbook (.xls) or a password-protected "
        "workbook, which cannot be read here. Open it in Excel, remove any password, save it "
        "as CSV or XLSX, and upload that file.",
    )


def test_xlsx_ccns_and_zip_codes_typed_as_numbers_get_their_leading_zeros(upload, start, tmp_path):
    path = xlsx(
        tmp_path,
        [
            HOSPITAL_HEADER,
            [10001, "SOUTHEAST HEALTH MEDICAL CENTER", "DOTHAN", "AL", 36301],
            [70001.0, "HARTFORD HOSPITAL", "HARTFORD", "CT", 6106],
        ],
    )

    job = start(upload("hospitals", path))

    assert job.result_counts["created"] == 2
    assert list(Entity.objects.order_by("ccn").values_list("ccn", "postal_code")) == [
        ("010001", "36301"),
        ("070001", "06106"),
    ]


# --- row problems ----------------------------------------------------------------------------


def test_duplicate_key_rejects_the_later_row_and_keeps_the_first(upload, start, tmp_path):
    content = csv_bytes(
        [
            HOSPITAL_HEADER,
            ["240010", "FIRST NAME", "ROCHESTER", "MN", "55902"],
            ["240011", "OTHER HOSPITAL", "ROCHESTER", "MN", "55902"],
            ["240010", "SECOND NAME", "ROCHESTER", "MN", "55902"],
        ]
    )

    job = start(upload("hospitals", write(tmp_path, "hospitals.csv", content)))

    assert job.preview_counts == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 1}
    assert rejected(job) == [
        (4, "CCN 240010", "CCN 240010 appears on an earlier row of this file.")
    ]
    assert Entity.objects.get(ccn="240010").name == "FIRST NAME"


def test_invalid_ccn_rejects_its_row_and_imports_the_others(upload, start, tmp_path):
    content = csv_bytes(
        [
            HOSPITAL_HEADER,
            hospital_rows(1)[0],
            ["24-01", "BAD CCN", "X", "MN", ""],
            ["240099", "", "Y", "MN", ""],
        ]
    )

    job = start(upload("hospitals", write(tmp_path, "hospitals.csv", content)))

    assert job.result_counts == {"created": 1, "updated": 0, "unchanged": 0, "rejected": 2}
    assert [(number, message) for number, _, message in rejected(job)] == [
        (3, "CCN “24-01” is not a CMS certification number (6 characters, e.g. 240010)."),
        (4, "Facility name is empty."),
    ]
    assert hospital_names() == ["HOSPITAL NUMBER 0"]


def test_row_with_a_stray_delimiter_is_rejected_by_number(upload, tmp_path):
    content = csv_bytes([HOSPITAL_HEADER, *hospital_rows(1)])
    content += b"240099,SAINT MARY,S HOSPITAL,ROCHESTER,MN,55902\n"

    job = upload("hospitals", write(tmp_path, "hospitals.csv", content))

    assert job.preview_counts == {"created": 1, "updated": 0, "unchanged": 0, "rejected": 1}
    assert rejected(job) == [(3, "", "The row has 6 values but the header has 5 columns.")]


def test_invalid_npi_rejects_its_row_and_imports_the_others(upload, start, tmp_path):
    content = csv_bytes(
        [
            ["NPI", "First Name", "Last Name"],
            ["1234567893", "Ada", "Okafor"],
            ["1234567890", "Mistyped", "Number"],
            ["12345", "Short", "Number"],
        ]
    )

    job = start(upload("physicians", write(tmp_path, "physicians.csv", content)))

    assert job.result_counts == {"created": 1, "updated": 0, "unchanged": 0, "rejected": 2}
    assert [(number, message) for number, _, message in rejected(job)] == [
        (3, "NPI 1234567890 fails the NPI check digit: it is mistyped."),
        (4, "NPI “12345” does not have 10 digits."),
    ]
    assert Entity.objects.get(kind=EntityKind.PHYSICIAN).name == "Ada Okafor"


def platform_message(address: str) -> str:
    with pytest.raises(AccountAddressError) as refused:
        normalize_account(address)
    return refused.value.message


def test_malformed_and_unknown_platform_urls_are_rejected_with_the_platform_message(
    upload, start, tmp_path
):
    EntityFactory(ccn="240010")
    content = csv_bytes(
        [
            ["CCN", "URL", "Followers", "Checked On"],
            ["240010", "https://www.facebook.com/mayoclinic", "1000", "2024-06-30"],
            ["240010", "http://exa mple.com/page", "10", "2024-06-30"],
            ["240010", "https://myspace.com/mayoclinic", "10", "2024-06-30"],
        ]
    )

    job = start(upload("accounts", write(tmp_path, "accounts.csv", content)))

    assert job.result_counts == {"created": 1, "updated": 0, "unchanged": 0, "rejected": 2}
    assert [(number, message) for number, _, message in rejected(job)] == [
        (3, platform_message("http://exa mple.com/page")),
        (4, platform_message("https://myspace.com/mayoclinic")),
    ]
    assert list(Account.objects.values_list("platform", "key")) == [("facebook", "mayoclinic")]


def test_nan_rate_in_hvbp_rejects_the_row_instead_of_failing_the_file(upload, tmp_path):
    layout = LAYOUTS["hvbp"]
    header = [column.aliases[0] for column in layout.columns]
    row = {column.name: "" for column in layout.columns}
    row.update({"fiscal_year": "2024", "ccn": "010001", "facility_name": "SOUTHEAST HEALTH"})
    good = [row.get(column.name, "") for column in layout.columns]
    bad = [value if value != "010001" else "010005" for value in good]
    bad[header.index("Communication With Nurses Baseline Rate")] = "NaN"

    job = upload("hvbp", write(tmp_path, "hvbp.csv", csv_bytes([header, good, bad])))

    assert job.preview_counts == {"created": 1, "updated": 0, "unchanged": 0, "rejected": 1}
    assert rejected(job) == [
        (3, "", "Communication With Nurses Baseline Rate “NaN” is not a percentage.")
    ]


# --- formula injection -----------------------------------------------------------------------


def test_formula_in_a_name_is_imported_as_text_and_neutralised_on_export(
    upload, start, tmp_path, client
):
    formula = '=HYPERLINK("http://evil","x")'
    content = csv_bytes([HOSPITAL_HEADER, ["240010", formula, "ROCHESTER", "MN", "55902"]])

    start(upload("hospitals", write(tmp_path, "hospitals.csv", content)))
    response = client.get("/registry/?format=csv")

    assert Entity.objects.get(ccn="240010").name == formula
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    name_column = rows[0].index("Name")
    assert [row[name_column] for row in rows[1:]] == ["'" + formula]


# --- failure in the middle of an import --------------------------------------------------------


def test_failure_in_the_second_batch_leaves_nothing_of_the_file(
    upload, start, tmp_path, monkeypatch
):
    content = csv_bytes([HOSPITAL_HEADER, *hospital_rows(1500)])
    job = upload("hospitals", write(tmp_path, "hospitals.csv", content))
    assert job.preview_counts["created"] == 1500
    layout = LAYOUTS["hospitals"]
    real_process = layout.process
    batches = []

    def failing_process(batch, context):
        batches.append(len(batch))
        if len(batches) == 2:
            raise RuntimeError("the database went away")
        return real_process(batch, context)

    monkeypatch.setattr(layout, "process", failing_process)

    job = start(job)

    assert batches == [1000, 500]
    assert job.status == ImportStatus.FAILED
    assert job.problem == (
        "The import stopped (RuntimeError). Nothing from this file was imported."
    )
    assert Entity.objects.count() == 0
    assert AuditEvent.objects.filter(target_type="registry.entity").count() == 0
    assert job.result_counts == {}


def test_failure_during_the_preview_marks_the_job_failed(upload, tmp_path, monkeypatch):
    def failing_process(batch, context):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(LAYOUTS["hospitals"], "process", failing_process)
    content = csv_bytes([HOSPITAL_HEADER, *hospital_rows(2)])

    job = upload("hospitals", write(tmp_path, "hospitals.csv", content))

    assert job.status == ImportStatus.FAILED
    assert job.problem == (
        "The check of this file stopped (RuntimeError). Nothing from this file was imported."
    )


def test_long_file_name_still_imports(upload, start, tmp_path):
    name = "hospital-general-information-" + "x" * 150 + ".csv"
    content = csv_bytes([HOSPITAL_HEADER, *hospital_rows(1)])

    job = start(upload("hospitals", write(tmp_path, name, content)))

    assert job.status == ImportStatus.DONE
    source = Entity.objects.get().source
    assert len(source) <= Entity._meta.get_field("source").max_length
    assert source.startswith("Import of hospital-general-information-xxx")


# --- size limits through the staff page ------------------------------------------------------


def upload_page():
    return reverse("registry:staff_imports")


def test_declared_200_mb_upload_is_refused_before_it_is_read(client, staff):
    client.force_login(staff)
    small = SimpleUploadedFile("hospitals.csv", csv_bytes([HOSPITAL_HEADER, *hospital_rows(1)]))

    response = client.post(
        upload_page(),
        {"kind": "hospitals", "file": small},
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )

    assert response.status_code == 413
    assertContains(
        response,
        "This file is 200.0 MB; files up to 100.0 MB can be imported. Split it into parts.",
        status_code=413,
    )
    assert ImportJob.objects.count() == 0


def test_file_over_the_limit_is_refused_by_its_actual_size(client, staff, settings):
    settings.REGISTRY_IMPORT_MAX_BYTES = 1024
    client.force_login(staff)
    content = csv_bytes([HOSPITAL_HEADER, *hospital_rows(60)])
    assert len(content) > 2048

    response = client.post(
        upload_page(),
        {"kind": "hospitals", "file": SimpleUploadedFile("hospitals.csv", content)},
    )

    assert response.status_code == 413
    assertContains(
        response,
        f"This file is {len(content) / 1024:.1f} KB; files up to 1.0 KB can be imported.",
        status_code=413,
    )
    assert ImportJob.objects.count() == 0


def test_file_just_under_the_limit_is_accepted_despite_the_form_overhead(
    client, staff, settings, django_capture_on_commit_callbacks
):
    content = csv_bytes([HOSPITAL_HEADER, *hospital_rows(3)])
    settings.REGISTRY_IMPORT_MAX_BYTES = len(content)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            upload_page(),
            {"kind": "hospitals", "file": SimpleUploadedFile("hospitals.csv", content)},
        )

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:staff_import", args=[job.public_id])


def test_unreadable_upload_through_the_page_shows_the_problem_not_a_500(
    client, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(
            upload_page(),
            {"kind": "hospitals", "file": SimpleUploadedFile("notes.csv", b"just some words\n")},
        )
    job = ImportJob.objects.get()

    response = client.get(posted["Location"])

    assert job.status == ImportStatus.UNREADABLE
    assertContains(response, "This file cannot be imported.")
    assertContains(response, "The header row could not be split into columns")


def test_oversize_upload_is_refused_before_csrf_reads_the_body(staff):
    # The CSRF middleware would read the body to find its token: a test client that enforces
    # CSRF, with a declared length far beyond the few bytes sent, fails if anything reads it.
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)

    response = client.post(
        upload_page(),
        {"kind": "hospitals", "file": SimpleUploadedFile("hospitals.csv", b"Facility ID\n")},
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )

    assert response.status_code == 413
    assert ImportJob.objects.count() == 0


def test_upload_without_a_csrf_token_is_still_refused(staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    content = csv_bytes([HOSPITAL_HEADER, *hospital_rows(1)])

    response = client.post(
        upload_page(), {"kind": "hospitals", "file": SimpleUploadedFile("hospitals.csv", content)}
    )

    assert response.status_code == 403
    assert ImportJob.objects.count() == 0


def test_upload_without_a_file_shows_the_field_error(client, staff):
    client.force_login(staff)

    response = client.post(upload_page(), {"kind": "hospitals"})

    assertContains(response, "This field is required.", status_code=400)
    assert ImportJob.objects.count() == 0
