"""The header holds every menu the apps declare on one row at desktop widths (1280, 1440 and
1920 px) for a staff member, who sees the most; on a phone it is two compact rows whose
drop-downs open full width. The API documentation in the footer opens a working Swagger UI,
served by the application under its own Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from socialrx.api.api import api
from tests.factories import org_with_admin

from .browser import assert_accessible, assert_fits_the_screen, force_login

pytestmark = pytest.mark.e2e

# One row of the header: its 4rem bar (64 px) and the 1 px border under it, with a little room.
ONE_ROW = 72


def header_rows(page) -> dict:
    """The header's height, and the top and bottom of every item in its bar, measured once the
    page and its fonts have loaded (a box measured earlier may still change width)."""
    page.wait_for_load_state("load")
    return page.evaluate(
        """async () => {
            await document.fonts.ready;
            const header = document.querySelector(".site-header");
            const items = [...header.querySelectorAll(
                ".brand, .nav-primary > .nav > li, .nav-account > *"
            )].map((element) => element.getBoundingClientRect());
            const primary = header.querySelector(".nav-primary .nav").getBoundingClientRect();
            // The menu's last item: the list itself shrinks (min-width: 0) while its items
            // overflow it, so its own box says nothing of an overlap.
            const ends = [...header.querySelectorAll(".nav-primary > .nav > li")].map(
                (entry) => entry.getBoundingClientRect().right
            );
            const account = header.querySelector(".nav-account").getBoundingClientRect();
            return {
                height: header.getBoundingClientRect().height,
                tops: items.map((box) => Math.round(box.top)),
                bottoms: items.map((box) => Math.round(box.bottom)),
                menuEnds: Math.max(primary.right, ...ends),
                accountStarts: account.left,
            };
        }"""
    )


@pytest.mark.parametrize("width", [1280, 1440, 1920])
def test_the_staff_header_is_one_row_at_desktop_widths(new_page, live_server, staff, width):
    # The longest name the header meets, not whatever name the factory drew this time.
    staff.full_name = "Alexandra Montgomery-Fitzgerald"
    staff.save(update_fields=["full_name"])
    page = new_page(width=width, height=800)
    force_login(page, live_server, staff)
    page.goto("/dashboard/")

    rows = header_rows(page)

    assert rows["height"] <= ONE_ROW, rows
    # Everything sits in the same band: no item wrapped under another.
    assert max(rows["tops"]) < min(rows["bottoms"]), rows
    assert rows["menuEnds"] <= rows["accountStarts"], "the main menu runs into the account menu"
    assert_fits_the_screen(page)
    expect(page.locator(".nav-primary").get_by_role("link", name="Dashboard")).to_be_visible()
    expect(page.locator("summary", has_text="Center staff")).to_be_visible()


def test_the_staff_menu_opens_its_sections_and_leads_to_a_back_office(page, live_server, staff):
    force_login(page, live_server, staff)
    page.goto("/dashboard/")

    page.locator("summary", has_text="Center staff").click()
    menu = page.locator(".nav-menu-staff .nav-menu-panel")
    expect(menu.get_by_text("Back offices", exact=True)).to_be_visible()
    expect(menu.get_by_text("Center", exact=True)).to_be_visible()
    assert_accessible(page, context="staff menu open")
    menu.get_by_role("link", name="Registry back office").click()
    page.get_by_role("link", name="Claims").click()

    expect(page).to_have_url(f"{live_server.url}/staff/registry/claims/")
    # Anywhere in a back office, the staff menu shows where the person is.
    expect(page.locator("summary.is-current", has_text="Center staff")).to_be_visible()


def test_one_drop_down_is_open_at_a_time_and_escape_closes_it(page, live_server, staff):
    force_login(page, live_server, staff)
    page.goto("/")

    page.locator(".nav-primary summary", has_text="Membership").click()
    page.locator("summary", has_text="Center staff").click()
    expect(page.locator("details.nav-menu[open]")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(page.locator("details.nav-menu[open]")).to_have_count(0)


def test_on_a_phone_the_header_is_two_compact_rows_and_menus_open_full_width(
    new_page, live_server, staff
):
    page = new_page(width=390, height=844)
    force_login(page, live_server, staff)
    page.goto("/dashboard/")

    assert header_rows(page)["height"] <= 130
    assert_fits_the_screen(page)
    page.locator("summary", has_text="Staff").click()
    panel = page.locator(".nav-menu-staff .nav-menu-panel").bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 390, panel
    expect(page.get_by_role("link", name="Audit log")).to_be_visible()
    assert_accessible(page, context="phone header, staff menu open")


def test_an_org_admins_header_fits_one_row_and_shows_the_account_menu(page, live_server):
    _, admin = org_with_admin()
    force_login(page, live_server, admin)
    page.goto("/dashboard/")

    assert header_rows(page)["height"] <= ONE_ROW
    expect(page.locator("summary", has_text="Center staff")).to_have_count(0)
    expect(page.locator(".nav-menu-account summary")).to_contain_text(admin.full_name)


def test_the_footers_api_documentation_lists_every_operation(page, live_server):
    operations = sum(len(item) for item in api.get_openapi_schema()["paths"].values())
    page.goto("/")

    page.get_by_role("link", name="API documentation").click()

    expect(page).to_have_url(f"{live_server.url}/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("SocialRx API")
    expect(page.locator(".swagger-ui .opblock")).to_have_count(operations)
    expect(page.locator(".swagger-ui .opblock-summary-path").first).to_have_text("/api/v1/me")
