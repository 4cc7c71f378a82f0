"""Full-page screenshots of the main pages on the demo data (`socialrx seed-demo`), at a
desktop and a phone width, into test-artifacts/screenshots/ — for people to look at before a
release (`python scripts/screenshots.py` runs just this file). The test itself only asserts
that every page answers and fits the screen."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from socialrx.accounts.models import User
from socialrx.organizations.models import Organization
from tests.factories import UserFactory

from .browser import DESKTOP, PHONE, assert_fits_the_screen, force_login, screenshot

pytestmark = pytest.mark.e2e


def pages(riverside: Organization) -> dict[str, list[tuple[str, str]]]:
    """Who looks (email, or "" for a visitor) → [(screenshot name, path)]."""
    org = riverside.public_id
    return {
        "": [
            ("home", reverse("home")),
            ("login", reverse("account_login")),
            ("signup", reverse("account_signup")),
            ("pricing", reverse("membership:pricing")),
        ],
        "newcomer": [("dashboard-newcomer", reverse("dashboard"))],
        "karen.lindqvist@riverside-rmc.example": [
            ("dashboard", reverse("dashboard")),
            ("organization", reverse("organizations:detail", args=[org])),
            ("organization-people", reverse("organizations:people", args=[org])),
            ("organization-invitations", reverse("organizations:invitations", args=[org])),
            ("organization-billing", reverse("membership:billing", args=[org])),
            ("organization-edit", reverse("organizations:edit", args=[org])),
            ("profile", reverse("profile")),
        ],
        "dana.whitfield@socialrx.example": [
            ("audit-log", reverse("audit_log")),
            ("people-directory", reverse("people_directory")),
            ("membership-back-office", reverse("membership:staff_applications")),
        ],
    }


def test_screenshots_of_the_main_pages(new_page, live_server):
    call_command("seed_demo", stdout=StringIO())
    riverside = Organization.objects.get(name="Riverside Regional Medical Center")
    newcomer = UserFactory(full_name="Maria Alvarez", email="maria.alvarez@mercy-example.org")

    for viewport, suffix in [(DESKTOP, "desktop"), (PHONE, "phone")]:
        for who, visits in pages(riverside).items():
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
