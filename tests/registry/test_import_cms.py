"""The real CMS files, imported through the services as staff do it (upload → preview → start →
import), with counts checked against the files themselves, and a second import of the same
file changing nothing."""

import filecmp
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files import File

from socialrx.core.errors import DomainError
from socialrx.registry.models import (
    Entity,
    EntityKind,
    HcahpsAverage,
    HcahpsHospitalResult,
    HcahpsMeasure,
    HvbpDimension,
    HvbpDimensionScore,
    HvbpResult,
    ImportJob,
    ImportStatus,
)
from socialrx.registry.services import imports

pytestmark = pytest.mark.integration

SHARED_DATA = Path("/work/shared/data")
PACKAGED_DATA = Path(__file__).resolve().parents[2] / "src/socialrx/registry/data/cms"
HOSPITALS = "cms_hospital_general_information.csv"
HVBP = "cms_hvbp_person_and_community_engagement_fy2024.csv"
HCAHPS_STATE = "cms_hcahps_state_2022q4_2023q3.csv"
HCAHPS_NATIONAL = "cms_hcahps_national_2022q4_2023q3.csv"
HCAHPS_PCH = "cms_hcahps_pch_hospital_2022q4_2023q3.csv"
CMS_FILES = (HOSPITALS, HVBP, HCAHPS_STATE, HCAHPS_NATIONAL, HCAHPS_PCH)


@pytest.fixture
def upload(staff, django_capture_on_commit_callbacks):
    """Upload a packaged CMS file; its preview task runs on commit. Returns the job."""

    def upload(kind: str, name: str) -> ImportJob:
        path = PACKAGED_DATA / name
        with path.open("rb") as handle, django_capture_on_commit_callbacks(execute=True):
            job = imports.upload_import(
                actor=staff, kind=kind, uploaded_file=File(handle, name=name)
            )
        job.refresh_from_db()
        return job

    return upload


@pytest.fixture
def import_file(upload, staff, django_capture_on_commit_callbacks):
    """Upload, preview and import a packaged CMS file. Returns the finished job."""

    def import_file(kind: str, name: str) -> ImportJob:
        job = upload(kind, name)
        assert job.status == ImportStatus.READY, job.problem
        with django_capture_on_commit_callbacks(execute=True):
            imports.start_import(actor=staff, job=job)
        job.refresh_from_db()
        assert job.status == ImportStatus.DONE, job.problem
        return job

    return import_file


def counts(created=0, updated=0, unchanged=0, rejected=0) -> dict[str, int]:
    return {"created": created, "updated": updated, "unchanged": unchanged, "rejected": rejected}


def counted(stored: dict) -> dict[str, int]:
    """A preview's counts without its note of the columns nobody reads."""
    return {name: value for name, value in stored.items() if not name.startswith("ignored_")}


# The columns of CMS Hospital General Information no layout reads: the measure group counts.
HOSPITAL_COLUMNS_NOT_READ = [
    "Meets criteria for birthing friendly designation",
    "Hospital overall rating footnote",
    *(
        f"{prefix}{group}{suffix}"
        for group in ("MORT", "Safety", "READM")
        for prefix, suffix in (
            ("", " Group Measure Count"),
            ("Count of Facility ", " Measures"),
            ("Count of ", " Measures Better"),
            ("Count of ", " Measures No Different"),
            ("Count of ", " Measures Worse"),
            ("", " Group Footnote"),
        )
    ),
    "Pt Exp Group Measure Count",
    "Count of Facility Pt Exp Measures",
    "Pt Exp Group Footnote",
    "TE Group Measure Count",
    "Count of Facility TE Measures",
    "TE Group Footnote",
]


def test_hospital_general_information_imports_every_hospital_then_changes_nothing(
    import_file, upload, staff
):
    job = import_file("hospitals", HOSPITALS)

    assert job.total_rows == 5381
    assert counted(job.preview_counts) == counts(created=5381)
    assert len(HOSPITAL_COLUMNS_NOT_READ) == 26
    assert job.preview_counts["ignored_columns"] == HOSPITAL_COLUMNS_NOT_READ
    assert job.preview_counts["ignored_column_count"] == 26
    assert job.result_counts == counts(created=5381)
    assert Entity.objects.filter(kind=EntityKind.HOSPITAL).count() == 5381
    hospital = Entity.objects.get(ccn="010001")
    assert (hospital.name, hospital.city, hospital.state, hospital.postal_code) == (
        "SOUTHEAST HEALTH MEDICAL CENTER",
        "DOTHAN",
        "AL",
        "36301",
    )
    assert (hospital.emergency_services, hospital.star_rating, hospital.phone) == (
        True,
        4,
        "(334) 793-8701",
    )
    assert hospital.source == f"Import of {HOSPITALS} ({job.created_at:%Y-%m-%d})"

    again = upload("hospitals", HOSPITALS)

    assert counted(again.preview_counts) == counts(unchanged=5381)
    with pytest.raises(DomainError) as refused:
        imports.start_import(actor=staff, job=again)
    assert refused.value.message == "The preview found nothing to create or update in this file."


