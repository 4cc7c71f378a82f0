"""The brief's patient experience for a hospital CMS has no HCAHPS results for: it says why,
and shows its state's and the nation's averages (each with its file and period) as the figures
the board will be measured against. Averages written by hand below; the values expected are
worked out by hand from them."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from socialrx.registry.models import HcahpsAverage, HcahpsMeasure
from tests.factories import OrganizationFactory
from tests.toolkit.brief_world import HCAHPS_SOURCE, figures_of, world_fixture  # noqa: F401
from tests.toolkit.factories import make_brief, make_check_member

pytestmark = pytest.mark.django_db

LATEST = {"start_date": date(2022, 10, 1), "end_date": date(2023, 9, 30)}
EARLIER = {"start_date": date(2021, 10, 1), "end_date": date(2022, 9, 30)}


@pytest.fixture
def averages():
    """Minnesota's and the nation's averages; no hospital result at all.

    | measure            | MN | nation            | TX |
    | nurses (COMP_1)    | 81 | 79                |    |
    | clean              | 70 | 72                |    |
    | quiet              | 61 | (none)            |    |
    | overall (9 or 10)  | 73 | 71 (68 the year before) | 69 |
    """
    measure = {
        measure_id: HcahpsMeasure.objects.create(
            measure_id=measure_id, question=measure_id, answer_description="top box"
        )
        for measure_id in (
            "H_COMP_1_A_P",
            "H_CLEAN_HSP_A_P",
            "H_QUIET_HSP_A_P",
            "H_HSP_RATING_9_10",
        )
    }
    rows = [
        ("MN", "H_COMP_1_A_P", 81, LATEST),
        ("MN", "H_CLEAN_HSP_A_P", 70, LATEST),
        ("MN", "H_QUIET_HSP_A_P", 61, LATEST),
        ("MN", "H_HSP_RATING_9_10", 73, LATEST),
        ("", "H_COMP_1_A_P", 79, LATEST),
        ("", "H_CLEAN_HSP_A_P", 72, LATEST),
        ("", "H_HSP_RATING_9_10", 68, EARLIER),
        ("", "H_HSP_RATING_9_10", 71, LATEST),
        ("TX", "H_HSP_RATING_9_10", 69, LATEST),
    ]
    for state, measure_id, percent, period in rows:
        HcahpsAverage.objects.create(
            state=state,
            measure=measure[measure_id],
            answer_percent=percent,
            source=HCAHPS_SOURCE,
            **period,
        )


# Nurses: MN 81, nation 79. Cleanliness and quietness: MN (70 + 61) / 2 = 65.5; the nation has
# no quietness, so no mean. Overall: MN 73; the nation's latest period, 71 (not 68). Texas is
# not Riverside's state.
REFERENCE_ROWS = [
    {"label": "Communication with nurses", "state": 81.0, "nation": 79.0},
    {"label": "Cleanliness and quietness of hospital environment", "state": 65.5, "nation": None},
    {"label": "Overall rating of hospital", "state": 73.0, "nation": 71.0},
]
PERIOD = {"start": "2022-10-01", "end": "2023-09-30"}


def test_a_hospital_without_results_gets_why_and_its_state_and_the_nation(world, averages):
    organization, _, _ = world  # Riverside's listing: CCN 240999, in MN, no HCAHPS result

    experience = figures_of(organization)["experience"]

    assert experience == {
        "available": False,
        "rows": [],
        "reason": "CMS certification number 240999 (Riverside Regional Medical Center) is not "
        "in the CMS HCAHPS files the registry holds (the Hospital VBP program covers about "
        "2,500 acute care hospitals).",
        "reference": {
            "state_name": "Minnesota",
            "rows": REFERENCE_ROWS,
            "averages_source": HCAHPS_SOURCE,
            "state_period": PERIOD,
            "national_period": PERIOD,
        },
    }


def test_a_hospital_without_a_listing_is_compared_by_the_state_on_its_profile(world, averages):
    hospital = OrganizationFactory(name="Valley Hospital", org_type="hospital", state="MN")

    experience = figures_of(hospital)["experience"]

    assert experience["available"] is False
    assert experience["reference"]["state_name"] == "Minnesota"
    assert experience["reference"]["rows"] == REFERENCE_ROWS


def test_a_practice_gets_no_hcahps_reference(world, averages):
    practice = OrganizationFactory(name="Lakeside Family Physicians", org_type="practice")

    assert "reference" not in figures_of(practice)["experience"]


def test_the_page_shows_the_reference_with_its_sources(client, world, averages):
    organization, admin, _ = world
    make_check_member(organization)
    brief = make_brief(organization, drawn_by=admin)
    client.force_login(admin)

    page = client.get(reverse("toolkit:brief", args=[brief.public_id])).content.decode()

    assert "No HCAHPS results for this hospital.</strong> CMS certification number 240999" in page
    assert "Minnesota's and the nation's: the figures the board will be measured" in page
    assert (
        '<th scope="row">Cleanliness and quietness of hospital environment</th>'
        '<td class="numeric">65.5%</td><td class="numeric">—</td>'
    ) in page
    assert (
        "Minnesota: CMS HCAHPS Patient Survey, state averages Oct 1, 2022–Sep 30, 2023. "
        "Nation: CMS HCAHPS Patient Survey, national averages Oct 1, 2022–Sep 30, 2023."
    ) in page
    # At a glance: the reference's overall rating.
    assert (
        "CMS reports no HCAHPS results for the hospital; patients rating their hospital 9 or 10 "
        "out of 10: 73.0% in Minnesota and 71.0% in the nation."
    ) in page
