"""What a search finds, rule by rule: accents and punctuation ignored, the abbreviations of
health-care names, known short names (aliases), transposed letters, identifiers with a label,
ZIP codes, a city with a name, a state after the name. On SQLite and on PostgreSQL alike."""

import pytest

from socialrx.registry.models import EntityAlias
from socialrx.registry.selectors.search import SearchFilters, search_entities
from tests.registry.factories import AccountFactory, EntityFactory, PhysicianFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def names(query: str, **filters) -> list[str]:
    return [e.name for e in search_entities(SearchFilters(query=query, **filters))]


def hospital(name: str, city: str, state: str = "MA", postal_code: str = "02100", **kwargs):
    return EntityFactory(name=name, city=city, state=state, postal_code=postal_code, **kwargs)


@pytest.fixture
def boston():
    """Massachusetts General and its neighbours, and decoys sharing its words."""
    return {
        "mgh": hospital("MASSACHUSETTS GENERAL HOSPITAL", "BOSTON", postal_code="02114"),
        "eye": hospital("MASSACHUSETTS EYE AND EAR INFIRMARY -", "BOSTON", postal_code="02114"),
        "tampa": hospital("TAMPA GENERAL HOSPITAL", "TAMPA", state="FL", postal_code="33606"),
        "bmc": hospital("BOSTON MEDICAL CENTER", "BOSTON", postal_code="02118"),
        "chop": hospital(
            "CHILDREN'S HOSPITAL OF PHILADELPHIA", "PHILADELPHIA", "PA", postal_code="19104"
        ),
    }


# --- accents and punctuation ------------------------------------------------------------------


def test_an_accented_query_finds_the_name_written_without_accents():
    hospital("MAYAGUEZ MEDICAL CENTER DR RAMON EMETERIO BETANCES", "MAYAGUEZ", "PR")

    assert names("Mayagüez medical center") == [
        "MAYAGUEZ MEDICAL CENTER DR RAMON EMETERIO BETANCES"
    ]


def test_an_unaccented_query_finds_the_name_written_with_accents():
    PhysicianFactory(name="Zoë Chávez-Ortiz", city="MAYAGUEZ", state="PR")
    hospital("HOSPITAL DE LA CONCEPCIÓN", "SAN GERMAN", "PR")

    assert names("zoe chavez ortiz") == ["Zoë Chávez-Ortiz"]
    assert names("hospital de la concepcion") == ["HOSPITAL DE LA CONCEPCIÓN"]


def test_an_accented_query_finds_the_city_written_without_accents():
    hospital("BELLA VISTA HOSPITAL", "MAYAGUEZ", "PR")

    assert names("Mayagüez") == ["BELLA VISTA HOSPITAL"]


def test_apostrophes_hyphens_and_periods_are_ignored(boston):
    hospital("CEDARS-SINAI MEDICAL CENTER", "LOS ANGELES", "CA")
    hospital("ST. MARY'S HOSPITAL", "ATHENS", "GA")

    assert names("childrens hospital of philadelphia") == ["CHILDREN'S HOSPITAL OF PHILADELPHIA"]
    assert names("cedars sinai") == ["CEDARS-SINAI MEDICAL CENTER"]
    assert names("st marys hospital") == ["ST. MARY'S HOSPITAL"]


# --- abbreviations and synonyms ---------------------------------------------------------------


def test_mass_is_massachusetts(boston):
    assert names("mass general")[0] == "MASSACHUSETTS GENERAL HOSPITAL"


def test_saint_and_st_find_each_other():
    hospital("ST JOSEPHS HOSPITAL", "TAMPA", "FL")
    hospital("SAINT FRANCIS HOSPITAL", "MUSKOGEE", "OK")

    assert names("saint josephs hospital") == ["ST JOSEPHS HOSPITAL"]
    assert names("st francis hospital") == ["SAINT FRANCIS HOSPITAL"]


def test_short_forms_in_the_query_and_in_the_name_meet():
    hospital("UNIVERSITY MEDICAL CENTER", "LUBBOCK", "TX")
    hospital("OVERLAND PARK REG MED CTR", "OVERLAND PARK", "KS")
    hospital("MOUNT SINAI HOSPITAL", "NEW YORK", "NY")

    assert names("univ med ctr") == ["UNIVERSITY MEDICAL CENTER"]
    assert names("overland park regional medical center") == ["OVERLAND PARK REG MED CTR"]
    assert names("mt sinai hospital") == ["MOUNT SINAI HOSPITAL"]


def test_childrens_with_or_without_its_apostrophe(boston):
    assert names("childrens hospital philadelphia")[0] == "CHILDREN'S HOSPITAL OF PHILADELPHIA"


# --- aliases --------------------------------------------------------------------------------


def test_a_known_short_name_finds_its_listing(boston):
    EntityAlias.objects.create(entity=boston["mgh"], alias="MGH")
    EntityAlias.objects.create(entity=boston["chop"], alias="CHOP")

    assert names("MGH") == ["MASSACHUSETTS GENERAL HOSPITAL"]
    assert names("chop") == ["CHILDREN'S HOSPITAL OF PHILADELPHIA"]


def test_a_short_name_nobody_has_finds_nothing_by_it(boston):
    assert names("MGH") == []


