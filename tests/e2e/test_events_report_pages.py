"""The staff reports in Chromium: the registrations list (filtered), the sales page (two charts
and their table) and the attendance page are axe clean, blocked by no Content-Security-Policy
rule, and fit a 375-pixel phone as well as a desktop screen."""

from __future__ import annotations

import pytest

from socialrx.events.models import CheckIn
from socialrx.events.services.registration import register
from tests.e2e.browser import (
    assert_accessible,
    assert_fits_the_screen,
    force_login,
)
from tests.events.factories import make_attendee, make_event, make_session, make_ticket_type
from tests.events.registration_support import check_out, details, pay_by_check
from tests.factories import StaffFactory, UserFactory, give_mfa

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
def world(transactional_db):
    staff = StaffFactory()
    give_mfa(staff)
    upcoming = make_event(title="Social Media in Health Care Summit", capacity=100)
    general = make_ticket_type(upcoming, name="Non-member", price_cents=45_000, quota=40)
    make_ticket_type(upcoming, name="Student", kind="student", price_cents=15_000)
    for n in range(3):
        buyer = UserFactory()
        order = register(
            buyer,
            upcoming,
            general,
            details(
                f"guest{n}@riverside.example",
                organization_name="Riverside Regional Medical Center",
                dietary_needs="Vegetarian",
                accessibility_needs="Wheelchair access" if n == 0 else "",
            ),
        )
        invoice = check_out(buyer, order, pay_by="invoice")
        if n < 2:
            pay_by_check(staff, invoice, reference=f"10{n}")
    past = make_event(title="Spring Webinar on Patient Stories", starts_in_days=-7)
    ticket = make_ticket_type(past, name="General admission", price_cents=0)
    for n in range(4):
        attendee = make_attendee(
            past,
            ticket,
            person=UserFactory() if n % 2 else None,
            organization_name=f"Clinic {n % 2}",
        )
        if n != 3:
            CheckIn.objects.create(attendee=attendee, event=past, method="scan")
    make_session(past, title="Keynote", recording_url="https://videos.example/keynote")
    return staff, upcoming, past


@pytest.mark.parametrize("width", [375, 1280])
def test_the_report_pages_are_accessible_and_fit_the_screen(open_page, live_server, world, width):
    staff, upcoming, past = world
    page = open_page(width)
    force_login(page, live_server, staff)
    pages = [
        (f"/staff/events/{upcoming.slug}/registrations/?status=confirmed", "Registrations"),
        (f"/staff/events/{upcoming.slug}/sales/", "Revenue by ticket type"),
        (f"/staff/events/{past.slug}/attendance/", "Certificates of attendance"),
    ]
    for path, heading in pages:
        response = page.goto(path)
        assert response.status == 200, path
        assert page.get_by_role("heading", name=heading).count() >= 1
        assert_accessible(page, context=f"{path} at {width}px")
        assert_fits_the_screen(page)
    page.goto(f"/staff/events/{upcoming.slug}/sales/")
    assert page.locator("svg.line-chart").count() == 2
