"""axe-core over every page a person reaches, at a desktop (1280px) and a phone (390px)
width: no serious or critical WCAG violation, and nothing wider than the screen."""

from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from playwright.sync_api import expect

from socialrx.billing.services.payments import record_manual_payment
from socialrx.core.calendar import center_today
from socialrx.core.email import record_failed_email
from socialrx.membership.demo import seed_plans
from socialrx.membership.services.applications import apply_for_membership
from socialrx.organizations.services import invite_person
from socialrx.registry.models import ImportJob
from socialrx.registry.services.imports import preview_import
from tests.factories import DEFAULT_PASSWORD, SeatFactory
from tests.membership.factories import InvoiceFactory
from tests.registry.factories import (
    AccountFactory,
    ClaimFactory,
    CorrectionFactory,
    EntityFactory,
)

from .browser import assert_accessible, assert_fits_the_screen, current_totp_code, force_login

pytestmark = pytest.mark.e2e
WIDTHS = [pytest.param(1280, id="desktop"), pytest.param(390, id="phone")]


@pytest.fixture
def world(org_a, staff):
    """Organization A with an admin, two members, a pending invitation and a membership
    application (so tables, badges and the audit log have rows), and a staff user with MFA."""
    seed_plans()
    organization, admin, member = org_a
    SeatFactory(organization=organization)
    invite_person(actor=admin, organization=organization, email="new.hire@riverside-rmc.example")
    apply_for_membership(
        actor=admin,
        organization=organization,
        billing_contact_name="Karen Lindqvist",
        billing_email="ap@riverside-rmc.example",
        agreed_to_terms=True,
    )
    listing = EntityFactory(organization=organization, website="https://www.riverside-rmc.example")
    account = AccountFactory(
        entity=listing, platform="facebook", address="facebook.com/RiversideRMC"
    )
    ClaimFactory(entity=listing, claimant=member)
    CorrectionFactory(entity=listing)
    job = ImportJob(kind="hospitals", original_name="hospitals.csv", size_bytes=len(HOSPITALS))
    job.file.save("hospitals.csv", ContentFile(HOSPITALS), save=True)
    preview_import(job_id=job.pk)
    return {
        "org": organization,
        "admin": admin,
        "member": member,
        "staff": staff,
        "listing": listing,
        "account": account,
        "job": job,
    }


# Two good rows and one with a malformed CCN: the preview lists a rejected row.
HOSPITALS = (
    b'"Facility ID","Facility Name","City/Town","State"\r\n'
    b"240999,NORTHFIELD COMMUNITY HOSPITAL,NORTHFIELD,MN\r\n"
    b"24-99,BAD ROW HOSPITAL,NOWHERE,MN\r\n"
    b"240998,LAKE CITY MEDICAL CENTER,LAKE CITY,MN\r\n"
)


def check(page, path: str, *, status: int = 200) -> None:
    response = page.goto(path)
    assert response.status == status, f"{path} answered {response.status}"
    # A redirect (to sign-in, to MFA setup) would mean another page was checked.
    here = urlsplit(page.url)
    assert here.path + (f"?{here.query}" if here.query else "") == path, f"{path} -> {page.url}"
    assert_accessible(page, context=f"{page.viewport_size['width']}px wide")
    assert_fits_the_screen(page)


