"""Playwright against Django's live server with Debian's Chromium (never a downloaded one)."""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """A factory of pages, each in its own context (its own cookies: its own person)."""
    contexts = []

    def make(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def assert_accessible(page) -> None:
    """axe-core on the current page: no serious or critical WCAG violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    problems = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert not problems, f"Accessibility problems on {page.url}:\n" + "\n".join(problems)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, base_url: str, user, *, totp: bool = False) -> None:
    """Through the real sign-in form (and the second-factor form for center roles)."""
    import time

    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt
    from playwright.sync_api import expect

    from tests.factories import DEFAULT_PASSWORD

    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if totp:
        authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        secret = decrypt(authenticator.data["secret"])
        code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
        page.get_by_label("Code").fill(code)
        page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{base_url}/dashboard/")


def signed_in_page(new_page, live_server, user, *, width: int = 1280):
    """A page whose browser already holds `user`'s session (for pages past the sign-in)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    page = new_page(width=width)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page
