"""Browser tests: Chromium through Playwright against the live server, with axe-core run on
every page a test visits; any WCAG 2.1 A/AA violation fails the test."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import CHROMIUM

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


class AxeAudit:
    def __init__(self) -> None:
        self.axe = Axe()
        self.violations: list[str] = []
        self.pages: list[str] = []

    def check(self, page) -> None:  # type: ignore[no-untyped-def]
        if page.url in ("about:blank", "") or page.url in self.pages:
            return
        self.pages.append(page.url)
        result = self.axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        for violation in result.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            self.violations.append(f"{page.url}: {violation['id']} ({violation['impact']}) {targets}")


@pytest.fixture
def page(browser, live_server, transactional_db):
    """A fresh browser page; every page it loads is checked with axe-core."""
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    audit = AxeAudit()
    page.on("load", audit.check)
    yield page
    audit.check(page)
    context.close()
    assert not audit.violations, "axe-core found accessibility violations:\n" + "\n".join(audit.violations)
    assert audit.pages, "the test visited no page"


def login(page, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()
