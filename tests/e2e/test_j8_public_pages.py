"""J8's pages that the journey itself does not pass through, each checked by axe and the page
checks like every page of a browser test: the public form in Swedish and English with its errors
and its thank-you page, the pages of a broken, an expired and a deleted partner's link, an
expired employer link, a broken staff link and the activity form with an error."""

import re
from datetime import timedelta

from django.utils import timezone
from freezegun import freeze_time
from playwright.sync_api import expect

from relocation.links import employer_token, partner_url, staff_url
from relocation.services.retention import delete_partner
from tests.e2e.conftest import login
from tests.factories import PASSWORD
from tests.relocation.factories import make_host, make_network_employer, make_partner


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def send_form(page, fields: dict[str, str], button: str) -> None:  # type: ignore[no-untyped-def]
    for label, value in fields.items():
        field = page.locator(label) if label.startswith("#") else page.get_by_label(label)
        field.fill(value)
    page.get_by_role("button", name=re.compile(f"^{button}")).click()


def test_j8_the_public_form_keeps_what_was_typed_in_both_languages_and_thanks_the_partner(page):
    make_host("hedda")
    page.goto("/medflyttare/")
    expect(page.locator("h1")).to_have_text("Flytta till Karlshamn med din partner")
    swedish = {
        "Ditt namn": "Sven Åström",
        "#id_email": "sven.astrom@example",
        "Yrke (frivilligt)": "Snickare",
    }
    send_form(page, swedish, "Skicka")
    for label, value in swedish.items():
        field = page.locator(label) if label.startswith("#") else page.get_by_label(label)
        expect(field).to_have_value(value)

    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Moving to Karlshamn with your partner")
    english = {"Your name": "Sven Åström", "#id_email": "sven.astrom@example.org", "Phone (optional)": "x"}
    send_form(page, english, "Send")
    expect(page.get_by_label("Phone (optional)")).to_have_value("x")
    page.get_by_label(re.compile("I have read how my personal data")).check()
    send_form(page, {"Phone (optional)": ""}, "Send")
    expect(page).to_have_url(re.compile("/medflyttare/skickat/$"))
    page.get_by_role("button", name="Svenska").click()


def test_j8_broken_expired_and_deleted_links_each_say_what_happened(page):
    partner = make_partner()
    employer = make_network_employer()
    good = path_of(partner_url(partner))
    page.goto(good[:-3] + "zz/")
    expect(page.locator("h1")).to_be_visible()
    with freeze_time(timezone.now() - timedelta(days=400)):
        old_partner = path_of(partner_url(make_partner()))
        old_employer = f"/relocation/employer/{employer_token(employer.pk)}/"
    page.goto(old_partner)
    expect(page.locator("main")).to_be_visible()
    page.goto(old_employer)
    expect(page.locator("main")).to_be_visible()
    delete_partner(partner.pk, on_request=True)
    page.goto(good)
    expect(page.locator("h1")).to_have_text("Uppgifterna finns inte längre")
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("The data is gone")
    page.get_by_role("button", name="Svenska").click()


def test_j8_a_broken_staff_link_and_an_activity_form_error_are_accessible_pages(page):
    make_host("hedda")
    token = staff_url("partner", 1).rsplit("/", 2)[-2]
    login(page, "hedda", PASSWORD)
    page.goto(f"/relocation/link/{token[:-2]}zz/")
    expect(page.locator("h1")).to_be_visible()
    page.goto("/relocation/activities/")
    page.get_by_label("Rubrik").fill("Promenad längs Väggaparken")
    page.get_by_label("Datum").fill("2020-01-01")
    page.get_by_label("Börjar").fill("10:00")
    page.get_by_label("Slutar").fill("11:00")
    page.get_by_label("Plats").fill("Väggaparken")
    page.get_by_role("button", name="Planera och bjud in").click()
    expect(page.get_by_label("Rubrik")).to_have_value("Promenad längs Väggaparken")
