"""My agenda in Chromium: the page is axe clean, blocked by no Content-Security-Policy rule and
fits a 375-pixel phone; "Copy link" copies the private link; "Remove from my agenda" swaps
the button in place with htmx (the focus stays on it) and, without JavaScript, posts the form
and comes back to the page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from socialrx.events.models import StarredSession
from socialrx.events.services import my_agenda as services
from tests.e2e.browser import (
    assert_accessible,
    assert_fits_the_screen,
    force_login,
)
from tests.events.my_agenda_support import make_agendas
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.e2e,
]

MY_AGENDA = "/events/my/agenda/"


@pytest.fixture
def chromium(browser):
    """The process's one Chromium (tests/e2e/conftest.py: skipped, or failed under
    REQUIRE_BROWSER=1, without one)."""
    return browser


@pytest.fixture
def open_page(chromium, live_server):
    """A signed-in page in a new context: `open_page(person, width, javascript=True)`; fails
    the test on any CSP report."""
    contexts, blocked = [], []

    def make(person, width: int = 1280, *, javascript: bool = True):
        context = chromium.new_context(
            viewport={"width": width, "height": 900},
            base_url=live_server.url,
            timezone_id="Europe/Berlin",
            locale="en-US",
            java_script_enabled=javascript,
        )
        context.set_default_timeout(10_000)
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
        force_login(page, live_server, person)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not blocked, f"The Content-Security-Policy blocked: {blocked}"


@pytest.fixture
def keeper(transactional_db, settings, live_server):
    """A person with three starred sessions over two events and a calendar link."""
    settings.SITE_URL = live_server.url
    agendas = make_agendas()
    person = UserFactory(full_name="Dana Whitfield")
    for session in (agendas.keynote, agendas.panel, agendas.answering):
        StarredSession.objects.create(person=person, session=session)
    feed = services.issue_feed(person)
    return person, agendas, feed


@pytest.mark.parametrize("width", [1280, 375])
def test_my_agenda_is_accessible_and_fits_the_screen(open_page, keeper, width):
    person, _, _ = keeper
    page = open_page(person, width)
    page.goto(MY_AGENDA)

    assert_accessible(page, context=f"{MY_AGENDA} at {width}px")
    assert_fits_the_screen(page)
    # The virtual webinar's time with the viewer's clock beside it (local-times.js).
    assert "your time, Europe/Berlin" in page.locator(".my-agenda-time").last.inner_text()


def test_copy_link_puts_the_private_link_on_the_clipboard(open_page, keeper, live_server):
    person, _, feed = keeper
    page = open_page(person)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(MY_AGENDA)

    page.get_by_role("button", name="Copy link").click()

    # The clipboard write is asynchronous: wait for the status it leaves (a busy machine is
    # slower than the click's return).
    expect(page.locator("#feed-copy-status")).to_have_text(
        "Link copied. Paste it into your calendar program."
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{live_server.url}/events/agenda/{feed.token}.ics"


def test_unstarring_with_htmx_swaps_the_button_and_keeps_the_focus(open_page, keeper):
    person, agendas, _ = keeper
    page = open_page(person)
    page.goto(MY_AGENDA)
    page.evaluate("window.stayedOnThePage = true")

    page.get_by_role(
        "button", name=re.compile(r"Remove from my agenda\W+Why physicians should post")
    ).click()

    again = page.get_by_role(
        "button", name=re.compile(r"Add to my agenda\W+Why physicians should post")
    )
    again.wait_for()
    assert page.evaluate("window.stayedOnThePage") is True
    assert page.evaluate("document.activeElement.id") == f"star-{agendas.keynote.public_id}"
    assert not StarredSession.objects.filter(person=person, session=agendas.keynote).exists()
    assert_accessible(page, context="after unstarring")

    again.click()
    page.get_by_role(
        "button", name=re.compile(r"Remove from my agenda\W+Why physicians should post")
    ).wait_for()
    assert StarredSession.objects.filter(person=person, session=agendas.keynote).exists()


def test_without_javascript_the_form_posts_and_comes_back(open_page, keeper):
    person, agendas, _ = keeper
    page = open_page(person, javascript=False)
    page.goto(MY_AGENDA)
    assert page.get_by_role("button", name="Copy link").count() == 0  # hidden without JS

    page.get_by_role(
        "button", name=re.compile(r"Remove from my agenda\W+Measuring what matters")
    ).click()

    # Back at the same address: the message says the new page has loaded.
    expect(page.locator("body")).to_contain_text(
        "“Measuring what matters” is no longer in your agenda."
    )
    assert not StarredSession.objects.filter(person=person, session=agendas.panel).exists()


def test_issuing_a_new_link_shows_a_different_link(open_page, keeper, live_server):
    person, _, feed = keeper
    page = open_page(person, 375)
    page.goto(MY_AGENDA)

    page.get_by_role("button", name="Issue a new link").click()

    # The page comes back at the same address, so its message (not the address) says it has loaded.
    expect(page.locator("body")).to_contain_text("The old link no longer works")
    shown = page.get_by_label("Your private calendar link").input_value()
    assert shown.startswith(f"{live_server.url}/events/agenda/")
    assert shown != f"{live_server.url}/events/agenda/{feed.token}.ics"


def test_the_time_has_its_own_line_and_the_sessions_come_first(open_page, keeper):
    person, _, _ = keeper
    page = open_page(person, 1280)
    page.goto(MY_AGENDA)
    feed = page.locator(".my-agenda-feed").bounding_box()
    first_event = page.locator(".my-agenda-event").first.bounding_box()
    # Wide screen: the calendar link's card beside the sessions, both at the top.
    assert feed["x"] >= first_event["x"] + first_event["width"]
    assert abs(feed["y"] - first_event["y"]) < 40
    for item in page.locator(".my-agenda-item").all():
        time = item.locator(".my-agenda-time").bounding_box()
        title = item.locator(".my-agenda-title").bounding_box()
        assert time["y"] + time["height"] <= title["y"] + 0.5  # above the title, not across it

    phone = open_page(person, 375)
    phone.goto(MY_AGENDA)
    sessions_end = phone.locator(".my-agenda-item").last.bounding_box()
    feed = phone.locator(".my-agenda-feed").bounding_box()
    assert feed["y"] >= sessions_end["y"] + sessions_end["height"]  # a phone: after them