def test_a_short_name_with_its_city(boston):
    EntityAlias.objects.create(entity=boston["mgh"], alias="MGH")

    assert names("boston mgh")[0] == "MASSACHUSETTS GENERAL HOSPITAL"


# --- typos ----------------------------------------------------------------------------------


def test_transposed_letters_find_the_name():
    hospital("JOHNS HOPKINS HOSPITAL, THE", "BALTIMORE", "MD")
    hospital("JOHNS HOPKINS BAYVIEW MEDICAL CENTER", "BALTIMORE", "MD")

    assert names("jonhs hopkins")[0] == "JOHNS HOPKINS HOSPITAL, THE"
    assert names("johns hopkisn bayview")[0] == "JOHNS HOPKINS BAYVIEW MEDICAL CENTER"


def test_a_misspelt_word_beside_generic_words_finds_the_name():
    hospital("MAIMONIDES MEDICAL CENTER", "BROOKLYN", "NY")
    for n in range(3):
        hospital(f"RIVERSIDE MEDICAL CENTER {n}", "BROOKLYN", "NY")

    assert names("maimonedes medical center")[0] == "MAIMONIDES MEDICAL CENTER"


# --- identifiers, ZIP codes -----------------------------------------------------------------


def test_a_labelled_ccn_finds_only_its_hospital(boston):
    ccn = boston["mgh"].ccn

    assert names(f"CCN {ccn}") == ["MASSACHUSETTS GENERAL HOSPITAL"]
    assert names(f"ccn#{ccn}") == ["MASSACHUSETTS GENERAL HOSPITAL"]


def test_a_registry_page_address_finds_its_listing(boston):
    address = f"https://socialrx.example/registry/hospitals/{boston['chop'].ccn}/"

    assert names(address) == ["CHILDREN'S HOSPITAL OF PHILADELPHIA"]


def test_a_zip_code_finds_the_listings_there(boston):
    assert sorted(names("02114")) == [
        "MASSACHUSETTS EYE AND EAR INFIRMARY -",
        "MASSACHUSETTS GENERAL HOSPITAL",
    ]
    assert names("02118-2393") == ["BOSTON MEDICAL CENTER"]
    assert names("99999") == []


def test_a_zip_code_lists_the_prominent_listing_first(boston):
    AccountFactory(entity=boston["mgh"], platform="x", address="@MassGeneralNews")

    assert names("02114")[0] == "MASSACHUSETTS GENERAL HOSPITAL"


# --- city and name together -----------------------------------------------------------------


def test_a_city_and_a_name_find_that_name_in_that_city(boston):
    hospital("MEMORIAL HOSPITAL", "ROCHESTER", "NY")
    hospital("MEMORIAL HOSPITAL", "CHESTER", "IL")
    hospital("WINCHESTER MEMORIAL HOSPITAL", "WINCHESTER", "VA")

    found = names("rochester memorial")
    assert found[0] == "MEMORIAL HOSPITAL"
    assert search_entities(SearchFilters(query="rochester memorial"))[0].city == "ROCHESTER"


def test_a_city_alone_does_not_find_other_cities_containing_it():
    hospital("ROCHESTER GENERAL HOSPITAL", "ROCHESTER", "NY")
    hospital("CHESTER COUNTY HOSPITAL", "WEST CHESTER", "PA")
    hospital("WINCHESTER MEDICAL CENTER", "WINCHESTER", "VA")

    assert names("Rochester") == ["ROCHESTER GENERAL HOSPITAL"]


def test_a_city_and_generic_words_find_what_is_in_the_city():
    hospital("LANDMARK MEDICAL CENTER", "WOONSOCKET", "RI")

    assert names("woonsocket hospital") == ["LANDMARK MEDICAL CENTER"]


def test_a_state_after_the_name_ranks_that_states_listing_first():
    hospital("MAYO CLINIC", "JACKSONVILLE", "FL")
    hospital("MAYO CLINIC HOSPITAL", "PHOENIX", "AZ")

    assert names("mayo clinic az")[0] == "MAYO CLINIC HOSPITAL"
    assert names("mayo clinic florida")[0] == "MAYO CLINIC"


# --- the index follows every write ----------------------------------------------------------


def test_the_names_index_follows_creations_renames_and_deletions():
    from socialrx.registry.models import Entity

    Entity.objects.bulk_create(
        [Entity(kind="hospital", ccn="990777", name="ZEPHYRHILLS HOSPITAL", city="ZEPHYRHILLS")]
    )
    entity = Entity.objects.get(ccn="990777")
    assert names("zephyrhils") == ["ZEPHYRHILLS HOSPITAL"]

    entity.name = "QUARTZSITE HOSPITAL"
    entity.save()
    assert names("zephyrhils") == []
    assert names("quartzsit") == ["QUARTZSITE HOSPITAL"]

    entity.delete()
    assert names("quartzsit") == []


def test_sqlite_keeps_its_names_index_with_triggers():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's full-text index; PostgreSQL indexes an expression")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'registry_entity'"
        )
        triggers = sorted(row[0] for row in cursor.fetchall())

    # A migration that alters registry_entity rebuilds the table and drops these: it must
    # create them again (migration 0006's SQLITE_TRIGGERS).
    assert triggers == [
        "registry_entity_name_fts_delete",
        "registry_entity_name_fts_insert",
        "registry_entity_name_fts_update",
    ]