PUBLIC_PAGES = [
    "/",
    "/pricing/",
    "/registry/",
    "/registry/?q=riverside&state=MN",
    "/registry/adoption/",
    "/registry/adoption/?kind=physician",
    "/registry/leaderboards/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_are_accessible(new_page, world, width):
    page = new_page(width=width)
    listing = world["listing"].get_absolute_url()
    for path in [*PUBLIC_PAGES, listing, f"{listing}correction/"]:
        check(page, path)
    check(page, "/no-such-page/", status=404)


def org_admin_pages(org) -> list[str]:
    return [
        reverse("dashboard"),
        reverse("organizations:create"),
        reverse("organizations:detail", args=[org.public_id]),
        reverse("organizations:edit", args=[org.public_id]),
        reverse("organizations:people", args=[org.public_id]),
        reverse("organizations:invitations", args=[org.public_id]),
        reverse("membership:overview", args=[org.public_id]),
        reverse("membership:pricing"),
        reverse("billing:organization", args=[org.public_id]),
        reverse("billing:organization_statement", args=[org.public_id]),
        reverse("billing:mine"),
        reverse("billing:my_statement"),
        reverse("profile"),
        reverse("account_change_password"),
        reverse("account_email"),
        reverse("mfa_index"),
    ]


def registry_manager_pages(world) -> list[str]:
    listing, account = world["listing"], world["account"]
    args = [listing.kind_slug, listing.key]
    return [
        reverse("registry:accounts", args=args),
        reverse("registry:account_edit", args=[*args, account.public_id]),
        reverse("registry:claim", args=args),
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_an_org_admins_pages_are_accessible(new_page, live_server, world, width):
    page = new_page(width=width)
    force_login(page, live_server, world["admin"])
    # An invitation email the server refused: the notice on every page, and its page's table.
    record_failed_email(
        recipients=["no.such.person@example.org"],
        subject="You are invited to join Riverside Regional Medical Center on SocialRx",
        template="organizations/email/invitation",
        triggered_by_id=world["admin"].pk,
        reason="SMTPRecipientsRefused: 550 No such mailbox",
    )
    # The world's application is not approved yet, so it has no invoice: one of its own.
    invoice = InvoiceFactory(organization=world["org"])
    for path in [
        *org_admin_pages(world["org"]),
        reverse("billing:invoice", args=[invoice.public_id]),
        *registry_manager_pages(world),
        reverse("failed_emails"),
    ]:
        check(page, path)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_members_pages_are_accessible(new_page, live_server, world, width, settings):
    page = new_page(width=width)
    force_login(page, live_server, world["member"])
    for path in [
        reverse("dashboard"),
        reverse("organizations:detail", args=[world["org"].public_id]),
        reverse("organizations:people", args=[world["org"].public_id]),
    ]:
        check(page, path)
    check(page, reverse("organizations:invitations", args=[world["org"].public_id]), status=404)
    # Past the PDF limit (none allowed here): the page that asks to wait.
    settings.PDF_DOWNLOADS_PER_10_MINUTES = 0
    check(page, f"{reverse('billing:my_statement')}?format=pdf", status=429)


STAFF_PAGES = [
    "/staff/audit/",
    "/staff/audit/?action=organizations.invitation",
    "/staff/people/",
    "/staff/membership/applications/",
    "/staff/membership/memberships/",
    "/staff/billing/invoices/",
    "/staff/billing/payments/",
    "/staff/billing/revenue/",
    "/staff/membership/reports/",
    "/staff/membership/plans/",
    "/staff/membership/plans/new/",
    "/staff/registry/imports/",
    "/staff/registry/claims/",
    "/staff/registry/corrections/",
    "/staff/registry/aliases/",
]


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_pages_are_accessible(new_page, live_server, world, width):
    page = new_page(width=width)
    force_login(page, live_server, world["staff"])
    job = reverse("registry:staff_import", args=[world["job"].public_id])
    # An invoice paid in part by check, so the billing pages have rows to check.
    invoice = InvoiceFactory(organization=world["org"])
    record_manual_payment(
        actor=world["staff"],
        invoice=invoice,
        amount_cents=500_000,
        method="check",
        reference="Check 1042",
        received_on=center_today(),
    )
    staff_invoice = reverse("billing:staff_invoice", args=[invoice.public_id])
    for path in [*STAFF_PAGES, job, staff_invoice]:
        check(page, path)


def test_staff_sign_in_with_a_one_time_code_and_reach_the_audit_log(page, live_server, world):
    """The sign-in error and the second-factor form are pages of their own."""
    staff = world["staff"]
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page, context="sign-in refused")

    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_label("Code")).to_be_visible()
    assert_accessible(page, context="second factor")
    page.get_by_label("Code").fill(current_totp_code(staff))
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{live_server.url}/dashboard/")

    page.get_by_text("Center staff").click()
    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", level=1, name="Audit log")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("new.hire@riverside-rmc.example")
    assert_accessible(page, context="audit log")


# --- training: the catalogue, courses, lessons and quizzes, boot camps, on-site training,
# certificates, and their staff pages (the world: tests/e2e/training_world.py) ---------------


@pytest.fixture
def training(staff, coach):
    from .training_world import training_sweep_world

    return training_sweep_world(staff=staff, coach=coach)


@pytest.mark.parametrize("width", WIDTHS)
def test_training_public_pages_are_accessible(new_page, training, width):
    page = new_page(width=width)
    for path in training["public"]:
        check(page, path)
    for path in training["public_not_found"]:
        check(page, path, status=404)


@pytest.mark.parametrize("width", WIDTHS)
def test_training_pages_of_a_member_and_an_org_admin_are_accessible(
    new_page, live_server, training, width
):
    for who, pages in (("member", "member_pages"), ("admin", "admin_pages")):
        page = new_page(width=width)
        force_login(page, live_server, training[who])
        for path in training[pages]:
            check(page, path)


@pytest.mark.parametrize("width", WIDTHS)
def test_training_staff_pages_are_accessible(new_page, live_server, staff, training, width):
    page = new_page(width=width)
    force_login(page, live_server, staff)
    for path in training["staff_pages"]:
        check(page, path)
