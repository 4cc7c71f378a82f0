"""A small registry world built by hand for the executive brief's tests: six hospitals in two
states with known accounts, and Riverside's HCAHPS rates beside Minnesota's and the nation's.
The figures the brief draws from it are worked out by hand in the tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from socialrx.core.calendar import center_today
from socialrx.registry.models import (
    HcahpsAverage,
    HcahpsMeasure,
    HvbpDimension,
    HvbpDimensionScore,
    HvbpResult,
)
from socialrx.toolkit.selectors.brief_figures import figures_for
from tests.factories import org_with_admin
from tests.registry.factories import AccountFactory, EntityFactory

HVBP_SOURCE = "CMS Hospital Value-Based Purchasing, Person and Community Engagement domain, FY 2024"
HCAHPS_SOURCE = "CMS HCAHPS Patient Survey"


@pytest.fixture(name="world")
def world_fixture():
    """Riverside (MN, acute care, 150 beds: medium) claimed its listing, on Facebook and X.

    | hospital  | state | type            | beds | accounts listed today   |
    | Riverside | MN    | Acute Care      | 150  | Facebook, X             |
    | A         | MN    | Acute Care      | 120  | Facebook                |
    | B         | MN    | Critical Access | —    | (an X account removed)  |
    | C         | MN    | Acute Care      | 400  | Facebook, YouTube       |
    | D         | TX    | Acute Care      | 200  | X                       |
    | E         | TX    | Acute Care      | 250  | none                    |
    """
    organization, admin = org_with_admin(
        name="Riverside Regional Medical Center", state="MN", licensed_beds=150
    )
    riverside = EntityFactory(
        name="RIVERSIDE REGIONAL MEDICAL CENTER", ccn="240999", bed_count=150,
        organization=organization,
    )  # fmt: skip
    a = EntityFactory(bed_count=120)
    b = EntityFactory(hospital_type="Critical Access Hospitals", bed_count=None)
    c = EntityFactory(bed_count=400)
    d = EntityFactory(state="TX", bed_count=200)
    EntityFactory(state="TX", bed_count=250)
    AccountFactory(
        entity=riverside, platform="facebook", address="https://www.facebook.com/RiversideRMC",
        followers=1200, last_checked=date(2025, 1, 15),
    )  # fmt: skip
    AccountFactory(
        entity=riverside, platform="x", address="@RiversideRMC", followers=800,
        last_checked=date(2025, 2, 1),
    )  # fmt: skip
    AccountFactory(entity=a, platform="facebook", address="https://www.facebook.com/hospitala")
    AccountFactory(
        entity=b, platform="x", address="@hospitalb", first_listed=date(2016, 3, 1),
        removed_on=date(2020, 6, 30),
    )  # fmt: skip
    AccountFactory(entity=c, platform="facebook", address="https://www.facebook.com/hospitalc")
    AccountFactory(entity=c, platform="youtube", address="https://www.youtube.com/@hospitalc")
    AccountFactory(entity=d, platform="x", address="@hospitald")
    return organization, admin, riverside


def hcahps(riverside):
    """Riverside's FY 2024 rates for two dimensions, and the MN and national averages."""
    result = HvbpResult.objects.create(
        fiscal_year=2024, ccn=riverside.ccn, entity=riverside, facility_name=riverside.name,
        state="MN", performance_start=date(2022, 1, 1), performance_end=date(2022, 12, 31),
        source=HVBP_SOURCE,
    )  # fmt: skip
    HvbpDimensionScore.objects.create(
        result=result, dimension=HvbpDimension.NURSES, performance_rate=Decimal("80.4567")
    )
    HvbpDimensionScore.objects.create(
        result=result, dimension=HvbpDimension.OVERALL, performance_rate=Decimal("74.1234")
    )
    nurses = HcahpsMeasure.objects.create(
        measure_id="H_COMP_1_A_P", question="Nurses communicated well", answer_description="Always"
    )
    overall = HcahpsMeasure.objects.create(
        measure_id="H_HSP_RATING_9_10", question="Overall rating", answer_description="9 or 10"
    )
    period = {"start_date": date(2022, 10, 1), "end_date": date(2023, 9, 30)}
    for state, measure, percent in (
        ("MN", nurses, 81), ("", nurses, 79), ("MN", overall, 73), ("", overall, 71),
        ("TX", overall, 69),
    ):  # fmt: skip
        HcahpsAverage.objects.create(
            state=state, measure=measure, answer_percent=percent, source=HCAHPS_SOURCE, **period
        )


def figures_of(organization):
    return figures_for(organization, today=center_today())
