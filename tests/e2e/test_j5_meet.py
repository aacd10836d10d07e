"""J5 Meet: the liaison schedules a meeting for a case, an official answers through the e-mailed
link, and the liaison sees the answer on the case."""

import re
from urllib.parse import urlparse

from playwright.sync_api import expect

from karlshamn_portal.outbox.models import OutboxMessage
from tests.e2e.conftest import login
from tests.factories import PASSWORD, make_department, make_liaison, make_official
from tests.liaison.meeting_factories import make_case, make_referral


def _row_of(page, name: str):  # type: ignore[no-untyped-def]
    return page.get_by_role("row").filter(has=page.get_by_role("cell", name=name, exact=True))


def _accept_link(email: str) -> str:
    message = OutboxMessage.objects.get(recipient=email, template_name="meeting_invitation")
    url = re.search(r"^Tacka ja: (\S+)$", message.body_text, re.MULTILINE).group(1)
    parsed = urlparse(url)
    return f"{parsed.path}?{parsed.query}"


def test_j5_liaison_schedules_official_answers_by_link_liaison_sees_it(page):
    make_liaison("lina")
    building = make_department("bygglov", "Bygglov", "Building permits")
    bo = make_official("bo", building)
    case = make_case("NL-2030-0042")
    make_referral(case, building, official=bo)

    login(page, "lina", PASSWORD)
    page.goto(f"/cases/{case.reference}/meetings/")
    page.get_by_role("link", name="Boka ett möte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boka ett möte")
    expect(page.get_by_label("Bjud in företagets kontaktperson: Anna Andersson")).to_be_checked()
    expect(page.get_by_label("Bo (Bygglov)")).to_be_checked()
    page.get_by_label("Datum").fill("2030-05-14")
    page.get_by_label("Starttid").fill("09:00")
    page.get_by_label("Längd").select_option(label="1,5 timme")
    page.get_by_label("Plats").fill("Rådhuset, Karlshamn")
    page.get_by_role("button", name="Boka och skicka inbjudningar").click()
    expect(page.get_by_text("Mötet är bokat och inbjudningarna är skickade.")).to_be_visible()
    expect(page.get_by_text("tisdag 14 maj 2030, 09:00–10:30")).to_be_visible()
    page.get_by_role("button", name="Logga ut").click()

    # The official opens the link from the e-mail without logging in: a page to confirm first.
    page.goto(_accept_link("bo@example.se"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Svara på inbjudan")
    expect(page.get_by_label("Tackat ja")).to_be_checked()
    page.get_by_label("Kommentar (frivillig)").fill("Jag tar med ritningarna.")
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.get_by_text("Tack, ditt svar är sparat: Tackat ja.")).to_be_visible()

    login(page, "lina", PASSWORD)
    page.goto(f"/cases/{case.reference}/meetings/")
    row = _row_of(page, "Bo")
    expect(row).to_contain_text("Tackat ja")
    expect(row).to_contain_text("Jag tar med ritningarna.")
    expect(_row_of(page, "Anna Andersson")).to_contain_text("Inte svarat")

    # Moving it sends an update; the official sees the new time and answers again from /meetings/.
    page.get_by_role("link", name="Möte om NL-2030-0042: Utbyggnad av bageriet").click()
    page.get_by_label("Starttid").fill("13:00")
    page.get_by_role("button", name="Spara och skicka ändringen").click()
    expect(page.get_by_text("Mötet är ändrat. Ändringen skickades till: Anna Andersson, Bo.")).to_be_visible()
    expect(_row_of(page, "Bo")).to_contain_text("Inte svarat")
    assert (
        OutboxMessage.objects.filter(recipient="bo@example.se", template_name="meeting_update").count() == 1
    )
    page.get_by_role("button", name="Logga ut").click()

    login(page, "bo", PASSWORD)
    page.get_by_role("link", name="Mina möten").click()
    expect(page.get_by_text("tisdag 14 maj 2030, 13:00–14:30")).to_be_visible()
    page.get_by_label("Preliminärt").check()
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.get_by_text("Tack, ditt svar är sparat: Preliminärt.")).to_be_visible()
