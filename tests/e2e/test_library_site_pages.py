"""axe-core over the podcast, news, digest and site pages (public and staff's), at a desktop
(1280px) and a phone (390px) width: no serious or critical WCAG violation, nothing wider than
the screen; and the podcast page's "Copy the address" button copies the feed's address."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from socialrx.library.models import ContactMessage
from tests.library.news_support import make_post
from tests.library.podcast_support import make_episode

from .browser import force_login
from .test_accessibility import WIDTHS, check

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(staff):
    episode = make_episode(title="Rounds 1: why hospitals hesitate", number=1)
    make_episode(title="Rounds 2: answering patients", number=2, seconds=3725)
    post = make_post(title="The library is open")
    draft = make_post(title="Spring dates", published_days_ago=None)
    ContactMessage.objects.create(
        name="Dana Whitfield",
        email="dana@lakeside-health.org",
        organization="Lakeside Health",
        topic="membership",
        message="How is a health system of six hospitals priced?",
    )
    return {"episode": episode, "post": post, "draft": draft, "staff": staff}


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_are_accessible(new_page, world, width):
    page = new_page(width=width)
    for path in (
        "/podcast/",
        "/news/",
        f"/news/{world['post'].slug}/",
        "/about/",
        "/contact/",
        "/privacy/",
        "/terms/",
    ):
        check(page, path)


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_pages_are_accessible(new_page, live_server, world, width):
    page = new_page(width=width)
    force_login(page, live_server, world["staff"])
    for path in (
        reverse("library:staff_episode", args=[world["episode"].resource.public_id]),
        "/staff/library/news/",
        "/staff/library/news/new/",
        reverse("library:staff_news_edit", args=[world["draft"].public_id]),
        "/staff/library/digest/",
        "/staff/site/terms/",
        "/staff/site/messages/",
    ):
        check(page, path)


def test_the_feed_address_is_copied(new_page, live_server, world):
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server.url}/podcast/")

    page.get_by_role("button", name="Copy the address").click()

    # The clipboard answers asynchronously: wait for the message rather than read it at once.
    expect(page.get_by_role("status")).to_have_text(
        "The address was copied: paste it into your podcast app."
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/podcast/feed.xml")
