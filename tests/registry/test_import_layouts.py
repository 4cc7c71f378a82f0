"""The import layouts beyond CMS's files: physicians, health systems, other organizations and
social media accounts, each through the services as staff run them; the history imports
write; the staff pages of an import; and memory that stays bounded on a long file."""

import csv
import io
import tracemalloc
from datetime import date, timedelta

import pytest
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from socialrx.core.identifiers import npi_check_digit_ok
from socialrx.core.models import AuditEvent
from socialrx.registry.importing import runner
from socialrx.registry.models import (
    Account,
    Entity,
    EntityKind,
    ImportJob,
    ImportPhase,
    ImportStatus,
    OrganizationCategory,
)
from socialrx.registry.services import imports
from tests.registry.factories import AccountFactory, EntityFactory

pytestmark = pytest.mark.integration


def csv_bytes(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def counts(created=0, updated=0, unchanged=0, rejected=0) -> dict[str, int]:
    return {"created": created, "updated": updated, "unchanged": unchanged, "rejected": rejected}


def rejected(job: ImportJob) -> list[tuple[int, str, str]]:
    """The rejected rows of the job's last phase: the import's once done, else the preview's."""
    phase = ImportPhase.IMPORT if job.status == ImportStatus.DONE else ImportPhase.PREVIEW
    return list(job.row_errors.filter(phase=phase).values_list("row_number", "key", "message"))


def valid_npi(number: int) -> str:
    """The NPI whose first nine digits are 1 and `number`, with its Luhn check digit."""
    stem = f"1{number:08d}"
    return next(stem + str(digit) for digit in range(10) if npi_check_digit_ok(stem + str(digit)))


@pytest.fixture
def upload(staff, tmp_path, django_capture_on_commit_callbacks):
    """Write rows to a CSV file and upload it; its preview task runs on commit."""

    def upload(kind: str, rows: list[list[object]], name: str = "upload.csv") -> ImportJob:
        path = tmp_path / name
        path.write_bytes(csv_bytes(rows))
        with path.open("rb") as handle, django_capture_on_commit_callbacks(execute=True):
            job = imports.upload_import(
                actor=staff, kind=kind, uploaded_file=File(handle, name=name)
            )
        job.refresh_from_db()
        return job

    return upload


@pytest.fixture
def import_rows(upload, staff, django_capture_on_commit_callbacks):
    """Upload, preview and import rows. Returns the finished job."""

    def import_rows(kind: str, rows: list[list[object]]) -> ImportJob:
        job = upload(kind, rows)
        assert job.status == ImportStatus.READY, job.problem
        with django_capture_on_commit_callbacks(execute=True):
            imports.start_import(actor=staff, job=job)
        job.refresh_from_db()
        assert job.status == ImportStatus.DONE, job.problem
        return job

    return import_rows


# --- physicians ------------------------------------------------------------------------------


def test_physicians_with_first_and_last_names_link_to_known_hospitals(import_rows, upload):
    hospital = EntityFactory(ccn="240010")
    rows = [
        ["NPI", "First Name", "Last Name", "Credential", "Primary Specialty", "Hospital CCN"],
        ["1234567893", "Ada", "Okafor", "MD", "Cardiology", "240010"],
        [valid_npi(2), "Luis", "Ferreira", "DO", "Family Medicine", ""],
        [valid_npi(3), "Mina", "Park", "MD", "Oncology", "999999"],
        ["1234567890", "Typo", "Doctor", "MD", "Oncology", ""],
    ]

    job = import_rows("physicians", rows)

    assert job.result_counts == counts(created=2, rejected=2)
    assert [(number, message) for number, _, message in rejected(job)] == [
        (4, "Hospital CCN 999999 is not in the registry."),
        (5, "NPI 1234567890 fails the NPI check digit: it is mistyped."),
    ]
    ada = Entity.objects.get(npi="1234567893")
    assert (ada.kind, ada.name, ada.credential, ada.specialty) == (
        EntityKind.PHYSICIAN,
        "Ada Okafor",
        "MD",
        "Cardiology",
    )
    assert ada.affiliated_hospital == hospital
    assert Entity.objects.get(npi=valid_npi(2)).affiliated_hospital is None

    assert upload("physicians", rows).preview_counts == counts(unchanged=2, rejected=2)


def test_physician_file_without_names_is_unreadable(upload):
    job = upload("physicians", [["NPI", "Specialty"], ["1234567893", "Cardiology"]])

    assert (job.status, job.problem) == (
        ImportStatus.UNREADABLE,
        "This file has no physician names: add a “Name” column, or “First Name” and “Last "
        "Name” columns.",
    )


def test_physician_row_with_an_empty_name_is_rejected(upload):
    job = upload("physicians", [["NPI", "Name"], ["1234567893", ""], [valid_npi(5), "Dr Who"]])

    assert job.preview_counts == counts(created=1, rejected=1)
    assert rejected(job) == [(2, "", "The physician's name is empty.")]


# --- health systems --------------------------------------------------------------------------

AHRQ_HEADER = ["health_sys_id", "health_sys_name", "health_sys_city", "health_sys_state", "ccn"]


def test_health_systems_are_created_once_and_their_hospitals_linked(import_rows, upload):
    for ccn in ("240010", "240020", "240030"):
        EntityFactory(ccn=ccn)
    rows = [
        AHRQ_HEADER,
        ["HSI00000001", "Mayo Clinic Health System", "Rochester", "MN", "240010"],
        ["HSI00000001", "Mayo Clinic Health System", "Rochester", "MN", "240020"],
        ["HSI00000002", "Essentia Health", "Duluth", "MN", "240030"],
        ["HSI00000002", "Essentia Health", "Duluth", "MN", "999999"],
        ["HSI00000003", "Sanford Health", "Sioux Falls", "SD", ""],
    ]

    job = import_rows("health_systems", rows)

    assert job.result_counts == counts(created=3, updated=1, rejected=1)
    assert rejected(job) == [
        (5, "System HSI00000002, CCN 999999", "Hospital CCN 999999 is not in the registry.")
    ]
    systems = Entity.objects.filter(kind=EntityKind.HEALTH_SYSTEM).order_by("external_id")
    assert [(s.external_id, s.name, s.city, s.state) for s in systems] == [
        ("HSI00000001", "Mayo Clinic Health System", "Rochester", "MN"),
        ("HSI00000002", "Essentia Health", "Duluth", "MN"),
        ("HSI00000003", "Sanford Health", "Sioux Falls", "SD"),
    ]
    linked = Entity.objects.filter(kind=EntityKind.HOSPITAL).order_by("ccn")
    assert [(h.ccn, h.health_system.external_id) for h in linked] == [
        ("240010", "HSI00000001"),
        ("240020", "HSI00000001"),
        ("240030", "HSI00000002"),
    ]

    assert upload("health_systems", rows).preview_counts == counts(unchanged=4, rejected=1)


def test_hospital_moved_to_another_system_is_relinked(import_rows):
    EntityFactory(ccn="240010")
    import_rows("health_systems", [AHRQ_HEADER, ["HSI1", "North Health", "Duluth", "MN", "240010"]])

    job = import_rows(
        "health_systems", [AHRQ_HEADER, ["HSI2", "South Health", "Albert Lea", "MN", "240010"]]
    )

    assert job.result_counts == counts(created=1)
    assert Entity.objects.get(ccn="240010").health_system.external_id == "HSI2"


# --- other health organizations --------------------------------------------------------------

ORGANIZATION_HEADER = ["Name", "Category", "City", "State", "Country", "Website"]


def test_organizations_are_keyed_by_name_city_and_country(import_rows, upload):
    rows = [
        ORGANIZATION_HEADER,
        ["Hôpital Sainte-Justine", "Hospital outside the US", "Montréal", "QC", "CA", ""],
        ["Children's Clinic", "clinic", "Rochester", "MN", "USA", "childrensclinic.example.org"],
        ["Children's Clinic", "clinic", "Duluth", "MN", "", ""],
        ["CHILDREN'S CLINIC", "clinic", "ROCHESTER", "MN", "US", ""],
        ["Royal Infirmary", "", "Edinburgh", "", "United Kingdom", ""],
    ]

    job = import_rows("organizations", rows)

    assert job.result_counts == counts(created=3, rejected=2)
    assert [(number, message) for number, _, message in rejected(job)] == [
        (5, "CHILDREN'S CLINIC (ROCHESTER) appears on an earlier row of this file."),
        (6, "Country “United Kingdom” is not a two-letter country code (e.g. CA, GB)."),
    ]
    montreal = Entity.objects.get(name="Hôpital Sainte-Justine")
    assert (montreal.kind, montreal.category, montreal.country, montreal.state) == (
        EntityKind.ORGANIZATION,
        OrganizationCategory.NON_US_HOSPITAL,
        "CA",
        "",
    )
    assert montreal.county == "QC"
    rochester = Entity.objects.get(name="Children's Clinic", city="Rochester")
    assert (rochester.country, rochester.state, rochester.website) == (
        "US",
        "MN",
        "https://childrensclinic.example.org",
    )

    assert upload("organizations", rows).preview_counts == counts(unchanged=3, rejected=2)


def test_organization_names_in_capitals_with_accents_are_found_again(import_rows, upload):
    rows = [
        ORGANIZATION_HEADER,
        ["CENTRE HOSPITALIER DE L'UNIVERSITÉ DE MONTRÉAL", "", "MONTRÉAL", "QC", "CA", ""],
    ]
    import_rows("organizations", rows)

    again = upload("organizations", rows)

    assert again.preview_counts == counts(unchanged=1)
    assert Entity.objects.filter(kind=EntityKind.ORGANIZATION).count() == 1


def test_us_organization_without_a_state_is_rejected(upload):
    job = upload("organizations", [ORGANIZATION_HEADER, ["Clinic", "", "Rochester", "", "", ""]])

    assert rejected(job) == [(2, "", "State is empty.")]


# --- accounts --------------------------------------------------------------------------------

ACCOUNT_HEADER = ["CCN", "Platform", "URL", "Followers", "Checked On"]


def test_three_spellings_of_one_account_on_one_day_are_one_account(import_rows):
    EntityFactory(ccn="240010", name="MAYO CLINIC HOSPITAL")
    rows = [
        ACCOUNT_HEADER,
        ["240010", "X", "@MayoClinic", "2000000", "2024-06-30"],
        ["240010", "", "twitter.com/mayoclinic", "2000000", "2024-06-30"],
        ["240010", "", "x.com/MayoClinic/", "2000000", "2024-06-30"],
    ]

    job = import_rows("accounts", rows)

    assert job.result_counts == counts(created=1, rejected=2)
    assert rejected(job) == [
        (
            3,
            "X (Twitter) @mayoclinic",
            "X (Twitter) @mayoclinic appears on an earlier row of this file.",
        ),
        (
            4,
            "X (Twitter) @MayoClinic",
            "X (Twitter) @MayoClinic appears on an earlier row of this file.",
        ),
    ]
    account = Account.objects.get()
    assert (account.platform, account.key, account.url, account.followers) == (
        "x",
        "mayoclinic",
        "https://x.com/MayoClinic",
        2000000,
    )
    assert (account.first_listed, account.last_checked) == (date(2024, 6, 30), date(2024, 6, 30))


def test_rows_on_several_dates_load_snapshots_and_the_newest_count(import_rows):
    EntityFactory(ccn="240010")
    rows = [
        ACCOUNT_HEADER,
        ["240010", "Facebook", "facebook.com/mayoclinic", "1500", "2024-06-30"],
        ["240010", "Facebook", "facebook.com/mayoclinic", "1000", "2023-06-30"],
        ["240010", "Facebook", "facebook.com/mayoclinic", "1200", "2023-12-31"],
    ]

    job = import_rows("accounts", rows)

    assert job.result_counts == counts(created=1, updated=2)
    account = Account.objects.get()
    assert list(account.snapshots.values_list("taken_on", "followers")) == [
        (date(2023, 6, 30), 1000),
        (date(2023, 12, 31), 1200),
        (date(2024, 6, 30), 1500),
    ]
    assert (account.followers, account.last_checked) == (1500, date(2024, 6, 30))
    assert account.first_listed == date(2023, 6, 30)


def test_followers_change_only_when_the_date_is_the_newest(import_rows):
    account = AccountFactory(
        entity=EntityFactory(ccn="240010"),
        platform="facebook",
        address="facebook.com/mayoclinic",
        followers=5000,
        first_listed=date(2020, 1, 1),
        last_checked=date(2024, 6, 30),
    )

    older = import_rows(
        "accounts", [ACCOUNT_HEADER, ["240010", "", "facebook.com/mayoclinic", "100", "2022-01-01"]]
    )
    account.refresh_from_db()
    assert older.result_counts == counts(updated=1)
    assert (account.followers, account.last_checked) == (5000, date(2024, 6, 30))

    newer = import_rows(
        "accounts",
        [ACCOUNT_HEADER, ["240010", "", "facebook.com/mayoclinic", "6000", "2024-12-31"]],
    )
    account.refresh_from_db()
    assert newer.result_counts == counts(updated=1)
    assert (account.followers, account.last_checked) == (6000, date(2024, 12, 31))
    assert list(account.snapshots.values_list("taken_on", "followers")) == [
        (date(2022, 1, 1), 100),
        (date(2024, 12, 31), 6000),
    ]


def test_account_listed_for_another_hospital_is_rejected(import_rows):
    AccountFactory(
        entity=EntityFactory(ccn="240010", name="SAINT MARYS HOSPITAL"),
        platform="facebook",
        address="facebook.com/mayoclinic",
    )
    EntityFactory(ccn="240020")
    rows = [
        ACCOUNT_HEADER,
        ["240020", "", "https://www.facebook.com/MayoClinic", "10", "2024-06-30"],
        ["240020", "", "https://www.youtube.com/@mayoclinic", "10", "2024-06-30"],
    ]

    job = import_rows("accounts", rows)

    assert job.result_counts == counts(created=1, rejected=1)
    assert rejected(job) == [
        (
            2,
            "Facebook MayoClinic",
            "This account is already listed for Saint Marys Hospital.",
        )
    ]
    assert Account.objects.get(platform="facebook").entity.ccn == "240010"


def test_a_removed_account_in_a_file_is_listed_anew_and_its_old_listing_kept(import_rows):
    old = AccountFactory(
        entity=EntityFactory(ccn="240010"),
        platform="x",
        address="@MayoClinic",
        first_listed=date(2015, 1, 1),
        removed_on=date(2020, 1, 1),
    )
    EntityFactory(ccn="240020")

    job = import_rows(
        "accounts", [ACCOUNT_HEADER, ["240020", "x", "@MayoClinic", "90", "2024-06-30"]]
    )

    assert job.result_counts == counts(created=1)
    old.refresh_from_db()
    assert (old.entity.ccn, old.first_listed, old.removed_on) == (
        "240010",
        date(2015, 1, 1),
        date(2020, 1, 1),
    )
    new = Account.objects.get(removed_on__isnull=True)
    assert (new.entity.ccn, new.first_listed, new.followers) == ("240020", date(2024, 6, 30), 90)


def test_an_address_too_long_to_store_is_rejected_by_row_in_the_preview(upload):
    EntityFactory(ccn="240010")
    long_url = "https://blog.example.org/" + "a" * 470
    rows = [
        ACCOUNT_HEADER,
        ["240010", "blog", long_url, "", ""],
        ["240010", "x", "@MayoClinic", "10", "2024-06-30"],
    ]

    job = upload("accounts", rows)

    assert (job.status, job.preview_counts) == (ImportStatus.READY, counts(created=1, rejected=1))
    assert rejected(job)[0][2] == "This address is too long to be an account's address."


def test_account_of_an_unknown_hospital_is_rejected(upload):
    job = upload("accounts", [ACCOUNT_HEADER, ["240099", "", "facebook.com/nowhere", "", ""]])

    assert [(number, message) for number, _, message in rejected(job)] == [
        (2, "No hospital with CCN 240099 in the registry.")
    ]


def test_account_counted_in_the_future_is_rejected(upload):
    EntityFactory(ccn="240010")
    tomorrow = timezone.localdate() + timedelta(days=1)

    job = upload(
        "accounts",
        [ACCOUNT_HEADER, ["240010", "", "facebook.com/mayoclinic", "10", tomorrow.isoformat()]],
    )

    assert rejected(job) == [(2, "", f"Checked on {tomorrow:%Y-%m-%d} is in the future.")]


# --- history ---------------------------------------------------------------------------------


def test_imports_write_entity_history_naming_the_job(import_rows, staff):
    created = import_rows(
        "hospitals",
        [["Facility ID", "Facility Name", "City/Town", "State"], ["240010", "ST MARYS", "X", "MN"]],
    )
    updated = import_rows(
        "hospitals",
        [["Facility ID", "Facility Name", "City/Town", "State"], ["240010", "ST MARY", "X", "MN"]],
    )
    added = import_rows("accounts", [["CCN", "URL"], ["240010", "facebook.com/stmarys"]])
    hospital = Entity.objects.get(ccn="240010")

    events = AuditEvent.objects.filter(target_type="registry.entity").order_by("id")

    assert [(e.action, e.target_id, e.actor, e.after["via"]) for e in events] == [
        ("registry.entity.created", str(hospital.pk), staff, f"import:{created.public_id}"),
        ("registry.entity.updated", str(hospital.pk), staff, f"import:{updated.public_id}"),
        ("registry.account.added", str(hospital.pk), staff, f"import:{added.public_id}"),
    ]
    assert events[1].before == {"name": "ST MARYS"}
    assert events[1].after == {"name": "ST MARY", "via": f"import:{updated.public_id}"}


def test_preview_writes_no_history_and_no_entities(upload):
    upload(
        "hospitals",
        [["Facility ID", "Facility Name", "City/Town", "State"], ["240010", "A", "B", "MN"]],
    )

    assert Entity.objects.count() == 0
    assert AuditEvent.objects.filter(target_type="registry.entity").count() == 0


# --- the staff pages -------------------------------------------------------------------------


def test_upload_page_shows_the_form_and_recent_imports(client, staff, upload):
    upload(
        "hospitals",
        [["Facility ID", "Facility Name", "City/Town", "State"], ["240010", "A", "B", "MN"]],
        name="march.csv",
    )
    client.force_login(staff)

    response = client.get(reverse("registry:staff_imports"))

    assertContains(response, "Upload a file")
    assertContains(response, 'name="file"')
    assertContains(response, "march.csv")


def test_upload_through_the_page_previews_and_shows_rejected_rows(
    client, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    content = csv_bytes(
        [
            ["Facility ID", "Facility Name", "City/Town", "State"],
            ["240010", "SAINT MARYS HOSPITAL", "ROCHESTER", "MN"],
            ["24-01", "BROKEN", "ROCHESTER", "MN"],
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(
            reverse("registry:staff_imports"),
            {"kind": "hospitals", "file": SimpleUploadedFile("march.csv", content)},
        )
    job = ImportJob.objects.get()
    assert posted["Location"] == reverse("registry:staff_import", args=[job.public_id])

    response = client.get(posted["Location"])

    assert (job.status, job.preview_counts) == (ImportStatus.READY, counts(created=1, rejected=1))
    assertContains(response, "Preview: what the import will do")
    assertContains(response, "Import 1 row")
    assertContains(
        response,
        "CCN “24-01” is not a CMS certification number (6 characters, e.g. 240010).",
        html=False,
    )


def test_progress_partial_says_the_status(client, staff, upload):
    job = upload(
        "hospitals",
        [["Facility ID", "Facility Name", "City/Town", "State"], ["240010", "A", "B", "MN"]],
    )
    client.force_login(staff)

    response = client.get(reverse("registry:staff_import_progress", args=[job.public_id]))

    assert response.status_code == 200
    assertContains(response, "<strong>Ready to import.</strong>", html=True)


def test_progress_partial_asks_htmx_to_refresh_when_the_job_is_finished(client, staff, upload):
    job = upload(
        "hospitals",
        [["Facility ID", "Facility Name", "City/Town", "State"], ["240010", "A", "B", "MN"]],
    )
    client.force_login(staff)

    response = client.get(
        reverse("registry:staff_import_progress", args=[job.public_id]),
        headers={"HX-Request": "true"},
    )

    assert response["HX-Refresh"] == "true"


def test_start_imports_the_file_and_says_so(
    client, staff, upload, django_capture_on_commit_callbacks
):
    job = upload(
        "hospitals",
        [["Facility ID", "Facility Name", "City/Town", "State"], ["240010", "A", "B", "MN"]],
        name="march.csv",
    )
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registry:staff_import_start", args=[job.public_id]))
    page = client.get(response["Location"])

    job.refresh_from_db()
    assert (job.status, job.result_counts) == (ImportStatus.DONE, counts(created=1))
    assert Entity.objects.get().ccn == "240010"
    assertContains(page, "What the import did")


def test_start_of_a_file_with_nothing_to_change_says_why(client, staff, upload, import_rows):
    rows = [["Facility ID", "Facility Name", "City/Town", "State"], ["240010", "A", "B", "MN"]]
    import_rows("hospitals", rows)
    job = upload("hospitals", rows)
    client.force_login(staff)

    response = client.post(
        reverse("registry:staff_import_start", args=[job.public_id]), follow=True
    )

    assertContains(response, "The preview found nothing to create or update in this file.")
    job.refresh_from_db()
    assert job.status == ImportStatus.READY


def test_start_is_refused_to_a_member_who_is_not_staff(client, upload, org_a):
    job = upload(
        "hospitals",
        [["Facility ID", "Facility Name", "City/Town", "State"], ["240010", "A", "B", "MN"]],
    )
    _, admin, _ = org_a
    client.force_login(admin)

    response = client.post(reverse("registry:staff_import_start", args=[job.public_id]))

    assert response.status_code == 403
    job.refresh_from_db()
    assert job.status == ImportStatus.READY
    assert Entity.objects.count() == 0


def test_job_page_of_an_unknown_import_is_404(client, staff):
    client.force_login(staff)

    response = client.get(
        reverse("registry:staff_import", args=["00000000-0000-0000-0000-000000000000"])
    )

    assert response.status_code == 404


# --- memory ----------------------------------------------------------------------------------

MEMORY_ROWS = 60_000
# Holding this file's rows takes about 44 MB, and their parsed records 29 MB more; reading it
# in batches peaks near 6 MB. The bound sits well between the two.
MEMORY_BOUND = 24 * 1024 * 1024


@pytest.mark.slow
@pytest.mark.django_db
def test_long_file_is_previewed_in_bounded_memory(tmp_path):
    # Slow by design (about 10 s, mostly tracemalloc's bookkeeping): only a file far longer
    # than one batch of 1,000 rows shows that memory does not grow with the file. A dry run,
    # as the preview does it: every row is read, parsed, de-duplicated and compared.
    path = tmp_path / "physicians.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["NPI", "First Name", "Last Name"])
        for number in range(MEMORY_ROWS):
            writer.writerow([valid_npi(number), "Jordan", f"Whitfield {number}"])
    layout, table = runner.open_import_file(path, "physicians", "physicians.csv")
    context = runner.context_for(actor=None, dry_run=True, source="Test", via="test")

    tracemalloc.start()
    try:
        outcome = runner.run(table, layout, context)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert outcome.as_counts() == counts(created=MEMORY_ROWS)
    assert peak < MEMORY_BOUND
    assert Entity.objects.count() == 0
