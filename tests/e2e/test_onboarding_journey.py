"""Browser journey of the foundation: a visitor signs up, verifies the email, creates an
organization and invites a colleague; the colleague opens the link, signs up and sees the
organization's page listing both people."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from socialrx.organizations.models import Organization

from .browser import assert_accessible, screenshot, sign_in

pytestmark = pytest.mark.e2e
PASSWORD = "Rochester-social-2026!"


def link_in_last_email(to: str) -> str:
    message = next(m for m in reversed(mail.outbox) if to in m.to)
    return re.search(r"https?://\S+", message.body).group(0)


def test_sign_up_create_an_organization_and_invite_a_colleague(live_server, new_page, settings):
    settings.SITE_URL = live_server.url  # invitation links point at this server
    base = live_server.url
    page = new_page()

    page.goto(base)
    assert_accessible(page)
    page.get_by_role("link", name="Create your free account").click()
    page.get_by_label("Email").fill("karen@riverside-rmc.example")
    page.get_by_role("textbox", name="Password (required)", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    assert_accessible(page)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    page.goto(link_in_last_email("karen@riverside-rmc.example"))
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(f"{base}/dashboard/")
    assert_accessible(page)
    screenshot(page, "dashboard-new-person")

    page.get_by_role("link", name="Add an organization").click()
    page.get_by_label("Type").select_option("hospital")
    page.get_by_label("Name").fill("Riverside Regional Medical Center")
    page.get_by_label("City").fill("Rochester")
    page.get_by_label("State").select_option("MN")
    page.get_by_label("Licensed beds").fill("350")
    assert_accessible(page)
    page.get_by_role("button", name="Create organization").click()
    expect(page.get_by_role("heading", name="Riverside Regional Medical Center")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Invitations").click()
    page.get_by_label("Email address").fill("james.okafor@riverside-rmc.example")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("An invitation was emailed to james.okafor")).to_be_visible()
    assert_accessible(page)

    colleague = new_page()
    colleague.goto(link_in_last_email("james.okafor@riverside-rmc.example"))
    expect(
        colleague.get_by_role("heading", name="Join Riverside Regional Medical Center")
    ).to_be_visible()
    assert_accessible(colleague)
    colleague.get_by_role("link", name="Create your account and join").click()
    expect(colleague.get_by_label("Email")).to_have_value("james.okafor@riverside-rmc.example")
    colleague.get_by_role("textbox", name="Password (required)", exact=True).fill(PASSWORD)
    colleague.get_by_label("Password (again)").fill(PASSWORD)
    colleague.get_by_role("button", name="Sign Up").click()
    colleague.get_by_role("button", name="Accept and join").click()

    expect(colleague.get_by_text("Welcome to Riverside Regional Medical Center")).to_be_visible()
    people = colleague.get_by_role("list", name="People in Riverside Regional Medical Center")
    expect(people.get_by_role("listitem")).to_have_count(2)
    expect(people).to_contain_text("karen@riverside-rmc.example")
    expect(people).to_contain_text("james.okafor@riverside-rmc.example")
    screenshot(colleague, "organization-two-people")


def test_bad_organization_input_is_explained_beside_the_fields(live_server, new_page, user):
    page = new_page()
    sign_in(page, live_server.url, user)
    page.goto(f"{live_server.url}/organizations/new/")
    page.get_by_label("Type").select_option("hospital")
    page.get_by_label("Name").fill("Mercy Hospital")
    page.get_by_label("City").fill("Springfield")
    page.get_by_label("State").select_option("IL")
    page.get_by_label("Licensed beds").fill("-4")
    page.get_by_label("CMS certification number").fill("12")
    page.get_by_role("button", name="Create organization").click()

    expect(page.get_by_text("A CMS certification number has 6 characters")).to_be_visible()
    expect(page.get_by_text("Enter a whole number of 1 or more.")).to_be_visible()
    assert Organization.objects.count() == 0
    assert_accessible(page)


def test_the_skip_link_is_the_first_tab_stop_and_moves_to_the_content(live_server, new_page):
    page = new_page()
    page.goto(live_server.url)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
