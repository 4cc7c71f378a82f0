"""The brief's registry figures traced to their sources: peers' adoption, the organization's
own accounts and its HCAHPS beside its state and the nation, from the hand-built world of
`brief_world` (its table says which hospital has what), compared with values worked out by
hand."""

from __future__ import annotations

import pytest

from socialrx.core.calendar import center_today
from tests.factories import OrganizationFactory
from tests.registry.factories import AccountFactory, EntityFactory
from tests.toolkit.brief_world import HCAHPS_SOURCE, HVBP_SOURCE, figures_of, hcahps, world_fixture  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_peers_are_the_registry_groups_of_the_same_state_type_and_size(world):
    organization, _, _ = world
    peers = figures_of(organization)["peers"]

    assert peers["as_of"] == center_today().isoformat()
    assert peers["source"] == "SocialRx public registry, adoption statistics"
    assert peers["basis"] == "listing"
    assert [p["key"] for p in peers["platforms"]] == ["facebook", "x", "youtube"]
    rows = {
        group["label"]: (
            group["total"], group["present"], group["percent"],
            [(cell["count"], cell["percent"]) for cell in group["platforms"]],
        )
        for group in peers["groups"]
    }  # fmt: skip
    assert rows == {
        # Riverside, A, B, C; B's only account was removed in 2020.
        "State: Minnesota": (4, 3, 75.0, [(3, 75.0), (1, 25.0), (1, 25.0)]),
        # Riverside, A, C, D, E.
        "Hospital type: Acute Care Hospitals": (5, 4, 80.0, [(3, 60.0), (2, 40.0), (1, 20.0)]),
        # Riverside 150, A 120, D 200, E 250 beds.
        "Size (beds): Medium (100–299 beds)": (4, 3, 75.0, [(2, 50.0), (2, 50.0), (0, 0.0)]),
        "All hospitals in the registry": (6, 4, 66.7, [(3, 50.0), (2, 33.3), (1, 16.7)]),
    }
    assert [g["dimension"] for g in peers["groups"]] == ["state", "type", "size", "all"]
    assert peers["unknown"] == []
    assert peers["generated_accounts"] == 0


def test_the_organizations_own_accounts_with_when_each_was_last_checked(world):
    organization, _, riverside = world
    presence = figures_of(organization)["presence"]

    assert presence["listing"]["name"] == "Riverside Regional Medical Center"
    assert presence["listing"]["claimed"] is True
    assert presence["listing"]["url"] == f"/registry/hospitals/{riverside.ccn}/"
    accounts = [
        (a["label"], a["handle"], a["followers"], a["last_checked"]) for a in presence["accounts"]
    ]
    assert accounts == [
        ("Facebook", "RiversideRMC", 1200, "2025-01-15"),
        ("X (Twitter)", "@RiversideRMC", 800, "2025-02-01"),
    ]
    assert presence["as_of"] == "2025-02-01"


def test_hcahps_beside_the_state_and_the_nation_with_periods_and_files(world):
    organization, _, riverside = world
    hcahps(riverside)
    experience = figures_of(organization)["experience"]

    assert experience["available"] is True
    assert experience["state_name"] == "Minnesota"
    assert experience["rows"] == [
        {"label": "Communication with nurses", "hospital": 80.5, "state": 81.0, "nation": 79.0},
        {"label": "Overall rating of hospital", "hospital": 74.1, "state": 73.0, "nation": 71.0},
    ]
    assert experience["hospital_source"] == HVBP_SOURCE
    assert experience["hospital_period"] == {"start": "2022-01-01", "end": "2022-12-31"}
    assert experience["averages_source"] == HCAHPS_SOURCE
    assert experience["state_period"] == {"start": "2022-10-01", "end": "2023-09-30"}
    assert experience["national_period"] == {"start": "2022-10-01", "end": "2023-09-30"}


def test_without_hcahps_results_the_brief_says_so(world):
    organization, _, _ = world
    assert figures_of(organization)["experience"] == {
        "available": False,
        "rows": [],
        "reason": "CMS certification number 240999 (Riverside Regional Medical Center) is not "
        "in the CMS HCAHPS files the registry holds (the Hospital VBP program covers about "
        "2,500 acute care hospitals).",
    }


def test_without_a_claimed_listing_the_ccn_on_the_profile_stands_in_unclaimed(world):
    organization, _, riverside = world
    riverside.organization = None
    riverside.save(update_fields=["organization"])
    organization.cms_certification_number = "240999"
    organization.save(update_fields=["cms_certification_number"])

    figures = figures_of(organization)

    assert figures["presence"]["listing"]["claimed"] is False
    assert figures["presence"]["listing"]["ccn"] == "240999"
    assert figures["peers"]["basis"] == "listing"


def test_without_any_listing_peers_are_compared_by_the_profile_and_the_rest_is_said(world):
    """No listing: state from the profile (MN), size from its 150 licensed beds (medium), the
    hospital type is not known."""
    organization = OrganizationFactory(name="Valley Clinic Hospital", state="MN", licensed_beds=150)
    figures = figures_of(organization)

    assert figures["presence"] == {
        "listing": None, "accounts": [], "as_of": None, "source": "SocialRx public registry"
    }  # fmt: skip
    assert figures["experience"]["available"] is False
    assert figures["experience"]["reason"] == (
        "HCAHPS results come with the organization's hospital listing in the registry, and it "
        "has none linked to it."
    )
    peers = figures["peers"]
    assert peers["basis"] == "profile"
    assert [(g["label"], g["total"], g["present"]) for g in peers["groups"]] == [
        ("State: Minnesota", 4, 3),
        ("Size (beds): Medium (100–299 beds)", 4, 3),
        ("All hospitals in the registry", 6, 4),
    ]
    assert peers["unknown"] == ["hospital type"]


def test_a_practice_is_compared_with_other_organizations_of_its_region(world):
    """Lakeside (a practice in MN, the Midwest) with no listing: other health organizations
    of the Midwest (two, one on Facebook) and of the whole registry (three)."""
    practice = OrganizationFactory(name="Lakeside Family Physicians", org_type="practice")
    clinic = EntityFactory(kind="organization", ccn="", name="North Clinic", category="clinic")
    EntityFactory(kind="organization", ccn="", name="Lake Clinic", category="clinic")
    EntityFactory(kind="organization", ccn="", name="Austin Clinic", state="TX")
    AccountFactory(
        entity=clinic, platform="facebook", address="https://www.facebook.com/northclinic"
    )

    peers = figures_of(practice)["peers"]

    assert peers["kind"] == "other health organizations"
    assert [(g["label"], g["total"], g["present"], g["percent"]) for g in peers["groups"]] == [
        ("Region: Midwest", 2, 1, 50.0),
        ("All other health organizations in the registry", 3, 1, 33.3),
    ]
    assert peers["unknown"] == ["category"]


def test_a_health_system_with_its_claimed_listing(world):
    system = OrganizationFactory(name="North Star Health System", org_type="health_system")
    EntityFactory(kind="health_system", ccn="", name="NORTH STAR HEALTH", organization=system)
    EntityFactory(kind="health_system", ccn="", name="GULF HEALTH", state="TX")

    figures = figures_of(system)

    assert figures["presence"]["listing"]["kind"] == "Health system"
    assert [(g["label"], g["total"]) for g in figures["peers"]["groups"]] == [
        ("State: Minnesota", 1),
        ("All health systems in the registry", 2),
    ]
    assert figures["experience"]["reason"] == (
        "CMS reports HCAHPS by hospital; North Star Health is listed as a health system, so no "
        "patient-experience figures apply."
    )
