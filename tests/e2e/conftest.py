"""Browser tests: Chromium through Playwright against the live server. On every page a test
visits, axe-core runs (any WCAG 2.1 A/AA violation fails the test), and the checks of
tests/e2e/page_checks.py: the title, the favicon, reflow at 320 px, and pa11y with
HTML_CodeSniffer when Node.js and the npm packages are installed (always in CI)."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import CHROMIUM, IN_CI
from tests.e2e import page_checks

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
    def __init__(self, base_url: str, folder: Path) -> None:
        self.axe = Axe()
        self.base_url = base_url
        self.folder = folder
        self.violations: list[str] = []
        self.seen: set[str] = set()
        self.pages: list[str] = []
        self.snapshots: dict[Path, str] = {}

    def check(self, page) -> None:  # type: ignore[no-untyped-def]
        # The same address after an invalid POST is another page: its title starts with "Error:".
        seen = f"{page.url} {page.title()}"
        # Only the portal's own pages: the test identity provider's sign-in page is not ours.
        if not page.url.startswith(self.base_url) or seen in self.seen:
            return
        self.seen.add(seen)
        url = page.url
        self.pages.append(url)
        # The other checks work on a copy, taken first: the test goes on meanwhile, and resizing
        # this page would race with its next step. A copy of a page already left is dropped.
        copy = page_checks.snapshot(page, self.folder, self.base_url)
        if page.url == url:
            self.snapshots[copy] = url
        result = self.axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        for violation in result.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            self.violations.append(f"{page.url}: {violation['id']} ({violation['impact']}) {targets}")

    def check_copies(self, browser) -> None:  # type: ignore[no-untyped-def]
        """Title, favicon and reflow at 320 px of every page seen, then pa11y over them all."""
        context = browser.new_context(viewport=page_checks.NARROW, locale="sv-SE", java_script_enabled=False)
        copy = context.new_page()
        for path, url in self.snapshots.items():
            copy.goto(path.as_uri())
            self.violations.extend(page_checks.page_problems(copy, url))
        context.close()
        self.second_engine()

    def second_engine(self) -> None:
        """pa11y with HTML_CodeSniffer over the same pages; tests/e2e/test_second_engine.py says
        (skipped, with the reason) when it cannot run on this machine. CI must run it."""
        missing = page_checks.pa11y_missing()
        if missing and IN_CI:
            pytest.fail(f"CI must provide this: {missing}", pytrace=False)
        if missing or not self.snapshots:
            return
        pages = {path.name: url for path, url in self.snapshots.items()}
        for error in page_checks.run_pa11y(list(self.snapshots)):
            self.violations.append(
                f"{pages[error['page']]}: pa11y {error['code']} {error['selector']}: {error['message']}"
            )


@pytest.fixture
def page(browser, live_server, transactional_db, tmp_path):
    """A fresh browser page; every page it loads is checked with axe-core and the page checks."""
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    audit = AxeAudit(live_server.url, tmp_path)
    page.on("load", audit.check)
    yield page
    audit.check(page)
    context.close()
    audit.check_copies(browser)
    assert not audit.violations, "accessibility checks failed:\n" + "\n".join(audit.violations)
    assert audit.pages, "the test visited no page"


def login(page, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()
