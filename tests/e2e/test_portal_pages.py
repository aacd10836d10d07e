from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.factories import PASSWORD, make_liaison


def test_start_page_has_one_heading_and_skip_link(page):
    page.goto("/")
    expect(page.locator("h1")).to_have_count(1)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till huvudinnehållet")
    expect(skip).to_be_focused()
    skip.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_staff_member_logs_in_and_out(page):
    make_liaison("lina")
    login(page, "lina", PASSWORD)
    expect(page.get_by_text("Lina", exact=True)).to_be_visible()
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("link", name="Inloggning för personal")).to_be_visible()


def test_wrong_password_shows_message_at_the_form(page):
    make_liaison("lina")
    login(page, "lina", "wrong")
    expect(page.get_by_role("alert").or_(page.locator(".alert-danger"))).to_contain_text("användarnamn")


def test_accessibility_statement_is_linked_from_every_page(page):
    page.goto("/")
    page.get_by_role("link", name="Tillgänglighetsredogörelse").click()
    expect(page.locator("h1")).to_have_text("Tillgänglighetsredogörelse")
    expect(page.get_by_role("link", name="anmäla det till DIGG")).to_be_visible()


def test_language_switch_to_english_and_back(page):
    page.goto("/accessibility/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Accessibility statement")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Svenska").click()
    expect(page.locator("h1")).to_have_text("Tillgänglighetsredogörelse")
