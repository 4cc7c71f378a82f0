"""Registration in Chromium: the registration, order and staff ticket pages are axe clean,
blocked by no Content-Security-Policy rule, and fit a 375-pixel phone. (The journey of a member
registering two colleagues at the member price and paying by card is in
tests/e2e/test_events_journeys.py.)
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from socialrx.events.models import TicketKind
from tests.e2e.browser import (
    assert_accessible,
    assert_fits_the_screen,
    force_login,
)
from tests.events.factories import make_attendee, make_event, make_ticket_type
from tests.training.factories import member_org

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
            timezone_id="America/Chicago",
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
def summit(transactional_db):
    event = make_event(title="Social Media in Health Care Summit", capacity=200)
    make_ticket_type(
        event, name="Member", kind=TicketKind.MEMBER, price_cents=65_000, quota=40, position=0
    )
    make_ticket_type(event, name="Non-member", price_cents=85_000, position=1)
    workshop = make_ticket_type(event, name="Workshop day", quota=1, position=2)
    make_attendee(event, workshop)  # sold out: the waitlist is offered
    return event


@pytest.mark.parametrize("width", [1280, 375])
def test_the_registration_pages_are_accessible_and_fit_the_screen(
    open_page, live_server, summit, width, staff
):
    organization, admin, member = member_org()
    page = open_page(width)
    force_login(page, live_server, admin)
    page.goto(f"/events/{summit.slug}/register/?count=2")
    expect(page.get_by_role("button", name="Join the waitlist for Workshop day")).to_be_visible()
    assert_accessible(page, context=f"register at {width}px")
    assert_fits_the_screen(page)
    page.get_by_label("Member: $520.00").check()
    page.get_by_role("button", name="Register and continue").click()  # attendee 2 is empty
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    assert_accessible(page, context=f"register with errors at {width}px")
    assert_fits_the_screen(page)

    from socialrx.events.services.registration import AttendeeDetails, register  # noqa: PLC0415

    order = register(
        admin,
        summit,
        summit.ticket_types.get(name="Non-member"),
        [AttendeeDetails(full_name="Ana Li", email="ana@x.example")],
        organization=organization,
    )
    page.goto(f"/events/orders/{order.public_id}/")
    expect(page.locator(".js-hold-countdown")).to_contain_text("minutes left")
    assert_accessible(page, context=f"order, pending at {width}px")
    assert_fits_the_screen(page)

    staff_page = open_page(width)
    force_login(staff_page, live_server, staff)
    staff_page.goto(f"/staff/events/{summit.slug}/tickets/")
    assert_accessible(staff_page, context=f"staff tickets at {width}px")
    assert_fits_the_screen(staff_page)
