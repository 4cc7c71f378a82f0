"""The ticket pages in Chromium: "My events", transferring a ticket and cancelling one are axe
clean, blocked by no Content-Security-Policy rule, and fit a 375-pixel phone as well as a
desktop screen; the journey transfers a ticket and then cancels another."""

from __future__ import annotations

import pytest

from socialrx.events.models import Attendee
from tests.e2e.browser import (
    assert_accessible,
    assert_fits_the_screen,
    force_login,
)
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.e2e,
]


@pytest.fixture
def chromium(browser):
    """The process's one Chromium (tests/e2e/conftest.py: skipped, or failed under
    REQUIRE_BROWSER=1, without one)."""
    return browser


@pytest.fixture
def open_page(chromium, live_server):
    """A page in a new context (`open_page(width)`); fails the test on any CSP report."""
    contexts, blocked = [], []

    def make(width: int = 1280):
        context = chromium.new_context(
            viewport={"width": width, "height": 900},
            base_url=live_server.url,
            timezone_id="Europe/Paris",
            locale="en-US",
        )
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                blocked.append(message.text)
                if message.type == "error" and "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert not blocked, f"The Content-Security-Policy blocked: {blocked}"


@pytest.fixture
def world(transactional_db):
    buyer = UserFactory(email="lena@riverside.example", full_name="Lena Ortiz")
    summit = make_event(title="Health Social Summit", refund_percent=50)
    webinar = make_event(title="Telehealth Webinar", format="virtual", starts_in_days=60, days=1)
    past = make_event(title="Last Year's Summit", starts_in_days=-300)
    pass_ = make_ticket_type(summit, name="Member pass", price_cents=45_000)
    mine = make_attendee(summit, pass_, person=buyer)
    colleague = make_attendee(
        summit, pass_, made_by=buyer, full_name="Priya Raman", email="priya@riverside.example"
    )
    make_attendee(webinar, person=buyer)
    make_attendee(past, person=buyer)
    make_attendee(summit, pass_, person=buyer, email="old@x.example", status="cancelled")
    return buyer, mine, colleague


@pytest.mark.parametrize("width", [375, 1280])
def test_the_ticket_pages_are_accessible_and_fit_the_screen(open_page, live_server, world, width):
    buyer, mine, colleague = world
    page = open_page(width)
    force_login(page, live_server, buyer)
    for path in (
        "/events/my/",
        f"/events/tickets/{colleague.public_id}/rename/",
        f"/events/tickets/{mine.public_id}/cancel/",
    ):
        page.goto(path)
        assert_accessible(page, context=f"{path} at {width}px")
        assert_fits_the_screen(page)


def test_the_buyer_transfers_a_ticket_then_cancels_their_own(open_page, live_server, world):
    buyer, mine, colleague = world
    page = open_page(390)
    force_login(page, live_server, buyer)
    page.goto("/events/my/")
    page.get_by_role("link", name="Transfer the ticket of Priya Raman").click()
    page.get_by_label("Name").fill("Omar Haddad")
    page.get_by_label("Email").fill("omar@riverside.example")
    page.get_by_role("button", name="Transfer the ticket").click()
    page.get_by_text("The ticket is now Omar Haddad's").wait_for()
    assert Attendee.objects.get(pk=colleague.pk).email == "omar@riverside.example"

    page.get_by_role(
        "link", name="Cancel the ticket of Lena Ortiz for Health Social Summit"
    ).click()
    page.get_by_text("for 50% back.").wait_for()
    page.get_by_role("button", name="Cancel the ticket").click()
    page.get_by_text("The ticket of Lena Ortiz is cancelled.").wait_for()
    assert Attendee.objects.get(pk=mine.pk).status == "cancelled"


def test_past_events_open_under_their_summary_and_stay_accessible(open_page, live_server, world):
    buyer, _, _ = world
    page = open_page(375)
    force_login(page, live_server, buyer)
    page.goto("/events/my/")
    past_title = page.get_by_role("heading", name="Last Year's Summit")
    assert not past_title.is_visible()  # folded away

    page.get_by_text("Show 1 past ticket").click()

    assert past_title.is_visible()
    assert page.get_by_role(
        "link", name="Download ticket (PDF) of Lena Ortiz for Last Year's Summit"
    ).is_visible()
    assert_accessible(page, context="My events, past events open, 375px")
    assert_fits_the_screen(page)
