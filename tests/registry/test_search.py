"""Searching the registry: names with typos, cities, handles, pasted addresses, CCNs and NPIs,
the filters, and what comes first. The same tests run on SQLite (rapidfuzz over a full-text
index of trigrams) and on PostgreSQL (pg_trgm). The rules of the new matching (accents,
abbreviations, aliases, identifiers with a label, ZIP codes, city with name) are in
test_search_matching.py; ranking, sorting and the page in test_search_ranking.py."""

from datetime import date

import pytest

from socialrx.registry.models import EntityKind
from socialrx.registry.selectors.search import (
    SearchFilters,
    filter_choices,
    search_entities,
    with_listed_accounts,
)
from tests.registry.factories import AccountFactory, EntityFactory, PhysicianFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ACUTE = "Acute Care Hospitals"
CRITICAL = "Critical Access Hospitals"


@pytest.fixture
def registry():
    """Four hospitals and two physicians:

    | name | where | type / specialty | ownership | accounts |
    | MAYO CLINIC HOSPITAL ROCHESTER | Rochester, MN | acute | non-profit | X @MayoClinic (2M), Facebook |
    | OLMSTED MEDICAL CENTER | Rochester, MN | acute | for-profit | none |
    | CLEVELAND CLINIC | Cleveland, OH | acute | non-profit | YouTube; X removed |
    | GRAND ITASCA CLINIC AND HOSPITAL | Grand Rapids, MN | critical access | public | Facebook |
    | Jordan Whitfield | New York, NY | Cardiology | | X @DrWhitfield |
    | Amara Okonkwo | Rochester, MN | Pediatrics | | none |

    Accounts have 1,000 followers unless said otherwise.
    """  # noqa: E501
    mayo = EntityFactory(
        name="MAYO CLINIC HOSPITAL ROCHESTER",
        ccn="240010",
        city="ROCHESTER",
        state="MN",
        hospital_type=ACUTE,
        ownership="Voluntary non-profit - Private",
    )
    olmsted = EntityFactory(
        name="OLMSTED MEDICAL CENTER",
        ccn="240210",
        city="ROCHESTER",
        state="MN",
        hospital_type=ACUTE,
        ownership="Proprietary",
    )
    cleveland = EntityFactory(
        name="CLEVELAND CLINIC",
        ccn="360180",
        city="CLEVELAND",
        state="OH",
        hospital_type=ACUTE,
        ownership="Voluntary non-profit - Other",
    )
    itasca = EntityFactory(
        name="GRAND ITASCA CLINIC AND HOSPITAL",
        ccn="241346",
        city="GRAND RAPIDS",
        state="MN",
        hospital_type=CRITICAL,
        ownership="Government - Hospital District or Authority",
    )
    whitfield = PhysicianFactory(
        name="Jordan Whitfield", city="NEW YORK", state="NY", specialty="Cardiology"
    )
    okonkwo = PhysicianFactory(
        name="Amara Okonkwo", city="ROCHESTER", state="MN", specialty="Pediatrics"
    )
    AccountFactory(entity=mayo, platform="x", address="@MayoClinic", followers=2_000_000)
    AccountFactory(entity=mayo, platform="facebook", address="https://www.facebook.com/MayoClinic")
    AccountFactory(entity=cleveland, platform="youtube", address="@ClevelandClinic")
    AccountFactory(
        entity=cleveland,
        platform="x",
        address="@ClevelandClinic",
        first_listed=date(2012, 1, 1),
        removed_on=date(2023, 1, 1),
    )
    AccountFactory(entity=itasca, platform="facebook", address="https://facebook.com/GIClinic")
    AccountFactory(entity=whitfield, platform="x", address="@DrWhitfield")
    return {
        "mayo": mayo,
        "olmsted": olmsted,
        "cleveland": cleveland,
        "itasca": itasca,
        "whitfield": whitfield,
        "okonkwo": okonkwo,
    }


def names(**filters):
    return [entity.name for entity in search_entities(SearchFilters(**filters))]


# --- what a query finds -----------------------------------------------------------------------


def test_a_name_with_a_typo_finds_the_hospital(registry):
    assert names(query="mayo clinik") == ["MAYO CLINIC HOSPITAL ROCHESTER"]
    assert names(query="olmstead medical") == ["OLMSTED MEDICAL CENTER"]


def test_a_misspelt_word_of_the_name_finds_the_hospital(registry):
    assert names(query="rochestr") == ["MAYO CLINIC HOSPITAL ROCHESTER"]


def test_a_name_in_any_case_and_spacing_finds_the_entity(registry):
    assert names(query="  Cleveland   CLINIC ") == ["CLEVELAND CLINIC"]
    assert names(query="whitfield") == ["Jordan Whitfield"]


