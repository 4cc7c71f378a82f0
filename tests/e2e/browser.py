"""Helpers for browser tests: sign a person in, read the mail outbox, check accessibility,
take screenshots. The fixtures that hand out browsers and pages live in conftest.py.

Every helper takes the Playwright page it acts on; pages from the `page` / `new_page`
fixtures have the live server as their base URL, so `page.goto("/dashboard/")` works.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from django.conf import settings
from django.core import mail
from playwright.sync_api import Page, expect

from tests.factories import DEFAULT_PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# axe-core impacts that fail a test; "moderate" and "minor" are reported by axe but tolerated.
FAILING_IMPACTS = frozenset({"serious", "critical"})


# --- signing in ------------------------------------------------------------------------------


def current_totp_code(user) -> str:
    """The code the person's authenticator app shows right now (allauth's own algorithm).

    allauth accepts only the current 30-second window (MFA_TOTP_TOLERANCE is 0), so near
    the end of a window this waits for the next one rather than send a code about to expire
    (6 s ahead: on a loaded CI machine typing and sending the code has taken seconds)."""
    from allauth.mfa import app_settings
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    period = app_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < 6:
        time.sleep(left + 0.1)
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def login(page: Page, live_server, user, *, password: str = DEFAULT_PASSWORD) -> None:
    """Sign in through the real sign-in form, as a person would; a person with TOTP set up
    (every center role) also gets through allauth's second-factor form. Ends on the dashboard.

    A TOTP code is accepted once per 30-second window, so sign one MFA user in at most once
    per window (other pages: `force_login`)."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    if has_totp(user):
        page.get_by_label("Code").fill(current_totp_code(user))
        page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{live_server.url}/dashboard/")


def force_login(page: Page, live_server, user) -> None:
    """Give the page's browser context `user`'s session without the sign-in form (Django's
    `Client.force_login`, cookie copied into the context): for tests about pages past it.
    Center-role users still need an authenticator (tests.factories.give_mfa) to pass the
    MFA gate."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


# --- email -----------------------------------------------------------------------------------


def last_email_to(address: str):
    """The most recent message in Django's test outbox addressed to `address`.

    The live server runs in the test's process and tasks run inline after commit, so mail
    a page sends is in `django.core.mail.outbox` by the time the response has arrived."""
    for message in reversed(mail.outbox):
        if address in message.to:
            return message
    sent = [(message.to, message.subject) for message in mail.outbox]
    raise AssertionError(f"No email to {address}; the outbox holds {sent}")


def link_in_email(address: str, *, containing: str = "") -> str:
    """The first link in the last email to `address` (whose URL contains `containing`)."""
    body = last_email_to(address).body
    for url in re.findall(r"https?://[^\s<>\"]+", body):
        if containing in url:
            return url
    raise AssertionError(f"No link containing {containing!r} in the email to {address}:\n{body}")


# --- checks ----------------------------------------------------------------------------------


def assert_accessible(page: Page, *, context: str = "") -> None:
    """Run axe-core (WCAG 2.1 A/AA and best-practice rules) on the page as it is now; fail
    on any serious or critical violation, listing rule, help text and the offending nodes."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    if not failing:
        return
    lines = []
    for violation in failing:
        lines.append(
            f"- {violation['id']} [{violation['impact']}]: {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:8]:
            summary = " ".join((node.get("failureSummary") or "").split())
            where = " ".join(map(str, node["target"]))
            lines.append(f"    at {where}: {summary[:300]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more")
    about = f" ({context})" if context else ""
    raise AssertionError(
        f"axe found {len(failing)} serious/critical accessibility problem(s) on {page.url}"
        f"{about}:\n" + "\n".join(lines)
    )


def assert_fits_the_screen(page: Page) -> None:
    """Nothing makes the page scroll sideways (wide tables scroll inside their own frame)."""
    width = page.evaluate("document.documentElement.clientWidth")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll}px wide on a {width}px screen"


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save a PNG to test-artifacts/screenshots/<name>.png (gitignored) and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled")
    return path
