"""Browser tests: Playwright driving a Chromium that is already on the machine (it never downloads one).

The browser is the first found of: $PLAYWRIGHT_CHROMIUM_EXECUTABLE, then chromium, chromium-browser,
google-chrome or google-chrome-stable on the PATH. Without one the tests are skipped on a developer's machine
and fail in CI (CI=true), where .ci/run installs Debian's chromium.
"""

import os
import shutil
from pathlib import Path

import pytest

from intaj_portal.env import env_bool

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

# Playwright's sync API keeps an event loop running in the test thread; the ORM calls the tests make there are
# still synchronous, one at a time.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_executable() -> str | None:
    configured = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE")
    if configured:
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(autouse=True)
def _restore_migration_data(migration_data):
    """Live-server tests run in a database a previous one may have emptied: put the catalogue back first."""


@pytest.fixture(autouse=True)
def documents_storage(settings, tmp_path):
    """Files the journeys upload go to a temporary directory, never to var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "documents"},
        },
    }


@pytest.fixture(scope="session")
def browser():
    executable = chromium_executable()
    if executable is None:
        message = "no Chromium found: install Debian's chromium or set PLAYWRIGHT_CHROMIUM_EXECUTABLE"
        if env_bool("CI", False):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def csp_violations_watch(page, violations: list[str]) -> None:
    """Record what the browser's console says the Content-Security-Policy blocked on `page` (and on every page it
    goes on to): an inline script, an inline style, a resource from another origin."""

    def _record(message):
        if "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", _record)


@pytest.fixture
def open_page(browser, live_server):
    """`open_page(viewport=PHONE)` gives a fresh page in its own context; pages are closed after the test.

    The test fails if the browser reports that the Content-Security-Policy blocked anything on a page it visited.
    """
    contexts = []
    violations = []

    def _open(*, viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, base_url=live_server.url)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        csp_violations_watch(page, violations)
        return page

    yield _open
    for context in contexts:
        context.close()
    assert violations == [], "the Content-Security-Policy blocked something:\n" + "\n".join(violations)


def screenshot(page, name: str) -> Path:
    """Keep a full-page screenshot under test-artifacts/screenshots/ for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# The WCAG 2.1 A and AA rules of axe-core: what a government portal in the UAE is expected to meet.
WCAG21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    """Run axe-core (shipped inside the axe-playwright-python package: nothing is downloaded) on the page as it is
    now, with the WCAG 2.1 A/AA rules, and answer one readable line per element that fails a rule: the page, the
    rule, the element's selector and what is wrong.

    There is no exception today. One would be a (rule, selector) left out by the test that scans the page, with the
    reason written beside it.
    """
    from axe_playwright_python.base import AXE_SCRIPT

    options = {
        "runOnly": {"type": "tag", "values": WCAG21_AA_TAGS},
        # Success criterion 2.5.3 (label in name, WCAG 2.1 A): axe still calls its rule experimental and leaves it
        # off unless asked.
        "rules": {"label-content-name-mismatch": {"enabled": True}},
        "resultTypes": ["violations"],
    }
    # Once per page loaded: a page scanned again at another width keeps the axe it has.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    found = page.evaluate("options => axe.run(document, options)", options)["violations"]
    lines = []
    for violation in found:
        for node in violation["nodes"]:
            selector = " ".join(str(part) for part in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{page.url} at {page.viewport_size['width']} px [{violation['id']}] {selector}: {summary}")
    return lines