@pytest.mark.slow
def test_hvbp_results_link_to_imported_hospitals_with_eight_dimensions_each(import_file, upload):
    import_file("hospitals", HOSPITALS)

    job = import_file("hvbp", HVBP)

    assert job.result_counts == counts(created=2474)
    assert HvbpResult.objects.count() == 2474
    assert HvbpResult.objects.filter(entity__isnull=False).count() == 2448
    assert HvbpDimensionScore.objects.count() == 2474 * 8
    result = HvbpResult.objects.get(fiscal_year=2024, ccn="010001")
    assert result.entity == Entity.objects.get(ccn="010001")
    assert (result.base_score, result.consistency_score) == (4, 12)
    assert (result.baseline_start, result.baseline_end) == (date(2019, 1, 1), date(2019, 12, 31))
    assert (result.performance_start, result.performance_end) == (
        date(2022, 1, 1),
        date(2022, 12, 31),
    )
    nurses = result.dimensions.get(dimension=HvbpDimension.NURSES)
    assert (nurses.floor, nurses.achievement_threshold, nurses.benchmark) == (
        Decimal("53.5000"),
        Decimal("79.4200"),
        Decimal("87.7100"),
    )
    assert (nurses.baseline_rate, nurses.performance_rate) == (
        Decimal("77.4970"),
        Decimal("73.8343"),
    )
    assert (nurses.achievement_points, nurses.improvement_points, nurses.dimension_score) == (
        0,
        0,
        0,
    )
    assert sorted(result.dimensions.values_list("dimension", flat=True)) == sorted(
        HvbpDimension.values
    )

    again = upload("hvbp", HVBP)
    assert counted(again.preview_counts) == counts(unchanged=2474)
    assert again.preview_counts["ignored_columns"] == [
        "Address",
        "City/Town",
        "ZIP Code",
        "County/Parish",
    ]


@pytest.mark.slow
def test_hvbp_results_imported_before_their_hospitals_are_linked_when_they_arrive(
    import_file, upload
):
    import_file("hvbp", "cms_hvbp_person_and_community_engagement_fy2024.csv")
    assert HvbpResult.objects.filter(entity__isnull=False).count() == 0

    import_file("hospitals", "cms_hospital_general_information.csv")

    assert HvbpResult.objects.filter(entity__isnull=False).count() == 2448


def test_hcahps_state_and_national_averages_import_then_change_nothing(import_file, upload):
    state_job = import_file("hcahps_state", HCAHPS_STATE)
    national_job = import_file("hcahps_national", HCAHPS_NATIONAL)

    assert state_job.result_counts == counts(created=4032)
    assert national_job.result_counts == counts(created=72)
    states = HcahpsAverage.objects.exclude(state="")
    assert states.count() == 4032
    assert states.values("state").distinct().count() == 56
    assert HcahpsAverage.objects.filter(state="").count() == 72
    assert HcahpsMeasure.objects.count() == 72
    minnesota = HcahpsAverage.objects.get(state="MN", measure__measure_id="H_COMP_1_A_P")
    nation = HcahpsAverage.objects.get(state="", measure__measure_id="H_COMP_1_A_P")
    assert (minnesota.answer_percent, nation.answer_percent) == (84, 80)
    assert (nation.start_date, nation.end_date) == (date(2022, 10, 1), date(2023, 9, 30))

    assert upload("hcahps_state", HCAHPS_STATE).preview_counts == counts(unchanged=4032)
    assert upload("hcahps_national", HCAHPS_NATIONAL).preview_counts == counts(unchanged=72)


def test_hcahps_long_layout_reads_eleven_hospitals_by_93_measures(import_file, upload):
    job = import_file("hcahps_hospital", HCAHPS_PCH)

    assert job.result_counts == counts(created=1023)
    results = HcahpsHospitalResult.objects.all()
    assert results.count() == 1023
    assert results.values("ccn").distinct().count() == 11
    assert results.values("measure").distinct().count() == 93
    row = results.get(ccn="050146", measure__measure_id="H_COMP_1_A_P")
    assert (row.star_rating, row.answer_percent, row.linear_mean) == (None, 84, None)
    assert (row.completed_surveys, row.response_rate, row.footnotes) == (429, 19, "11")
    assert (row.start_date, row.end_date) == (date(2022, 10, 1), date(2023, 9, 30))

    again = upload("hcahps_hospital", HCAHPS_PCH)
    assert counted(again.preview_counts) == counts(unchanged=1023)
    assert again.preview_counts["ignored_columns"] == [
        "Address",
        "City/Town",
        "State",
        "ZIP Code",
        "County/Parish",
        "Telephone Number",
    ]


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="the shared CMS data is not on this machine")
@pytest.mark.parametrize("name", CMS_FILES)
def test_packaged_cms_files_are_byte_identical_to_the_published_ones(name):
    assert filecmp.cmp(PACKAGED_DATA / name, SHARED_DATA / name, shallow=False) is True
