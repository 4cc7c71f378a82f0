"""The registry's main journey, clicked through as a person would: a visitor searches a
hospital with a typo and opens it; then signs in, claims it (verified at once: their email is
at the hospital's website domain) and adds its YouTube channel, which the adoption dashboard
then counts. axe-core checks every page on the way; a phone-width pass checks the public pages
fit the screen."""

import re

import pytest
from playwright.sync_api import expect

from socialrx.registry.models import Account, Claim, ClaimStatus
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.registry.factories import AccountFactory, EntityFactory

from .browser import PHONE, assert_accessible, assert_fits_the_screen

pytestmark = pytest.mark.e2e


@pytest.fixture
def registry(db):
    """The hospital, two others with similar names or a presence, and its communicator."""
    mayo = EntityFactory(
        name="MAYO CLINIC HOSPITAL ROCHESTER",
        ccn="240010",
        city="ROCHESTER",
        website="https://www.mayoclinic.org",
    )
    EntityFactory(name="MAYO REGIONAL HOSPITAL", ccn="200024", city="DOVER-FOXCROFT", state="ME")
    other = EntityFactory(name="OLMSTED MEDICAL CENTER", ccn="240006")
    AccountFactory(entity=other, platform="facebook", address="facebook.com/OlmstedMedical")
    person = UserFactory(email="jane.doe@mayoclinic.org", full_name="Jane Doe")
    return {"hospital": mayo, "person": person}


def test_a_visitor_finds_a_hospital_then_claims_it_and_adds_its_youtube_channel(
    page, live_server, registry
):
    hospital, person = registry["hospital"], registry["person"]

    # A visitor searches the registry, misspelling the name.
    page.goto("/")
    page.get_by_role("banner").get_by_role("link", name="Registry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hospitals and physicians on social media"
    )
    assert_accessible(page, context="registry search")
    page.get_by_label("Name, city or handle").fill("mayo clinik")
    page.get_by_role("button", name="Search", exact=True).click()
    results = page.get_by_role("list").filter(has=page.get_by_role("heading", level=3))
    expect(results.get_by_role("heading", level=3).first).to_have_text(
        "Mayo Clinic Hospital Rochester"
    )
    assert_accessible(page, context="search results")

    # The hospital's page: no account listed yet.
    page.get_by_role("link", name="Mayo Clinic Hospital Rochester").click()
    expect(page).to_have_url(f"{live_server.url}/registry/hospitals/240010/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mayo Clinic Hospital Rochester")
    expect(page.get_by_role("heading", name="No account listed yet")).to_be_visible()
    assert_accessible(page, context="hospital page")

    # Claiming needs an account: the sign-in form comes first, then the claim form.
    page.get_by_role("link", name="Claim this listing").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/registry/hospitals/240010/"))
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Do you represent Mayo Clinic Hospital Rochester?"
    )
    expect(page.get_by_text("@mayoclinic.org")).to_be_visible()
    assert_accessible(page, context="claim form")
    page.get_by_label("Your role there").fill("Director of Social Media")
    page.get_by_role("button", name="Send my claim").click()

    # Verified at once through the email domain: the accounts page opens.
    expect(page.get_by_role("heading", level=1)).to_have_text("Social media accounts")
    expect(
        page.get_by_role("list").get_by_text(re.compile("Verified: your address"))
    ).to_be_visible()
    assert Claim.objects.get(entity=hospital, claimant=person).status == ClaimStatus.VERIFIED
    assert_accessible(page, context="accounts page")

    # A mistyped address is refused beside the field; the channel's real address is listed.
    page.get_by_role("combobox", name=re.compile("^Platform")).select_option(label="YouTube")
    page.get_by_label("Address or handle").fill("https://www.youtube.com/watch?v=abc123")
    page.get_by_role("button", name="Add account").click()
    expect(page.get_by_text(re.compile("a link to a video, not a channel"))).to_be_visible()
    assert_accessible(page, context="accounts page with an error")
    page.get_by_label("Address or handle").fill("https://www.youtube.com/@MayoClinic")
    page.get_by_label("Followers").fill("1250")
    page.get_by_role("button", name="Add account").click()
    expect(page.get_by_role("table")).to_contain_text("@MayoClinic")
    assert Account.objects.get(entity=hospital).url == "https://www.youtube.com/@MayoClinic"

    # The public page lists it, and the dashboard counts it.
    page.get_by_role("link", name="View the public page").click()
    expect(page.get_by_role("table")).to_contain_text("YouTube")
    page.goto("/registry/adoption/")
    youtube = page.get_by_role("row", name=re.compile(r"^YouTube"))
    expect(youtube).to_contain_text("1")
    expect(page.get_by_role("row", name=re.compile(r"^Any platform"))).to_contain_text("2")
    summary = page.get_by_role("region", name="Summary")
    expect(summary).to_contain_text("2 of 3 hospitals (66.7%) had at least one account listed")
    assert_accessible(page, context="adoption dashboard")


def test_the_public_registry_pages_fit_a_phone(new_page, registry):
    page = new_page(**PHONE)
    for path in [
        "/registry/",
        "/registry/?q=mayo+clinik",
        "/registry/hospitals/240010/",
        "/registry/adoption/",
        "/registry/leaderboards/?platform=facebook",
        "/registry/hospitals/240010/correction/",
    ]:
        response = page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        assert_fits_the_screen(page)
        assert_accessible(page, context=f"{path} on a phone")
