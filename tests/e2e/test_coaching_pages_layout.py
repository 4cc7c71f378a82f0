"""The main coaching pages in Chromium at a desktop (1280px) and a phone (390px) width: each
answers 200 to the person it is for, is axe clean (no serious or critical WCAG violation),
is blocked by no Content-Security-Policy rule and does not scroll sideways.

One test per page and width, each on its own `coaching_world.pages_world`: the live server's
database is emptied after every test (the rows of data migrations too), so a world cannot be
shared between tests; built straight to the tables and through the services, it costs about
0.3 s, less than the test's browser context and axe run."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .browser import force_login
from .coaching_world import ENGAGEMENT, look, pages_world

pytestmark = pytest.mark.e2e
WIDTHS = (1280, 390)
# The pages, by their heading: a page that answers 200 with something else fails.
HEADINGS = {
    "home": "One-on-one training, consulting and coaching",
    "coach": "Dana Whitfield",
    "intake-form": "Riverside Regional Medical Center: what do you need?",
    "engagement": ENGAGEMENT,
    "book": "Book a session",
    "session": "Session with Dana Whitfield",
    "cancel": "Cancel the session",
    "availability": "Your availability",
    "staff-home": "Engagements",
    "assign": "Assign a coach: Lakeside Children's Hospital",
    "utilisation": "Coach utilisation",
}


@pytest.fixture
def world(staff):
    return pages_world(staff=staff)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(HEADINGS))
def test_the_coaching_page_is_accessible_and_fits(new_page, live_server, world, name, width):
    person, path = world["pages"][name]
    page = new_page(width=width)
    if person is not None:
        force_login(page, live_server, person)
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    assert urlsplit(page.url).path == path, f"{path} -> {page.url}"  # no redirect
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADINGS[name])
    if name == "engagement":
        # 8 h of 10 h used: the 80 % banner, with the admin's way to buy more.
        banner = page.locator(".alert-warning").filter(has_text="of the hours are used")
        expect(banner).to_have_text(
            "80 % of the hours are used: 2 h left. Buy more hours before they run out."
        )
    if name == "book":
        # 10 h − 8 h used − 1 h booked.
        expect(page.get_by_text("Left to book:")).to_have_text("Left to book: 1 h.")
    look(page, name)
