"""The foundation's browser journey, clicked through as a person would: a visitor signs up,
verifies the email (read from the test outbox), finds no listing for their hospital, creates
the organization from the empty form and invites a colleague; the colleague opens the link,
signs up and sees the organization's page listing both people. axe-core checks every distinct
page on the way."""

import re

import pytest
from playwright.sync_api import expect

from socialrx.organizations.models import Invitation, Organization, Seat

from .browser import assert_accessible, link_in_email, login

pytestmark = pytest.mark.e2e

FOUNDER = "karen.lindqvist@riverside-rmc.example"
COLLEAGUE = "james.okafor@riverside-rmc.example"
PASSWORD = "Rochester-social-2026!"
ORGANIZATION = "Riverside Regional Medical Center"


def sign_up(page, password: str = PASSWORD) -> None:
    page.get_by_role("textbox", name="Password (required)", exact=True).fill(password)
    page.get_by_label("Password (again)").fill(password)
    page.get_by_role("button", name="Sign Up").click()


def test_a_visitor_signs_up_creates_an_organization_and_a_colleague_joins(
    page, new_page, live_server
):
    # A visitor arrives and creates an account.
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("social media")
    assert_accessible(page, context="home page, visitor")
    page.get_by_role("banner").get_by_role("link", name="Create account").click()

    expect(page.get_by_role("heading", name="Sign Up")).to_be_visible()
    assert_accessible(page, context="sign-up form")
    page.get_by_label("Email").fill(FOUNDER)
    sign_up(page)

    # Verification: the email holds the link; allauth asks for a click to confirm.
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    assert_accessible(page, context="verification sent")
    page.goto(link_in_email(FOUNDER, containing="/accounts/confirm-email/"))
    expect(page.get_by_role("heading", name="Confirm Email Address")).to_be_visible()
    assert_accessible(page, context="confirm email")
    page.get_by_role("button", name="Confirm").click()

    # The dashboard invites the new person to add an organization.
    expect(page).to_have_url(f"{live_server.url}/dashboard/")
    expect(
        page.get_by_role("heading", name="You are not part of an organization yet")
    ).to_be_visible()
    assert_accessible(page, context="dashboard, no organization")
    page.get_by_role("link", name="Add an organization", exact=True).click()

    # Adding one starts from the registry; this hospital is not listed (the registry is empty
    # here: tests/e2e/test_onboarding_from_registry.py starts from a listing).
    expect(
        page.get_by_role("heading", name="Find your hospital or practice in the registry")
    ).to_be_visible()
    page.get_by_label("Name, city, CMS certification number or NPI").fill("Riverside Regional")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing in the registry matches")
    page.get_by_role("link", name="Add your organization with an empty form").click()

    expect(page.get_by_role("heading", name="Add your organization")).to_be_visible()
    assert_accessible(page, context="organization form")
    page.get_by_label("Type").select_option(label="Hospital")
    page.get_by_label("Name").fill(ORGANIZATION)
    page.get_by_label("City").fill("Rochester")
    page.get_by_label("State").select_option("MN")
    page.get_by_label("Licensed beds").fill("350")
    page.get_by_role("button", name="Create organization").click()

    expect(page.get_by_role("heading", level=1, name=ORGANIZATION)).to_be_visible()
    assert_accessible(page, context="organization profile")

    # The founder, now its admin, invites a colleague.
    page.get_by_role("navigation", name=ORGANIZATION).get_by_role(
        "link", name="Invitations"
    ).click()
    expect(page.get_by_role("heading", name="No invitations yet")).to_be_visible()
    assert_accessible(page, context="invitations, none yet")
    page.get_by_label("Email address").fill(COLLEAGUE)
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text(f"An invitation was emailed to {COLLEAGUE}")).to_be_visible()
    invitations = page.get_by_role("table", name=f"Invitations to {ORGANIZATION}")
    expect(invitations.get_by_role("row", name=re.compile(COLLEAGUE))).to_contain_text("Pending")
    assert_accessible(page, context="invitations, one pending")

    # The colleague, in a browser of their own, opens the link from the email.
    colleague = new_page()
    colleague.goto(link_in_email(COLLEAGUE, containing="/organizations/invitations/"))
    invitation_url = colleague.url
    expect(colleague.get_by_role("heading", name=f"Join {ORGANIZATION}")).to_be_visible()
    assert_accessible(colleague, context="invitation, visitor")
    colleague.get_by_role("link", name="Create your account and join").click()

    expect(colleague.get_by_label("Email")).to_have_value(COLLEAGUE)
    sign_up(colleague)

    # The invitation link proved the address: no second verification, back to the invitation.
    expect(colleague).to_have_url(invitation_url)
    expect(colleague.get_by_role("button", name="Accept and join")).to_be_visible()
    assert_accessible(colleague, context="invitation, signed in")
    colleague.get_by_role("button", name="Accept and join").click()

    expect(colleague.get_by_text(f"Welcome to {ORGANIZATION}.")).to_be_visible()
    expect(colleague.get_by_role("heading", level=1, name=ORGANIZATION)).to_be_visible()
    people = colleague.get_by_role("list", name=f"People in {ORGANIZATION}")
    expect(people.get_by_role("listitem")).to_have_count(2)
    expect(people.get_by_role("listitem").filter(has_text=FOUNDER)).to_contain_text("Admin")
    expect(people.get_by_role("listitem").filter(has_text=COLLEAGUE)).not_to_contain_text("Admin")
    assert_accessible(colleague, context="organization profile, new member")

    organization = Organization.objects.get(name=ORGANIZATION)
    roles = dict(organization.seats.values_list("user__email", "role"))
    assert roles == {FOUNDER: "admin", COLLEAGUE: "member"}
    assert Invitation.objects.get(email=COLLEAGUE).status == "accepted"


def test_bad_organization_input_is_explained_beside_the_fields_and_creates_nothing(
    page, live_server, user
):
    login(page, live_server, user)
    page.get_by_role("link", name="Add an organization", exact=True).click()
    page.get_by_role("link", name="Add your organization with an empty form").click()
    page.get_by_label("Type").select_option(label="Hospital")
    page.get_by_label("Name").fill("Mercy Hospital")
    page.get_by_label("City").fill("Springfield")
    page.get_by_label("State").select_option("IL")
    page.get_by_label("Licensed beds").fill("-4")
    page.get_by_label("CMS certification number").fill("12-AB")
    page.get_by_role("button", name="Create organization").click()

    expect(page.get_by_role("alert")).to_contain_text("Please correct the 2 fields marked below")
    # Each message sits beside its field and is read out with it.
    beds = page.get_by_label("Licensed beds")
    expect(beds).to_have_value("-4")
    expect(beds).to_have_attribute("aria-invalid", "true")
    expect(beds).to_have_accessible_description(re.compile("Enter a whole number of 1 or more"))
    ccn = page.get_by_label("CMS certification number")
    expect(ccn).to_have_attribute("aria-invalid", "true")
    expect(ccn).to_have_accessible_description(
        re.compile("A CMS certification number has 6 characters")
    )
    expect(page.get_by_label("Name")).not_to_have_attribute("aria-invalid", "true")
    assert_accessible(page, context="organization form with errors")

    assert Organization.objects.count() == 0
    assert Seat.objects.count() == 0


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()  # visible when focused, not only to screen readers
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    # The next Tab continues inside the content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")
