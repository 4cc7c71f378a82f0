"""Browser-test fixtures: Debian's Chromium (never a downloaded one), driven by Playwright
against pytest-django's live server, which runs in this process on a transactional test
database (so rows a test creates are visible to the server, and mail it sends lands in
`django.core.mail.outbox`).

    def test_something(page, live_server, user):
        login(page, live_server, user)          # helpers: tests/e2e/browser.py
        page.goto("/dashboard/")                # relative to the live server
        assert_accessible(page)

`page` is one person in one browser context (1280×900); `new_page(width=390)` opens more
people, or other screen widths, each in its own context. Every test here is marked `e2e`.
A page on which the Content-Security-Policy blocks anything (inline style or script, a
foreign asset) fails its test; a failed test leaves screenshots in test-artifacts/failures/.

Without Chromium at /usr/bin/chromium these tests are skipped, loudly; with
REQUIRE_BROWSER=1 (CI) they fail instead.
"""

import os
from pathlib import Path

import pytest

from .browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, DESKTOP

E2E_DIR = Path(__file__).resolve().parent
SKIP_REASON = f"BROWSER TESTS SKIPPED: no Chromium at {CHROMIUM} (Debian: apt-get install chromium)"


SCREENSHOTS = E2E_DIR / "test_screenshots.py"


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(config, items):
    for item in items:
        if E2E_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)
    # The screenshot generator is a tool for people (scripts/screenshots.py), not a test of
    # the suite: it costs a minute of CI and asserts little the journeys do not.
    if os.environ.get("SOCIALRX_SCREENSHOTS") != "1":
        kept = [item for item in items if Path(item.path).resolve() != SCREENSHOTS]
        if len(kept) != len(items):
            config.hook.pytest_deselected(items=[i for i in items if i not in kept])
            items[:] = kept


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's outcome on the test item, so fixtures can see a failure."""
    report = yield
    setattr(item, f"e2e_report_{report.when}", report)
    return report


def pytest_terminal_summary(terminalreporter):
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if SKIP_REASON in str(getattr(report, "longrepr", ""))
    ]
    if skipped:
        terminalreporter.write_sep("!", f"{len(skipped)} {SKIP_REASON}", red=True, bold=True)


def _require_chromium() -> None:
    if os.access(CHROMIUM, os.X_OK):
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(
            f"REQUIRE_BROWSER=1 but Chromium is not installed at {CHROMIUM} "
            "(Debian: apt-get install chromium). Browser tests may not be skipped here.",
            pytrace=False,
        )
    pytest.skip(SKIP_REASON)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium per test process (each xdist worker has its own)."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _celery_tasks_run_inline(settings):
    """With REDIS_URL set (as in CI) settings leave CELERY_TASK_ALWAYS_EAGER off and tasks
    would wait for a worker that never comes; here they run inline, after commit, as they do
    without a broker. The Celery app read its settings once, so its config is set as well."""
    from socialrx.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def new_page(browser, live_server, settings, request):
    """A factory of pages: each call is a new browser context (its own cookies, so its own
    person), with the live server as base URL. Pages are closed after the test; when the test
    failed, each page's last state is saved under test-artifacts/failures/."""
    # Links in emails (invitations) are built from SITE_URL: point them at this server.
    settings.SITE_URL = live_server.url
    contexts = []
    policy_violations = []

    def make(width: int = DESKTOP["width"], height: int = DESKTOP["height"]):
        context = browser.new_context(
            viewport={"width": width, "height": height}, base_url=live_server.url
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                policy_violations.append(f"{page.url}: {message.text}")
                if message.type == "error" and "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    yield make

    call = getattr(request.node, "e2e_report_call", None)
    if call is not None and call.failed:
        failures = ARTIFACTS / "failures"
        failures.mkdir(parents=True, exist_ok=True)
        for number, context in enumerate(contexts, start=1):
            for page in context.pages:
                page.screenshot(path=str(failures / f"{request.node.name}-{number}.png"))
    for context in contexts:
        context.close()
    if policy_violations:
        pytest.fail(
            "The Content-Security-Policy blocked inline code or a foreign asset:\n"
            + "\n".join(policy_violations),
            pytrace=False,
        )


@pytest.fixture
def page(new_page):
    """One person's page at desktop size (1280×900) on the live server."""
    return new_page()
