"""The public pages in Chromium: local-times.js writes the viewer's own clock beside a hybrid
event's times (and nothing when the viewer is in the event's zone); every page is axe clean,
blocked by no Content-Security-Policy rule, and fits a 375-pixel phone."""

from __future__ import annotations

import re

import pytest

from tests.e2e.browser import (
    assert_accessible,
    assert_fits_the_screen,
    force_login,
)
from tests.events.factories import make_attendee
from tests.events.public_support import make_summit

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
    """A page in a new context: `open_page(zone, width)`; fails the test on any CSP report."""
    contexts, blocked = [], []

    def make(zone: str = "America/Chicago", width: int = 1280):
        context = chromium.new_context(
            viewport={"width": width, "height": 900},
            base_url=live_server.url,
            timezone_id=zone,
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
    return make_summit()


def test_a_viewer_in_berlin_sees_their_own_time_beside_the_event_time(open_page, summit):
    page = open_page("Europe/Berlin")
    page.goto(f"/events/{summit.event.slug}/agenda/")

    first = page.locator(".ev-slot-time").first
    # 9:00 AM in Chicago (CDT) is 4:00 PM in Berlin (CEST)
    assert " ".join(first.inner_text().split()) == "9:00 AM (4:00 PM your time, Europe/Berlin)"
    assert page.locator(".local-time").count() == 2  # the day's two start times


def test_the_weekday_is_added_when_the_viewers_date_differs(open_page, summit):
    page = open_page("Asia/Tokyo")
    page.goto(f"/events/{summit.event.slug}/sessions/{summit.keynote.slug}/")
    # 9:00 AM Monday in Chicago is 11:00 PM Monday in Tokyo; the event's end is Wednesday there
    note = page.locator(".local-time").first.inner_text()
    assert note == " (11:00 PM your time, Asia/Tokyo)"
    page.goto(f"/events/{summit.event.slug}/")
    ends = page.locator(".ev-details .local-time").nth(1).inner_text()  # starts, then ends
    assert ends == " (Wed 7:00 AM your time, Asia/Tokyo)"


def test_a_viewer_in_the_events_zone_sees_no_second_time(open_page, summit):
    page = open_page("America/Chicago")
    page.goto(f"/events/{summit.event.slug}/agenda/")
    assert page.locator(".ev-slot-time").first.inner_text() == "9:00 AM"
    assert page.locator(".local-time").count() == 0


@pytest.mark.parametrize("width", [1280, 375])
def test_every_public_page_is_accessible_and_fits_the_screen(open_page, summit, width):
    slug = summit.event.slug
    page = open_page("Europe/Berlin", width)
    for path in [
        "/events/",
        f"/events/{slug}/",
        f"/events/{slug}/agenda/",
        f"/events/{slug}/agenda/?day=all&track={summit.strategy.pk}",
        f"/events/{slug}/sessions/{summit.panel.slug}/",
        f"/events/{slug}/speakers/",
        f"/events/{slug}/speakers/{summit.okafor.slug}/",
    ]:
        page.goto(path)
        assert_accessible(page, context=f"{path} at {width}px")
        assert_fits_the_screen(page)


def test_on_a_phone_the_agenda_stacks_the_sessions_of_a_slot(open_page, summit):
    page = open_page("America/Chicago", 375)
    page.goto(f"/events/{summit.event.slug}/agenda/")
    crisis, tiktok = page.locator(".ev-slot").nth(1).locator(".ev-session").all()
    first, second = crisis.bounding_box(), tiktok.bounding_box()
    assert second["y"] >= first["y"] + first["height"]  # one under the other
    assert abs(first["x"] - second["x"]) < 1


def test_a_signed_in_persons_agenda_with_its_star_buttons_is_accessible_on_a_phone(
    open_page, summit, live_server, user
):
    page = open_page("Europe/Berlin", 375)
    force_login(page, live_server, user)
    page.goto(f"/events/{summit.event.slug}/agenda/")
    assert page.locator("form.star-form").count() == 3
    assert (
        page.get_by_role(
            "button", name=re.compile(r"^Add to my agenda.*TikTok for nurses$")
        ).count()
        == 1
    )
    assert_accessible(page, context="signed in, 375px")
    assert_fits_the_screen(page)


@pytest.mark.parametrize("width", [375, 320])
def test_on_a_phone_every_day_of_the_switcher_is_whole_and_focus_shows(open_page, summit, width):
    page = open_page("America/Chicago", width)
    page.goto(f"/events/{summit.event.slug}/agenda/")
    days = page.get_by_role("navigation", name="Days of the agenda")
    nav = days.bounding_box()
    links = days.get_by_role("link").all()
    assert [" ".join(link.inner_text().split()) for link in links] == [
        "Mon, Apr 15 3 sessions",
        "Tue, Apr 16 1 session",
        "All days",
    ]
    for link in links:  # wrapped onto another line if need be, never cut off
        box = link.bounding_box()
        assert box["x"] >= nav["x"] - 0.5
        assert box["x"] + box["width"] <= min(nav["x"] + nav["width"], width) + 0.5
        assert box["y"] + box["height"] <= nav["y"] + nav["height"] + 0.5
    links[1].focus()
    page.keyboard.press("Tab")  # by keyboard, as a person would: :focus-visible applies
    all_days = days.get_by_role("link", name="All days")
    assert all_days.evaluate("element => element === document.activeElement")
    outline = all_days.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline == "solid"
    assert days.evaluate("element => getComputedStyle(element.querySelector('ul')).overflowX") == (
        "visible"
    )  # nothing to clip the focus ring
    assert_fits_the_screen(page)


@pytest.mark.parametrize("width", [1280, 375])
def test_a_registered_persons_event_page_is_accessible_and_fits(
    open_page, summit, live_server, user, width
):
    make_attendee(summit.event, person=user)
    page = open_page("Europe/Berlin", width)
    force_login(page, live_server, user)
    page.goto(f"/events/{summit.event.slug}/")
    status = page.locator("#your-registration")
    assert " ".join(status.inner_text().split()) == "✓ You're registered Your ticket Your order"
    assert page.get_by_role("link", name="Register someone else").count() == 2
    assert_accessible(page, context=f"registered, {width}px")
    assert_fits_the_screen(page)
