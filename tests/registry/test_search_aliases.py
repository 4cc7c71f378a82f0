"""Short names of listings (aliases): center staff add and remove them, each change is in the
listing's history, search finds the listing by them; and the known short names the demo gives
real hospitals name the hospitals they say in CMS's file."""

import csv

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.registry.demo.cms import CMS_DIR, CMS_FILES
from socialrx.registry.models import EntityAlias
from socialrx.registry.search_aliases import KNOWN_ALIASES, seed_known_aliases
from socialrx.registry.selectors.search import SearchFilters, search_entities
from socialrx.registry.services.aliases import add_alias, remove_alias
from tests.factories import StaffFactory, UserFactory
from tests.registry.factories import EntityFactory, PhysicianFactory

ALIASES = "/staff/registry/aliases/"


@pytest.fixture
def mgh(db):
    return EntityFactory(name="MASSACHUSETTS GENERAL HOSPITAL", ccn="220071", city="BOSTON")


def names(query: str) -> list[str]:
    return [e.name for e in search_entities(SearchFilters(query=query))]


# --- the service ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_add_a_short_name_and_search_finds_the_listing_by_it(mgh):
    staff = StaffFactory()

    alias = add_alias(actor=staff, entity=mgh, alias="  MGH ")

    assert (alias.alias, alias.folded, alias.created_by) == ("MGH", "mgh", staff)
    assert names("mgh") == ["MASSACHUSETTS GENERAL HOSPITAL"]
    event = AuditEvent.objects.get(action="registry.alias.added")
    assert (event.target_id, event.actor, event.after) == (
        str(mgh.pk),
        staff,
        {"alias": "MGH", "via": "staff"},
    )


@pytest.mark.django_db
def test_staff_remove_a_short_name_and_search_no_longer_finds_it(mgh):
    staff = StaffFactory()
    alias = add_alias(actor=staff, entity=mgh, alias="MGH")

    remove_alias(actor=staff, alias=alias)

    assert names("mgh") == []
    event = AuditEvent.objects.get(action="registry.alias.removed")
    assert (event.target_id, event.before) == (str(mgh.pk), {"alias": "MGH"})


@pytest.mark.django_db
def test_only_center_staff_keep_short_names(mgh):
    with pytest.raises(PermissionDenied):
        add_alias(actor=UserFactory(), entity=mgh, alias="MGH")
    assert not EntityAlias.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("alias", "message"),
    [
        ("", "Enter the short name."),
        ("   ", "Enter the short name."),
        ("%%%", "A short name needs letters or digits."),
        ("x" * 121, "Keep it under 120 characters."),
    ],
)
def test_a_bad_short_name_is_refused_with_a_reason(mgh, alias, message):
    with pytest.raises(DomainError, match=message):
        add_alias(actor=StaffFactory(), entity=mgh, alias=alias)


@pytest.mark.django_db
def test_a_listing_cannot_have_the_same_short_name_twice(mgh):
    staff = StaffFactory()
    add_alias(actor=staff, entity=mgh, alias="MGH")

    with pytest.raises(DomainError, match="already has the short name"):
        add_alias(actor=staff, entity=mgh, alias="mgh")
    assert EntityAlias.objects.count() == 1


@pytest.mark.django_db
def test_two_listings_may_share_a_short_name(mgh):
    staff = StaffFactory()
    other = EntityFactory(name="MERCY GENERAL HOSPITAL", city="SACRAMENTO", state="CA")
    add_alias(actor=staff, entity=mgh, alias="MGH")
    add_alias(actor=staff, entity=other, alias="MGH")

    assert sorted(names("MGH")) == ["MASSACHUSETTS GENERAL HOSPITAL", "MERCY GENERAL HOSPITAL"]


# --- the staff page ---------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_the_page_adds_a_short_name_by_ccn(staff_client, mgh):
    response = staff_client.post(ALIASES, {"listing": "CCN 220071", "alias": "MGH"})

    assert response.status_code == 302
    assert list(EntityAlias.objects.values_list("entity__ccn", "alias")) == [("220071", "MGH")]
    listed = staff_client.get(ALIASES).content.decode()
    assert "MGH" in listed
    assert "Massachusetts General Hospital" in listed


def test_the_page_adds_a_short_name_by_npi_or_page_address(staff_client, db):
    doctor = PhysicianFactory(name="Jordan Whitfield")

    staff_client.post(ALIASES, {"listing": doctor.npi, "alias": "Dr J"})
    staff_client.post(
        ALIASES,
        {"listing": f"https://socialrx.example/registry/physicians/{doctor.npi}/", "alias": "JW"},
    )

    assert sorted(EntityAlias.objects.values_list("alias", flat=True)) == ["Dr J", "JW"]


def test_the_page_says_when_no_listing_has_the_identifier(staff_client, mgh):
    response = staff_client.post(ALIASES, {"listing": "999999", "alias": "MGH"})

    assert response.status_code == 400
    assert response.context["form"].errors["listing"] == [
        "No listing has that CMS certification number, NPI or page."
    ]
    assert not EntityAlias.objects.exists()


def test_the_page_says_why_a_short_name_is_refused(staff_client, mgh):
    response = staff_client.post(ALIASES, {"listing": "220071", "alias": "***"})

    assert response.status_code == 400
    assert "A short name needs letters or digits." in response.content.decode()


def test_the_page_removes_a_short_name(staff_client, mgh):
    alias = EntityAlias.objects.create(entity=mgh, alias="MGH")

    response = staff_client.post(f"{ALIASES}{alias.public_id}/remove/")

    assert response.status_code == 302
    assert not EntityAlias.objects.exists()
    assert AuditEvent.objects.filter(action="registry.alias.removed").count() == 1


def test_the_page_finds_short_names_by_name(staff_client, mgh):
    EntityAlias.objects.create(entity=mgh, alias="MGH")
    EntityAlias.objects.create(
        entity=EntityFactory(name="CHILDREN'S HOSPITAL OF PHILADELPHIA"), alias="CHOP"
    )

    response = staff_client.get(ALIASES, {"q": "massachusetts"})

    assert [a.alias for a in response.context["page"].object_list] == ["MGH"]
    assert staff_client.get(ALIASES, {"q": "mgh\x00"}).status_code in (200, 400)


# --- the known short names --------------------------------------------------------------------


def cms_names() -> dict[str, str]:
    with (CMS_DIR / CMS_FILES[0][1]).open(newline="", encoding="utf-8") as handle:
        return {row["Facility ID"]: row["Facility Name"] for row in csv.DictReader(handle)}


@pytest.mark.unit
def test_every_known_short_name_names_the_hospital_it_says_in_the_cms_file():
    names_by_ccn = cms_names()

    assert len(KNOWN_ALIASES) >= 12
    for ccn, name, aliases in KNOWN_ALIASES:
        assert names_by_ccn.get(ccn) == name, ccn
        assert aliases


@pytest.mark.django_db
def test_seeding_gives_the_hospitals_present_their_short_names_once():
    staff = StaffFactory()
    EntityFactory(name="MASSACHUSETTS GENERAL HOSPITAL", ccn="220071")
    EntityFactory(name="CHILDREN'S HOSPITAL OF PHILADELPHIA", ccn="393303")

    assert seed_known_aliases(staff) == 2
    assert seed_known_aliases(staff) == 0
    assert sorted(EntityAlias.objects.values_list("alias", flat=True)) == ["CHOP", "MGH"]
    assert names("chop") == ["CHILDREN'S HOSPITAL OF PHILADELPHIA"]
