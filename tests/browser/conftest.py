"""Browser journeys: Playwright drives Debian's Chromium (never a downloaded browser) against the live server."""

import contextlib
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.accounts.factories import PASSWORD, totp_code

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is required at {CHROMIUM} (apt-get install chromium).")
        pytest.skip(f"Chromium absent at {CHROMIUM}: apt-get install chromium to run the browser journeys.")
    # Playwright's sync API runs an event loop in this thread; the test bodies still use the ORM.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris")
    context.set_default_timeout(10_000)
    page = context.new_page()
    refused = []

    def watch(message):
        if "Content Security Policy" in message.text:
            refused.append(f"{page.url}: {message.text}")

    page.on("console", watch)
    yield page
    context.close()
    # Every script and style of the pages visited comes from our own origin, within the CSP.
    assert not refused, refused


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def check_accessibility(axe):
    """Scan the page with axe-core; fail on any serious or critical violation."""

    def check(page, name=None):
        results = axe.run(page)
        violations = [v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]
        if name:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        assert not violations, "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:5]}" for v in violations
        )

    return check


@pytest.fixture
def log_in_through_the_form():
    """Logs a person in as they would: email and password, then, for Region agents and admins, the code their
    authenticator app shows (computed from the factories' TOTP secret). The page is where the login led."""

    def log_in(page, user, start="/comptes/login/"):
        page.goto(start)
        page.locator("#id_login").fill(user.email)
        page.locator("#id_password").fill(PASSWORD)
        page.get_by_role("button", name="Se connecter").click()
        # Wait for the navigation itself (the login page's load state may still be the current one); a refused
        # login answers the login page again.
        with contextlib.suppress(PlaywrightTimeoutError):
            page.wait_for_url(lambda url: "/comptes/login/" not in url, timeout=5000)
        if "/comptes/2fa/authenticate/" in page.url:
            page.get_by_label("Code").fill(totp_code())
            page.get_by_role("button", name="Connexion").click()
            page.wait_for_load_state()
        return page

    return log_in
