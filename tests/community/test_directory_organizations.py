"""The directory's Organizations tab and an organization's page: only listed member
organizations, with type, place, size band (their plan's), platforms and case-study count;
the filters with counts written out by hand; the page with its description, listed people,
published case studies and registry listing; "not found" for the others; constant queries."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from socialrx.library.models import Access, ResourceStatus
from socialrx.registry.models import Entity, EntityKind
from tests.community.directory_factories import (
    make_case_study,
    make_membership,
    make_org,
    make_org_entry,
    make_person,
    make_plan,
)
from tests.factories import SeatFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ORGANIZATIONS = {"show": "organizations"}
DIRECTORY = reverse("community:directory")


@pytest.fixture
def world():
    beds = make_plan(size_min=100, size_max=299)
    riverbend = make_org("Riverbend Hospital", state="MN", plan=beds)
    lakeview = make_org(
        "Lakeview Clinic",
        org_type="practice",
        state="WI",
        city="Madison",
        plan=make_plan(audience="practice", size_min=1, size_max=5),
    )
    summit = make_org(
        "Summit Health System",
        org_type="health_system",
        state="MN",
        plan=make_plan(audience="health_system", size_min=2, size_max=5),
    )
    quiet = make_org("Quiet Hospital")  # a member that did not list itself
    lapsed = make_org("Lapsed Hospital", member=False)
    make_membership(lapsed, lapsed=True)
    outside = make_org("Outside Health", member=False)
    make_org_entry(riverbend, platforms=("facebook", "youtube"), description="We post daily.")
    make_org_entry(lakeview, platforms=("instagram",))
    make_org_entry(summit, platforms=("facebook",))
    make_org_entry(quiet, listed=False)
    make_org_entry(lapsed)
    make_org_entry(outside)
    make_case_study(riverbend, title="Answering reviews in a day")
    make_case_study(riverbend, title="A flu campaign on YouTube", access=Access.MEMBER)
    make_case_study(riverbend, title="Still a draft", status=ResourceStatus.DRAFT)
    viewer = SeatFactory(organization=lakeview).user
    return {
        "riverbend": riverbend,
        "lakeview": lakeview,
        "quiet": quiet,
        "lapsed": lapsed,
        "outside": outside,
        "beds": beds,
        "viewer": viewer,
    }


def _names(response) -> list[str]:
    assert response.status_code == 200
    return [card.organization.name for card in response.context["cards"]]


def test_only_listed_member_organizations_appear_with_their_facts(client, world):
    client.force_login(world["viewer"])

    response = client.get(DIRECTORY, ORGANIZATIONS)

    assert _names(response) == ["Lakeview Clinic", "Riverbend Hospital", "Summit Health System"]
    cards = {card.organization.name: card for card in response.context["cards"]}
    assert cards["Riverbend Hospital"].size_band == "100–299 licensed beds"
    assert cards["Lakeview Clinic"].size_band == "1–5 providers"
    assert [len(card.case_studies) for card in response.context["cards"]] == [0, 2, 0]
    html = response.content.decode()
    assert "Hospital · Rochester, MN" in html
    assert '<li class="badge badge-brand">YouTube</li>' in html
    assert "<dt>Case studies</dt><dd>2</dd>" in html
    for hidden in ("Quiet Hospital", "Lapsed Hospital", "Outside Health"):
        assert hidden not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"org_type": "hospital"}, ["Riverbend Hospital"]),
        ({"platform": "facebook"}, ["Riverbend Hospital", "Summit Health System"]),
        ({"state": "MN"}, ["Riverbend Hospital", "Summit Health System"]),
        ({"state": "MN", "platform": "youtube"}, ["Riverbend Hospital"]),
        ({"q": "clinic"}, ["Lakeview Clinic"]),
        ({"q": "quiet"}, []),
    ],
)
def test_filters(client, world, query, expected):
    client.force_login(world["viewer"])

    assert _names(client.get(DIRECTORY, ORGANIZATIONS | query)) == expected


def test_the_size_band_filter_offers_the_members_plans(client, world):
    client.force_login(world["viewer"])

    response = client.get(DIRECTORY, ORGANIZATIONS | {"size_band": str(world["beds"].public_id)})

    assert _names(response) == ["Riverbend Hospital"]
    labels = [label for _, label in response.context["form"].fields["size_band"].choices]
    assert labels == [
        "Any",
        "Health systems: 2–5 hospitals",
        "Hospitals: 1+ licensed beds",
        "Hospitals: 100–299 licensed beds",
        "Physician practices: 1–5 providers",
    ]


# --- an organization's page -----------------------------------------------------------------


def test_the_organization_page(client, world):
    riverbend = world["riverbend"]
    make_person(riverbend, "Ana Silva")
    make_person(riverbend, "Dan Hidden", listed=False)
    Entity.objects.create(
        kind=EntityKind.HOSPITAL,
        name="RIVERBEND HOSPITAL",
        ccn="240077",
        city="ROCHESTER",
        state="MN",
        organization=riverbend,
    )
    client.force_login(world["viewer"])

    response = client.get(reverse("community:organization", args=[riverbend.public_id]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Riverbend Hospital</h1>" in html
    assert "<p>We post daily.</p>" in html
    assert "<dt>Size</dt><dd>100–299 licensed beds</dd>" in html
    assert "Ana Silva" in html and "Dan Hidden" not in html
    assert "Answering reviews in a day" in html and "A flu campaign on YouTube" in html
    assert "Still a draft" not in html
    assert 'href="/registry/hospitals/240077/">Riverbend Hospital’s registry listing</a>' in html


def test_an_organization_without_a_registry_listing_has_no_link(client, world):
    client.force_login(world["viewer"])

    response = client.get(reverse("community:organization", args=[world["lakeview"].public_id]))

    html = response.content.decode()
    assert "registry listing" not in html
    assert "Lakeview Clinic has not published a case study yet." in html


@pytest.mark.parametrize("which", ["quiet", "lapsed", "outside"])
def test_organizations_not_in_the_directory_are_not_found(client, world, which):
    client.force_login(world["viewer"])

    url = reverse("community:organization", args=[world[which].public_id])

    assert client.get(url).status_code == 404


def test_an_unknown_organization_is_not_found(client, world):
    client.force_login(world["viewer"])

    assert client.get(reverse("community:organization", args=[uuid.uuid4()])).status_code == 404


# --- queries --------------------------------------------------------------------------------


def _grow(size: int) -> None:
    for number in range(size):
        organization = make_org(f"Growth Hospital {number}", plan=make_plan(size_min=number + 1))
        make_org_entry(organization, platforms=("facebook", "x"))
        make_case_study(organization, title=f"Growth story {number}")
        make_person(organization, f"Growth Person {number}")


@pytest.mark.parametrize("size", [1, 8])
def test_the_organizations_tab_takes_the_same_queries_at_any_size(
    client, world, size, django_assert_num_queries
):
    _grow(size)
    client.force_login(world["viewer"])

    with django_assert_num_queries(12):
        response = client.get(DIRECTORY, ORGANIZATIONS | {"platform": "facebook"})

    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 8])
def test_the_organization_page_takes_the_same_queries_at_any_size(
    client, world, size, django_assert_num_queries
):
    _grow(size)
    for number in range(size):
        make_person(world["riverbend"], f"Riverbend Person {number}")
    client.force_login(world["viewer"])
    url = reverse("community:organization", args=[world["riverbend"].public_id])

    with django_assert_num_queries(13):
        response = client.get(url)

    assert response.status_code == 200
