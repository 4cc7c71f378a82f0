"""Adding an organization from its registry listing, clicked through as a person would: from
"Add an organization" to "find your hospital", past a CCN that is not listed and a listing
another organization already claimed, to the organization form filled in from the CMS row,
then the listing's claim in one click, which staff approve as any other. axe-core checks every
page on the way; with SOCIALRX_SCREENSHOTS=1 each new page is also saved at 1280 and 390 px
(test-artifacts/screenshots/onboarding-*.png)."""

import os

import pytest
from playwright.sync_api import expect

from socialrx.organizations.models import Organization
from socialrx.registry.models import Claim
from socialrx.registry.services.claims import approve_claim
from tests.factories import OrganizationFactory, UserFactory
from tests.registry.factories import EntityFactory

from .browser import DESKTOP, PHONE, assert_accessible, assert_fits_the_screen, login, screenshot

pytestmark = pytest.mark.e2e

HOSPITAL = "Northfield Community Hospital"


@pytest.fixture
def registry(db):
    """A hospital as CMS lists it, and a neighbour another organization already claimed."""
    hospital = EntityFactory(
        name="NORTHFIELD COMMUNITY HOSPITAL",
        ccn="241365",
        street_address="2000 NORTH AVENUE NE",
        city="NORTHFIELD",
        postal_code="55057",
        phone="(507) 646-1000",
        website="https://www.northfieldhospital.example",
    )
    claimed = EntityFactory(
        name="NORTHFIELD SURGICAL HOSPITAL",
        ccn="241366",
        city="NORTHFIELD",
        organization=OrganizationFactory(name="Northfield Surgical Partners", city="Northfield"),
    )
    person = UserFactory(
        email="pat.lee@gmail.com", full_name="Pat Lee", professional_title="Marketing Director"
    )
    return {"hospital": hospital, "claimed": claimed, "person": person}


def snap(page, name: str) -> None:
    """The page at desktop and phone width, when screenshots are asked for."""
    if os.environ.get("SOCIALRX_SCREENSHOTS") != "1":
        return
    screenshot(page, f"onboarding-{name}-1280")
    page.set_viewport_size(PHONE)
    assert_fits_the_screen(page)
    screenshot(page, f"onboarding-{name}-390")
    page.set_viewport_size(DESKTOP)


def test_a_person_adds_their_hospital_from_its_listing_and_claims_it(
    page, live_server, registry, staff
):
    hospital, person = registry["hospital"], registry["person"]
    login(page, live_server, person)

    # "Add an organization" starts from the registry.
    page.get_by_role("link", name="Add an organization", exact=True).click()
    expect(
        page.get_by_role("heading", level=1, name="Find your hospital or practice in the registry")
    ).to_be_visible()
    assert_accessible(page, context="find your listing")
    search = page.get_by_label("Name, city, CMS certification number or NPI")

    # A CCN nobody has is explained, with the way on.
    search.fill("999999")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "No listing in the registry has the CMS certification number 999999."
    )
    assert_accessible(page, context="find your listing, unknown CCN")
    snap(page, "find-unknown-ccn")

    # By city: the hospital, and a neighbour already claimed (no way to start from it).
    search.fill("Northfield")
    page.get_by_role("button", name="Find").click()
    results = page.get_by_role("list").filter(has=page.get_by_role("heading", level=3))
    expect(results.get_by_role("listitem")).to_have_count(2)
    surgical = results.get_by_role("listitem").filter(has_text="Northfield Surgical Hospital")
    expect(surgical).to_contain_text("Already claimed")
    expect(surgical.get_by_role("link")).to_have_count(0)
    assert_accessible(page, context="find your listing, results")
    snap(page, "find-results")

    # The claimed one, asked for directly, is refused with the way forward.
    page.goto("/organizations/start/hospitals/241366/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Northfield Surgical Hospital is already claimed"
    )
    assert_accessible(page, context="listing already claimed")
    snap(page, "claimed")
    page.go_back()

    # Starting from the hospital's listing fills in the organization form from the CMS row.
    page.get_by_role("link", name=f"Start from {HOSPITAL}, Northfield, MN").click()
    expect(page.get_by_role("heading", level=1, name="Add your organization")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("We filled this in from the listing")
    expect(page.get_by_label("Type")).to_have_value("hospital")
    expect(page.get_by_label("Name")).to_have_value(HOSPITAL)
    expect(page.get_by_label("Street address")).to_have_value("2000 North Avenue NE")
    expect(page.get_by_label("City")).to_have_value("Northfield")
    expect(page.get_by_label("State")).to_have_value("MN")
    expect(page.get_by_label("ZIP code")).to_have_value("55057")
    expect(page.get_by_label("Phone")).to_have_value("(507) 646-1000")
    expect(page.get_by_label("CMS certification number")).to_have_value("241365")
    assert_accessible(page, context="organization form, filled in from the listing")
    snap(page, "form-filled-in")

    # The person may still change anything, and adds what CMS does not publish.
    page.get_by_label("Licensed beds").fill("25")
    page.get_by_role("button", name="Create organization").click()

    # The new admin is offered the listing's claim: one click.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Claim {HOSPITAL}")
    expect(page.get_by_label("Your role there")).to_have_value("Marketing Director")
    assert_accessible(page, context="claim the listing")
    snap(page, "claim")
    page.get_by_role("button", name="Claim the listing").click()

    expect(page.get_by_role("heading", level=1, name=HOSPITAL)).to_be_visible()
    expect(page.get_by_text(f"Your claim on {HOSPITAL} for {HOSPITAL} was sent.")).to_be_visible()
    assert_accessible(page, context="organization profile, claim sent")

    organization = Organization.objects.get(name=HOSPITAL)
    assert (organization.cms_certification_number, organization.licensed_beds) == ("241365", 25)
    assert organization.phone == "(507) 646-1000"
    claim = Claim.objects.get(entity=hospital)
    assert (claim.claimant, claim.organization, claim.status) == (person, organization, "pending")

    # Staff approve it as any other claim: the listing is the organization's.
    approve_claim(actor=staff, claim=claim)
    hospital.refresh_from_db()
    assert hospital.organization == organization
