"""Full-page screenshots of the main pages on the demo data (`socialrx seed-demo`), at a
desktop and a phone width, into test-artifacts/screenshots/ — for people to look at before a
release (`python scripts/screenshots.py` runs just this file). The test itself only asserts
that every page answers and fits the screen."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from socialrx.accounts.models import User
from socialrx.billing.services.checkout import Item, checkout
from socialrx.membership.models import ChargeKind, MembershipCharge
from socialrx.organizations.models import Organization
from socialrx.registry.models import Entity, EntityKind, ImportJob
from tests.billing.sample_kind import CODE, SampleKind, Workshop
from tests.factories import UserFactory

from .browser import DESKTOP, PHONE, assert_fits_the_screen, force_login, screenshot
from .training_world import restore_vocabulary
from .training_world import screenshot_pages as training_pages

pytestmark = pytest.mark.e2e


def registry_pages() -> list[tuple[str, str]]:
    listed = (
        Entity.objects.filter(kind=EntityKind.HOSPITAL, accounts__is_generated=True)
        .annotate(accounts_count=Count("accounts"))
        .order_by("-accounts_count", "ccn")
        .first()
    )
    physician = Entity.objects.filter(kind=EntityKind.PHYSICIAN).order_by("npi").first()
    return [
        ("registry-search", reverse("registry:search")),
        ("registry-search-typo", reverse("registry:search") + "?q=mayo+clinik"),
        ("registry-hospital", listed.get_absolute_url()),
        ("registry-hospital-plain", reverse("registry:entity", args=["hospitals", "240010"])),
        ("registry-physician", physician.get_absolute_url()),
        ("registry-adoption", reverse("registry:adoption")),
        ("registry-adoption-2013", reverse("registry:adoption") + "?as_of=2013-12-31"),
        ("registry-adoption-physicians", reverse("registry:adoption") + "?kind=physician"),
        ("registry-leaderboards", reverse("registry:leaderboards")),
        ("registry-correction", reverse("registry:correction", args=["hospitals", "240010"])),
    ]


def pages(riverside: Organization, workshop: Workshop) -> dict[str, list[tuple[str, str]]]:
    """Who looks (email, or "" for a visitor) → [(screenshot name, path)]."""
    org = riverside.public_id
    # The demo hospital's paid first year and its open renewal (training's demo invoices it
    # for boot camp seats and on-site training too).
    charges = MembershipCharge.objects.select_related("invoice").filter(
        invoice__organization=riverside
    )
    paid = charges.get(kind=ChargeKind.INITIAL, invoice__status="paid").invoice.public_id
    renewal = charges.get(kind=ChargeKind.RENEWAL, invoice__status="open").invoice.public_id
    buy = f"?kind={CODE}&item={workshop.public_id}&quantity=2"
    lakeside = Entity.objects.get(kind=EntityKind.ORGANIZATION, name="Lakeside Family Physicians")
    job = ImportJob.objects.order_by("created_at").first()
    return {
        "": [
            ("home", reverse("home")),
            ("login", reverse("account_login")),
            ("signup", reverse("account_signup")),
            ("pricing", reverse("membership:pricing")),
            *registry_pages(),
        ],
        "newcomer": [("dashboard-newcomer", reverse("dashboard"))],
        "karen.lindqvist@riverside-rmc.example": [
            ("dashboard", reverse("dashboard")),
            ("organization", reverse("organizations:detail", args=[org])),
            ("organization-people", reverse("organizations:people", args=[org])),
            ("organization-invitations", reverse("organizations:invitations", args=[org])),
            ("organization-billing", reverse("membership:overview", args=[org])),
            ("organization-billing-tab", reverse("billing:organization", args=[org])),
            ("organization-statement", reverse("billing:organization_statement", args=[org])),
            ("invoice", reverse("billing:invoice", args=[renewal])),
            ("invoice-paid", reverse("billing:invoice", args=[paid])),
            ("checkout", reverse("billing:checkout") + buy),
            ("my-purchases", reverse("billing:mine")),
            ("organization-edit", reverse("organizations:edit", args=[org])),
            ("profile", reverse("profile")),
            ("registry-claim", reverse("registry:claim", args=["hospitals", "240352"])),
        ],
        "sarah.whitman@lakesidefp.example": [
            (
                "registry-accounts",
                reverse("registry:accounts", args=[lakeside.kind_slug, lakeside.key]),
            ),
        ],
        "dana.whitfield@socialrx.example": [
            ("audit-log", reverse("audit_log")),
            ("people-directory", reverse("people_directory")),
            ("membership-back-office", reverse("membership:staff_applications")),
            ("staff-invoices", reverse("billing:staff_invoices")),
            ("staff-invoice", reverse("billing:staff_invoice", args=[renewal])),
            ("staff-payments", reverse("billing:staff_payments")),
            ("staff-revenue", reverse("billing:staff_revenue")),
            ("registry-imports", reverse("registry:staff_imports")),
            ("registry-import", reverse("registry:staff_import", args=[job.public_id])),
            ("registry-claims", reverse("registry:staff_claims")),
            ("registry-corrections", reverse("registry:staff_corrections")),
        ],
    }


@pytest.fixture
def sample_kind():
    """Workshop seats, the test-only kind, on sale for the checkout page (the live server runs
    in this process, so it sells them too)."""
    kind = SampleKind().install()
    yield kind
    SampleKind.uninstall()


def test_screenshots_of_the_main_pages(new_page, live_server, sample_kind):
    restore_vocabulary()  # an earlier browser test in this process may have emptied it
    call_command("seed_demo", stdout=StringIO())
    riverside = Organization.objects.get(name="Riverside Regional Medical Center")
    newcomer = UserFactory(full_name="Maria Alvarez", email="maria.alvarez@mercy-example.org")
    workshop = sample_kind.add(title="Crisis communication workshop", places=20)
    # The org admin bought a seat for herself, so "My purchases" has an invoice on it.
    karen = User.objects.get(email="karen.lindqvist@riverside-rmc.example")
    checkout(
        actor=karen,
        buyer=karen,
        items=[Item(CODE, workshop.public_id, 1)],
        pay_by="invoice",
        billing_name=karen.full_name,
        billing_email=karen.email,
    )

    everyone = pages(riverside, workshop)
    for who, visits in training_pages().items():
        everyone[who] = [*everyone.get(who, []), *visits]
    for viewport, suffix in [(DESKTOP, "desktop"), (PHONE, "phone")]:
        for who, visits in everyone.items():
            page = new_page(**viewport)
            if who:
                person = newcomer if who == "newcomer" else User.objects.get(email=who)
                force_login(page, live_server, person)
            for name, path in visits:
                response = page.goto(path)
                assert response.status == 200, f"{path} answered {response.status}"
                assert_fits_the_screen(page)
                screenshot(page, f"{name}-{suffix}")
            page.context.close()