def test_a_city_finds_every_entity_there_the_one_named_for_it_first(registry):
    # The name and the city, then the hospital in the city, then the physician there (a
    # place name asks for places more than for people).
    assert names(query="Rochester") == [
        "MAYO CLINIC HOSPITAL ROCHESTER",
        "OLMSTED MEDICAL CENTER",
        "Amara Okonkwo",
    ]


def test_a_handle_finds_its_entity_with_or_without_the_at_sign(registry):
    assert names(query="@MayoClinic") == ["MAYO CLINIC HOSPITAL ROCHESTER"]
    assert names(query="MayoClinic") == ["MAYO CLINIC HOSPITAL ROCHESTER"]
    assert names(query="@drwhitfield") == ["Jordan Whitfield"]


def test_a_pasted_address_finds_the_entity_with_that_account(registry):
    assert names(query="https://x.com/MayoClinic") == ["MAYO CLINIC HOSPITAL ROCHESTER"]
    assert names(query="https://twitter.com/mayoclinic?lang=en") == [
        "MAYO CLINIC HOSPITAL ROCHESTER"
    ]
    assert names(query="https://www.facebook.com/GIClinic/") == ["GRAND ITASCA CLINIC AND HOSPITAL"]


def test_a_pasted_address_finds_only_the_entity_with_that_account_not_similar_names(registry):
    EntityFactory(name="MAYO CLINIC HEALTH SYSTEM IN ALBERT LEA", city="ALBERT LEA")

    assert names(query="https://x.com/MayoClinic") == ["MAYO CLINIC HOSPITAL ROCHESTER"]
    assert names(query="https://x.com/MayoClinicHealthSystem") == []
    assert names(query="https://x.com/SomeoneElse") == []


def test_a_removed_account_is_not_found_by_its_handle(registry):
    assert names(query="https://x.com/ClevelandClinic") == []
    assert names(query="https://www.youtube.com/@ClevelandClinic") == ["CLEVELAND CLINIC"]


def test_a_ccn_or_an_npi_finds_its_entity(registry):
    assert names(query="240010") == ["MAYO CLINIC HOSPITAL ROCHESTER"]
    assert names(query=registry["whitfield"].npi) == ["Jordan Whitfield"]


def test_a_ccn_or_an_npi_with_its_label_finds_its_entity(registry):
    assert names(query="CCN 240010") == ["MAYO CLINIC HOSPITAL ROCHESTER"]
    assert names(query="ccn: 240010") == ["MAYO CLINIC HOSPITAL ROCHESTER"]
    assert names(query="provider number 240010") == ["MAYO CLINIC HOSPITAL ROCHESTER"]
    assert names(query=f"NPI {registry['whitfield'].npi}") == ["Jordan Whitfield"]


def test_an_identifier_nobody_has_finds_nothing(registry):
    assert names(query="CCN 999999") == []
    assert names(query="NPI 1234567893") == []


def test_a_long_query_does_not_match_a_short_name_it_contains(registry):
    EntityFactory(name="THE GENERAL", city="DULUTH")

    assert "THE GENERAL" not in names(query="rochester general")


def test_a_query_matching_nothing_finds_nothing(registry):
    assert names(query="zzzzqqqq") == []


def test_a_short_query_matches_literally_only(registry):
    assert names(query="MAY") == ["MAYO CLINIC HOSPITAL ROCHESTER"]
    assert names(query="xq") == []


def test_a_very_long_query_is_cut_and_does_not_fail(registry):
    assert names(query="q" * 10_000) == []
    assert names(query="mayo clinik " + "q" * 10_000) == names(query="mayo clinik " + "q" * 188)


def test_symbols_only_find_nothing_and_do_not_fail(registry):
    assert names(query="%%% $$ ###") == []
    assert names(query="'; DROP TABLE registry_entity; --") == []
    assert names(query="_%") == []


# --- filters ----------------------------------------------------------------------------------


def test_filters_by_kind(registry):
    assert names(kind=EntityKind.PHYSICIAN) == ["Jordan Whitfield", "Amara Okonkwo"]
    assert names(kind=EntityKind.HOSPITAL, query="rochester") == [
        "MAYO CLINIC HOSPITAL ROCHESTER",
        "OLMSTED MEDICAL CENTER",
    ]


def test_filters_by_state(registry):
    assert names(state="OH") == ["CLEVELAND CLINIC"]
    # Both contain "clinic" as a whole word; Mayo's following (2M) ranks it first.
    assert names(state="MN", query="clinic") == [
        "MAYO CLINIC HOSPITAL ROCHESTER",
        "GRAND ITASCA CLINIC AND HOSPITAL",
    ]


