"""J1: a company contact submits a request and gets a reference and a private link."""

import re
from datetime import UTC, datetime

from playwright.sync_api import expect

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import Attachment, Case
from tests.factories import make_liaison
from tests.liaison.factories import PDF_BYTES, make_topic


def fill_request(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Företagets namn").fill("Hamnbageriet AB")
    page.get_by_label("Organisationsnummer").fill("556036-0794")  # wrong check digit
    page.get_by_label("Ditt namn").fill("Karin Bagare")
    page.get_by_label("E-post").fill("karin@hamnbageriet.example.se")
    page.get_by_label("Telefon (frivilligt)").fill("0454-12 34 56")
    page.get_by_label("Vad gäller det?").select_option(label="Livsmedelslokal")
    page.get_by_label("Rubrik").fill("Kafé vid Stortorget")
    page.get_by_label("Beskriv ditt ärende").fill("Vi vill öppna ett kafé med uteservering till sommaren.")


def test_j1_company_contact_submits_a_request_and_gets_the_reference_by_email(page):
    make_liaison("lina")
    make_topic("food-premises", "Livsmedelslokal", "Food premises")
    make_topic("other", "Annat", "Other")

    page.goto("/")
    page.get_by_role("link", name="Skicka in ett ärende").first.click()
    expect(page.locator("h1")).to_have_text("Kontakta näringslivslotsen")
    expect(page.get_by_role("heading", name="Så behandlar vi dina personuppgifter")).to_be_visible()

    # First attempt: a mistyped organisationsnummer and the privacy text not accepted.
    fill_request(page)
    page.get_by_role("button", name="Skicka ärendet").click()
    expect(page.get_by_role("alert")).to_contain_text("Rätta följande")
    expect(page.locator("#id_organisation_number_error")).to_contain_text("kontrollsiffran")
    expect(page.locator("#id_accept_privacy_error")).to_contain_text("Bekräfta att du har läst")
    expect(page.get_by_label("Organisationsnummer")).to_have_attribute("aria-invalid", "true")
    # Everything typed is still there.
    expect(page.get_by_label("Företagets namn")).to_have_value("Hamnbageriet AB")
    expect(page.get_by_label("E-post")).to_have_value("karin@hamnbageriet.example.se")
    expect(page.get_by_label("Vad gäller det?")).to_have_value(re.compile(r"\d+"))
    expect(page.get_by_label("Beskriv ditt ärende")).to_have_value(
        "Vi vill öppna ett kafé med uteservering till sommaren."
    )
    assert not Case.objects.exists()

    # The summary link takes the keyboard user to the field.
    page.get_by_role("link", name="Organisationsnummer").click()
    expect(page.get_by_label("Organisationsnummer")).to_be_focused()
    page.get_by_label("Organisationsnummer").fill("556036-0793")
    page.get_by_label("Bilagor (frivilligt)").set_input_files(
        [{"name": "skiss.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_label("Jag har läst hur mina personuppgifter behandlas.").check()
    page.get_by_role("button", name="Skicka ärendet").click()

    expect(page.locator("h1")).to_have_text("Vi har tagit emot ditt ärende")
    reference = f"NL-{datetime.now(UTC).year}-0001"
    expect(page.locator(".case-reference")).to_have_text(reference)
    expect(page.locator("main")).to_contain_text("karin@hamnbageriet.example.se")

    case = Case.objects.get()
    assert case.reference == reference
    assert Attachment.objects.get(case=case).original_name == "skiss.pdf"
    confirmation = OutboxMessage.objects.get(recipient="karin@hamnbageriet.example.se")
    assert reference in confirmation.subject and "/track/" in confirmation.body_text
    assert OutboxMessage.objects.filter(template_name="new_case_notice", recipient="lina@example.se").exists()
