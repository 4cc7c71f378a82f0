"""axe-core over every events page, by audience: the public pages (a visitor) and a member's
pages at a desktop (1280px) and a phone (375px) width, the staff back office at a desktop
width. No serious or critical WCAG violation, and nothing wider than the screen.

Kept cheap for CI: one world per test (the live server's database is emptied after each
test, so a world cannot outlive it), one browser context per audience and width."""

from urllib.parse import urlsplit

import pytest

from .browser import assert_accessible, assert_fits_the_screen, force_login
from .events_world import sweep_world

pytestmark = pytest.mark.e2e
WIDTHS = (1280, 375)


@pytest.fixture
def world(staff):
    return sweep_world(staff=staff)


def check(page, path: str, *, status: int = 200) -> None:
    response = page.goto(path)
    assert response.status == status, f"{path} answered {response.status}"
    # A redirect (to sign-in, to MFA setup) would mean another page was checked.
    here = urlsplit(page.url)
    assert here.path + (f"?{here.query}" if here.query else "") == path, f"{path} -> {page.url}"
    assert_accessible(page, context=f"{page.viewport_size['width']}px wide")
    assert_fits_the_screen(page)


def test_the_public_events_pages_are_accessible(new_page, world):
    for width in WIDTHS:
        page = new_page(width=width)
        for path in world["public"]:
            check(page, path)
        check(page, "/events/no-such-event/", status=404)


def test_a_members_and_an_org_admins_events_pages_are_accessible(new_page, live_server, world):
    for width in WIDTHS:
        for who, pages in (("member", "member_pages"), ("admin", "admin_pages")):
            page = new_page(width=width)
            force_login(page, live_server, world[who])
            for path in world[pages]:
                check(page, path)


def test_the_staff_events_pages_are_accessible(new_page, live_server, staff, world):
    page = new_page()
    force_login(page, live_server, staff)
    for path in world["staff_pages"]:
        check(page, path)
