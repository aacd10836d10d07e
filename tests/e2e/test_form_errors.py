"""Form errors are announced (WCAG 3.3.1, 4.1.3): after an invalid POST the page title starts
with "Fel:" / "Error:", focus lands on the error summary (tabindex="-1"), and the summary's links
to the fields are readable on its pink background (4.5:1)."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.e2e.page_checks import contrast
from tests.factories import make_liaison
from tests.liaison.factories import make_topic

SUMMARY_LINKS = """() => {
  const summary = document.getElementById("error-summary");
  return [...summary.querySelectorAll("a")].map(link => ({
    name: link.textContent, color: getComputedStyle(link).color,
    behind: getComputedStyle(summary).backgroundColor,
  }));
}"""


def test_invalid_request_form_moves_focus_to_the_summary_and_says_so_in_the_title(page):
    make_topic("other", "Annat", "Other")
    page.goto("/cases/new/")
    expect(page).to_have_title(re.compile(r"^Kontakta näringslivslotsen – "))

    page.get_by_label("Företagets namn").fill("Hamnbageriet AB")
    page.get_by_role("button", name="Skicka ärendet").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("tabindex", "-1")
    expect(page).to_have_title(re.compile(r"^Fel: Kontakta näringslivslotsen – .*Karlshamns kommun$"))
    links = page.evaluate(SUMMARY_LINKS)
    assert len(links) >= 4  # organisationsnummer, name, e-mail, topic, subject, …
    for link in links:
        assert contrast(link["color"], link["behind"]) >= 4.5, link
    # Tab from the summary reaches its first link, which leads to the field.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Organisationsnummer")).to_be_focused()


def test_wrong_password_title_starts_with_the_error_prefix_in_both_languages(page):
    make_liaison("lina")
    login(page, "lina", "wrong")
    expect(page).to_have_title(re.compile(r"^Fel: Inloggning för personal"))
    expect(page.locator("#error-summary")).to_be_focused()

    page.get_by_role("button", name="English").click()
    page.get_by_label("Username").fill("lina")
    page.get_by_label("Password").fill("wrong again")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_title(re.compile(r"^Error: Staff login – Business portal, Karlshamn municipality$"))
    expect(page.locator("#error-summary")).to_be_focused()