def test_filters_by_hospital_type_and_ownership(registry):
    assert names(hospital_type=CRITICAL) == ["GRAND ITASCA CLINIC AND HOSPITAL"]
    assert names(ownership="for_profit") == ["OLMSTED MEDICAL CENTER"]
    assert names(ownership="nonprofit") == ["CLEVELAND CLINIC", "MAYO CLINIC HOSPITAL ROCHESTER"]
    assert names(ownership="public", hospital_type=ACUTE) == []


def test_filters_by_a_platform_with_a_listed_account(registry):
    assert names(platform="x") == ["Jordan Whitfield", "MAYO CLINIC HOSPITAL ROCHESTER"]
    assert names(platform="youtube") == ["CLEVELAND CLINIC"]
    assert names(platform="instagram") == []


def test_filters_by_presence(registry):
    assert names(presence="any") == [
        "CLEVELAND CLINIC",
        "GRAND ITASCA CLINIC AND HOSPITAL",
        "Jordan Whitfield",
        "MAYO CLINIC HOSPITAL ROCHESTER",
    ]
    assert names(presence="none") == ["Amara Okonkwo", "OLMSTED MEDICAL CENTER"]


def test_an_entity_whose_only_account_was_removed_has_no_presence(registry):
    AccountFactory(
        entity=registry["olmsted"],
        platform="x",
        address="@OlmstedMed",
        first_listed=date(2012, 1, 1),
        removed_on=date(2020, 1, 1),
    )

    assert "OLMSTED MEDICAL CENTER" in names(presence="none")
    assert names(platform="x", state="MN") == ["MAYO CLINIC HOSPITAL ROCHESTER"]


def test_filters_by_specialty(registry):
    assert names(specialty="Pediatrics") == ["Amara Okonkwo"]
    assert names(specialty="Cardiology", query="rochester") == []


def test_the_filter_choices_are_the_types_and_specialties_present(registry):
    assert filter_choices() == {
        "hospital_types": [ACUTE, CRITICAL],
        "specialties": ["Cardiology", "Pediatrics"],
    }


# --- order ------------------------------------------------------------------------------------


def test_the_name_that_is_the_query_comes_before_names_containing_it(registry):
    EntityFactory(name="NORTHFIELD HOSPITAL AND CLINICS", city="NORTHFIELD")
    EntityFactory(name="NORTHFIELD HOSPITAL", city="NORTHFIELD")

    assert names(query="northfield hospital") == [
        "NORTHFIELD HOSPITAL",
        "NORTHFIELD HOSPITAL AND CLINICS",
    ]


def test_a_name_starting_with_the_query_comes_before_one_containing_it(registry):
    EntityFactory(name="LAKES REGION CLINIC OF DULUTH", city="DULUTH")
    EntityFactory(name="NORTH SHORE LAKES REGION CLINIC", city="DULUTH")

    assert names(query="lakes region clinic")[:2] == [
        "LAKES REGION CLINIC OF DULUTH",
        "NORTH SHORE LAKES REGION CLINIC",
    ]


def test_the_closest_name_comes_first(registry):
    EntityFactory(name="SAINT MARY HOSPITAL", city="DULUTH", state="MN")
    EntityFactory(name="SAINT MARYS HOSPITAL", city="DULUTH", state="MN")

    assert names(query="saint marys hospital")[0] == "SAINT MARYS HOSPITAL"
    assert names(query="saint mary hospital")[0] == "SAINT MARY HOSPITAL"


def test_without_a_query_listings_with_accounts_come_first(registry):
    EntityFactory(name="AAA HOSPITAL WITHOUT ACCOUNTS", city="DULUTH", state="MN")

    assert names() == [
        "CLEVELAND CLINIC",
        "GRAND ITASCA CLINIC AND HOSPITAL",
        "Jordan Whitfield",
        "MAYO CLINIC HOSPITAL ROCHESTER",
        "AAA HOSPITAL WITHOUT ACCOUNTS",
        "Amara Okonkwo",
        "OLMSTED MEDICAL CENTER",
    ]


def test_results_carry_their_listed_accounts_only(registry):
    entities = with_listed_accounts(search_entities(SearchFilters(query="clinic")))

    accounts = {e.name: [(a.platform, a.handle) for a in e.listed_accounts] for e in entities}
    assert accounts == {
        "CLEVELAND CLINIC": [("youtube", "@ClevelandClinic")],
        "GRAND ITASCA CLINIC AND HOSPITAL": [("facebook", "GIClinic")],
        "MAYO CLINIC HOSPITAL ROCHESTER": [
            ("facebook", "MayoClinic"),
            ("x", "@MayoClinic"),
        ],
    }
