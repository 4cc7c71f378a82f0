"""Entity imports written two ways: row by row through the ORM (`EntityLayout.process`, the
only way on SQLite) and, on PostgreSQL, through the staging table (COPY, then set-based
statements). The same file gives the same counts, the same entities with the same derived
columns, and the same history either way; the expected values are written out by hand.

On PostgreSQL, a row the database refuses stops the whole import, names the row, and leaves
nothing of the file behind."""

import csv
import io

import pytest
from django.core.files import File

from socialrx.core.errors import DomainError
from socialrx.core.identifiers import npi_check_digit_ok
from socialrx.core.models import AuditEvent
from socialrx.registry.importing import bulk, runner
from socialrx.registry.importing.layouts.entities import text_reader
from socialrx.registry.importing.layouts.hospitals import HospitalLayout
from socialrx.registry.importing.layouts.physicians import PhysicianLayout
from socialrx.registry.models import Entity, EntityKind, ImportJob, ImportPhase, ImportStatus
from socialrx.registry.services import imports
from tests.concurrency import require_postgres
from tests.registry.factories import EntityFactory, PhysicianFactory

pytestmark = pytest.mark.integration


def csv_bytes(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def counts(created=0, updated=0, unchanged=0, rejected=0) -> dict[str, int]:
    return {"created": created, "updated": updated, "unchanged": unchanged, "rejected": rejected}


def counted(stored: dict) -> dict[str, int]:
    return {name: value for name, value in stored.items() if not name.startswith("ignored_")}


def valid_npi(number: int) -> str:
    stem = f"1{number:08d}"
    return next(stem + str(digit) for digit in range(10) if npi_check_digit_ok(stem + str(digit)))


@pytest.fixture(params=["rows", pytest.param("bulk", marks=pytest.mark.postgres)])
def write_path(request, monkeypatch):
    """`rows`: the ORM's row-by-row path, on either database. `bulk`: PostgreSQL's."""
    if request.param == "bulk":
        require_postgres("the COPY import path tests")
    else:
        monkeypatch.setattr(runner, "open_bulk", lambda layout, context: None)
    return request.param


@pytest.fixture
def upload(staff, tmp_path, django_capture_on_commit_callbacks):
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
def start(staff, django_capture_on_commit_callbacks):
    def start(job: ImportJob) -> ImportJob:
        with django_capture_on_commit_callbacks(execute=True):
            imports.start_import(actor=staff, job=job)
        job.refresh_from_db()
        return job

    return start


def history() -> list[tuple]:
    events = AuditEvent.objects.filter(target_type="registry.entity").order_by("id")
    return [
        (e.action, e.target_id, e.target_repr, e.actor_id, e.actor_email, e.before, e.after)
        for e in events
    ]


# --- hospitals -------------------------------------------------------------------------------

HOSPITAL_ROWS = [
    ["Facility ID", "Facility Name", "City/Town", "State", "Hospital Type", "Hospital Ownership",
     "Beds", "Counted on"],
    ["240010", "MAYO CLINIC HOSPITAL ROCHESTER", "ROCHESTER", "MN", "Acute Care Hospitals",
     "Government - State", "350", "2024-06-30"],
    ["240020", "ST CLOUD HOSPITAL", "ST CLOUD", "MN", "Acute Care Hospitals",
     "Voluntary non-profit - Private", "", "2024-06-30"],
    ["240030", "ELY BLOOMENSON COMMUNITY HOSPITAL", "ELY", "MN", "Critical Access Hospitals",
     "Voluntary non-profit - Church", "", "2024-06-30"],
    ["450040", "AUSTIN MEDICAL CENTER", "AUSTIN", "TX", "Acute Care Hospitals", "Proprietary",
     "120", "2024-06-30"],
    ["24-0050", "BROKEN", "ELY", "MN", "", "", "", ""],
    ["240030", "ELY AGAIN", "ELY", "MN", "", "", "", ""],
]  # fmt: skip


def test_hospitals_file_gives_the_same_counts_entities_and_history_on_either_path(
    write_path, upload, start, staff
):
    mayo = EntityFactory(
        ccn="240010", name="MAYO CLINIC HOSPITAL", city="ROCHESTER", state="MN",
        hospital_type="Acute Care Hospitals", ownership="Voluntary non-profit - Private",
        bed_count=80, bed_count_is_generated=True, emergency_services=True, star_rating=4,
    )  # fmt: skip
    EntityFactory(
        ccn="240020", name="ST CLOUD HOSPITAL", city="ST CLOUD", state="MN",
        hospital_type="Acute Care Hospitals", ownership="Voluntary non-profit - Private",
        bed_count=None, bed_count_is_generated=False,
    )  # fmt: skip

    job = upload("hospitals", HOSPITAL_ROWS, name="hospitals.csv")

    assert job.preview_counts == {
        **counts(created=2, updated=1, unchanged=1, rejected=2),
        "ignored_columns": ["Counted on"],
        "ignored_column_count": 1,
    }
    assert Entity.objects.count() == 2
    assert history() == []

    job = start(job)

    assert (job.status, job.result_counts) == (
        ImportStatus.DONE,
        counts(created=2, updated=1, unchanged=1, rejected=2),
    )
    errors = job.row_errors.filter(phase=ImportPhase.IMPORT)
    assert list(errors.values_list("row_number", "key", "message")) == [
        (6, "", "CCN “24-0050” is not a CMS certification number (6 characters, e.g. 240010)."),
        (7, "CCN 240030", "CCN 240030 appears on an earlier row of this file."),
    ]
    columns = ["ccn", "name", "city", "state", "country", "hospital_type", "ownership",
               "bed_count", "bed_count_is_generated", "emergency_services", "star_rating",
               "region", "ownership_group", "size_band", "has_account", "source"]  # fmt: skip
    source = f"Import of hospitals.csv ({job.created_at:%Y-%m-%d})"
    assert list(Entity.objects.order_by("ccn").values_list(*columns)) == [
        ("240010", "MAYO CLINIC HOSPITAL ROCHESTER", "ROCHESTER", "MN", "US",
         "Acute Care Hospitals", "Government - State", 350, False, True, 4,
         "midwest", "public", "large", False, "Test"),
        ("240020", "ST CLOUD HOSPITAL", "ST CLOUD", "MN", "US",
         "Acute Care Hospitals", "Voluntary non-profit - Private", None, False, True, 4,
         "midwest", "nonprofit", "", False, "Test"),
        ("240030", "ELY BLOOMENSON COMMUNITY HOSPITAL", "ELY", "MN", "US",
         "Critical Access Hospitals", "Voluntary non-profit - Church", None, False, None, None,
         "midwest", "nonprofit", "small", False, source),
        ("450040", "AUSTIN MEDICAL CENTER", "AUSTIN", "TX", "US",
         "Acute Care Hospitals", "Proprietary", 120, False, None, None,
         "south", "for_profit", "medium", False, source),
    ]  # fmt: skip
    ely, austin = Entity.objects.get(ccn="240030"), Entity.objects.get(ccn="450040")
    via = f"import:{job.public_id}"
    assert history() == [
        ("registry.entity.updated", str(mayo.pk), "MAYO CLINIC HOSPITAL ROCHESTER", staff.pk,
         staff.email,
         {"name": "MAYO CLINIC HOSPITAL", "ownership": "Voluntary non-profit - Private",
          "bed_count": 80, "bed_count_is_generated": True},
         {"name": "MAYO CLINIC HOSPITAL ROCHESTER", "ownership": "Government - State",
          "bed_count": 350, "bed_count_is_generated": False, "via": via}),
        ("registry.entity.created", str(ely.pk), "ELY BLOOMENSON COMMUNITY HOSPITAL", staff.pk,
         staff.email, {},
         {"name": "ELY BLOOMENSON COMMUNITY HOSPITAL", "kind": "hospital", "key": "240030",
          "via": via}),
        ("registry.entity.created", str(austin.pk), "AUSTIN MEDICAL CENTER", staff.pk,
         staff.email, {},
         {"name": "AUSTIN MEDICAL CENTER", "kind": "hospital", "key": "450040", "via": via}),
    ]  # fmt: skip


def test_the_same_hospitals_file_imported_again_changes_nothing(write_path, upload, start, staff):
    start(upload("hospitals", HOSPITAL_ROWS))
    events = len(history())

    again = upload("hospitals", HOSPITAL_ROWS)

    assert counted(again.preview_counts) == counts(unchanged=4, rejected=2)
    with pytest.raises(DomainError):
        imports.start_import(actor=staff, job=again)
    assert len(history()) == events == 4


# --- physicians ------------------------------------------------------------------------------

PHYSICIAN_HEADER = ["NPI", "First Name", "Last Name", "Credential", "Specialty", "City", "State",
                    "ZIP", "Hospital CCN"]  # fmt: skip


def test_physicians_file_gives_the_same_counts_entities_and_history_on_either_path(
    write_path, upload, start, staff
):
    hospital = EntityFactory(ccn="240010")
    okafor = PhysicianFactory(npi=valid_npi(1), name="Ada Okafor", credential="MD",
                              specialty="Cardiology", city="ROCHESTER", state="MN",
                              postal_code="55902")  # fmt: skip
    rows = [
        PHYSICIAN_HEADER,
        [valid_npi(1), "Ada", "Okafor", "MD, PhD", "Cardiology", "ROCHESTER", "MN", "55902",
         "240010"],
        [valid_npi(2), "Luis", "Ferreira", "DO", "Family Medicine", "AUSTIN", "TX", "78701", ""],
        [valid_npi(3), "Mina", "Park", "MD", "Oncology", "DULUTH", "MN", "55802", "999999"],
        [valid_npi(4), "Sam", "Reyes", "", "", "", "", "", ""],
    ]  # fmt: skip

    job = start(upload("physicians", rows))

    assert counted(job.preview_counts) == counts(created=2, updated=1, rejected=1)
    assert job.result_counts == counts(created=2, updated=1, rejected=1)
    columns = ["npi", "kind", "name", "credential", "specialty", "city", "state",
               "postal_code", "affiliated_hospital", "region", "ownership_group", "size_band",
               "country"]  # fmt: skip
    assert list(Entity.objects.filter(kind=EntityKind.PHYSICIAN).order_by("npi").values_list(
        *columns
    )) == [
        (valid_npi(1), "physician", "Ada Okafor", "MD, PhD", "Cardiology", "ROCHESTER", "MN",
         "55902", hospital.pk, "midwest", "", "", "US"),
        (valid_npi(2), "physician", "Luis Ferreira", "DO", "Family Medicine", "AUSTIN", "TX",
         "78701", None, "south", "", "", "US"),
        (valid_npi(4), "physician", "Sam Reyes", "", "", "", "", "", None, "", "", "", "US"),
    ]  # fmt: skip
    ferreira, reyes = Entity.objects.get(npi=valid_npi(2)), Entity.objects.get(npi=valid_npi(4))
    via = f"import:{job.public_id}"
    assert history() == [
        ("registry.entity.updated", str(okafor.pk), "Ada Okafor", staff.pk, staff.email,
         {"credential": "MD", "affiliated_hospital_id": None},
         {"credential": "MD, PhD", "affiliated_hospital_id": hospital.pk, "via": via}),
        ("registry.entity.created", str(ferreira.pk), "Luis Ferreira", staff.pk, staff.email, {},
         {"name": "Luis Ferreira", "kind": "physician", "key": valid_npi(2), "via": via}),
        ("registry.entity.created", str(reyes.pk), "Sam Reyes", staff.pk, staff.email, {},
         {"name": "Sam Reyes", "kind": "physician", "key": valid_npi(4), "via": via}),
    ]  # fmt: skip


# --- rows the database refuses (PostgreSQL) ------------------------------------------------


@pytest.fixture
def small_flushes(monkeypatch):
    """Batches of two rows, written as they come: a refused row lies past rows already
    written (and then rolled back)."""
    require_postgres("the COPY import path tests")
    monkeypatch.setattr(runner, "BATCH_SIZE", 2)
    monkeypatch.setattr(bulk, "FLUSH_ROWS", 2)


@pytest.mark.postgres
def test_a_row_the_database_refuses_rolls_the_whole_import_back_and_is_named(
    small_flushes, upload, start
):
    taken = valid_npi(6)
    # Another kind of entity already holds this NPI: the file is valid, the database refuses
    # a second entity with it (NPIs are unique across the registry).
    EntityFactory(kind=EntityKind.ORGANIZATION, ccn="", npi=taken, name="NPI HOLDER")
    rows = [PHYSICIAN_HEADER] + [
        [valid_npi(n), "Jordan", f"Whitfield {n}", "MD", "", "", "MN", "", ""] for n in range(1, 8)
    ]

    job = upload("physicians", rows)
    assert counted(job.preview_counts) == counts(created=7)
    job = start(job)

    assert job.status == ImportStatus.FAILED
    assert job.problem == (
        f"The import stopped at row 7 (NPI {taken}): the database refused it (duplicate key "
        'value violates unique constraint "registry_entity_unique_npi": Key (npi)='
        f"({taken}) already exists). Nothing from this file was imported."
    )
    assert list(Entity.objects.values_list("name", flat=True)) == ["NPI HOLDER"]
    assert history() == []
    assert job.result_counts == {}


@pytest.mark.postgres
def test_a_value_too_long_for_its_column_is_named_by_its_row(
    small_flushes, upload, start, monkeypatch
):
    # A reader laxer than the column (as a future layout might be): the INSERT refuses the row.
    lax = ("name", text_reader("Facility name", required=True, max_length=1000))
    monkeypatch.setitem(HospitalLayout.readers, "name", lax)
    rows = [["Facility ID", "Facility Name", "City/Town", "State"]] + [
        [f"24{n:04d}", "N" * (301 if n == 4 else 10), "ELY", "MN"] for n in range(1, 6)
    ]

    job = start(upload("hospitals", rows))

    assert (job.status, job.problem) == (
        ImportStatus.FAILED,
        "The import stopped at row 5 (CCN 240004): the database refused it (value too long for "
        "type character varying(300)). Nothing from this file was imported.",
    )
    assert Entity.objects.count() == 0


@pytest.mark.postgres
def test_a_value_the_staging_table_refuses_is_named_by_its_row(upload, start, monkeypatch):
    require_postgres("the COPY import path tests")
    monkeypatch.setitem(HospitalLayout.readers, "bed_count", ("bed_count", int))
    rows = [
        ["Facility ID", "Facility Name", "City/Town", "State", "Beds"],
        ["240001", "ONE", "ELY", "MN", "10"],
        ["240002", "TWO", "ELY", "MN", "99999999999"],
    ]

    job = start(upload("hospitals", rows))

    assert (job.status, job.problem) == (
        ImportStatus.FAILED,
        "The import stopped at row 3 (CCN 240002): the database refused it (value "
        '"99999999999" is out of range for type integer). Nothing from this file was imported.',
    )
    assert Entity.objects.count() == 0


@pytest.mark.postgres
def test_a_row_whose_hospital_is_gone_by_the_time_it_is_written_is_named(
    upload, start, monkeypatch
):
    require_postgres("the COPY import path tests")
    hospital = EntityFactory(ccn="240010")
    real_resolve = PhysicianLayout.resolve

    def resolve_then_lose_the_hospital(self, batch, result):
        kept = real_resolve(self, batch, result)
        Entity.objects.filter(pk=hospital.pk).delete()  # as if deleted meanwhile
        return kept

    rows = [
        PHYSICIAN_HEADER,
        [valid_npi(1), "Ada", "Okafor", "MD", "", "", "MN", "", ""],
        [valid_npi(2), "Luis", "Ferreira", "DO", "", "", "MN", "", "240010"],
    ]
    job = upload("physicians", rows)
    monkeypatch.setattr(PhysicianLayout, "resolve", resolve_then_lose_the_hospital)

    job = start(job)

    assert job.status == ImportStatus.FAILED
    assert job.problem.startswith(
        f"The import stopped at row 3 (NPI {valid_npi(2)}): the database refused it (insert or "
        'update on table "registry_entity" violates foreign key constraint'
    )
    assert Entity.objects.filter(kind=EntityKind.PHYSICIAN).count() == 0
