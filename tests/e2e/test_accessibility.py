"""axe-core over every page a person reaches, on a desktop and a phone width."""

import pytest
from django.urls import reverse

from socialrx.membership.demo import seed_plans
from socialrx.membership.services.applications import apply_for_membership
from tests.factories import InvitationFactory, OrgMembershipFactory

from .browser import assert_accessible, screenshot, signed_in_page

pytestmark = pytest.mark.e2e
WIDTHS = [1280, 390]


@pytest.fixture
def world(db, org_a, staff):
    seed_plans()
    organization, admin, member = org_a
    InvitationFactory(organization=organization, invited_by=admin)
    OrgMembershipFactory(organization=organization)
    apply_for_membership(
        actor=admin,
        organization=organization,
        billing_contact_name="Karen Lindqvist",
        billing_email="ap@riverside-rmc.example",
        agreed_to_terms=True,
    )
    return {"org": organization, "admin": admin, "member": member, "staff": staff}


PUBLIC_PAGES = [
    "/",
    "/pricing/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_are_accessible(live_server, new_page, path, width):
    page = new_page(width=width)
    page.goto(live_server.url + path)
    assert_accessible(page)
    assert_fits(page, width)


def org_pages(org) -> list[tuple[str, str]]:
    return [
        ("dashboard", reverse("dashboard")),
        ("organization-new", reverse("organizations:create")),
        ("organization", reverse("organizations:detail", args=[org.public_id])),
        ("organization-edit", reverse("organizations:edit", args=[org.public_id])),
        ("organization-people", reverse("organizations:people", args=[org.public_id])),
        ("organization-invitations", reverse("organizations:invitations", args=[org.public_id])),
        ("organization-billing", reverse("membership:billing", args=[org.public_id])),
        ("pricing", reverse("membership:pricing")),
        ("profile", reverse("profile")),
    ]


def assert_fits(page, width: int) -> None:
    """Nothing pushes the page wider than the screen (tables scroll inside their frame)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


@pytest.mark.parametrize("width", WIDTHS)
def test_an_org_admins_pages_are_accessible(live_server, new_page, world, width):
    page = signed_in_page(new_page, live_server, world["admin"], width=width)
    for name, path in org_pages(world["org"]):
        page.goto(live_server.url + path)
        assert_accessible(page)
        assert_fits(page, width)
        screenshot(page, f"admin-{name}-{width}")


STAFF_PAGES = [
    "/staff/audit/",
    "/staff/people/",
    "/staff/membership/applications/",
    "/staff/membership/memberships/",
    "/staff/membership/invoices/",
    "/staff/membership/reports/",
    "/staff/membership/plans/",
    "/staff/membership/plans/new/",
]


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_pages_are_accessible(live_server, new_page, world, width):
    page = signed_in_page(new_page, live_server, world["staff"], width=width)
    for path in STAFF_PAGES:
        page.goto(live_server.url + path)
        assert_accessible(page)
        assert_fits(page, width)
        screenshot(page, f"{path.strip('/').replace('/', '-')}-{width}")
