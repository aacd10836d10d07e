"""Staff in the browser: where they land after signing in, the grouped case page by keyboard,
a company's files, the personnummer asked for, the 403 page, a moved meeting and the forum
invite list. axe-core checks every page (see conftest)."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from playwright.sync_api import expect

from forum.models import SubscriberStatus
from liaison.models import Attachment, Referral
from liaison.services.meetings import contact_invitee, official_invitee, schedule_meeting
from meetings.models import Answer
from meetings.services import record_answer
from tests.e2e.conftest import login
from tests.factories import PASSWORD, make_department, make_liaison, make_official
from tests.forum.factories import make_series, make_subscriber
from tests.liaison.factories import PDF_BYTES, make_case, make_company
from tests.liaison.meeting_factories import stockholm


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


def _with_a_file(case):  # type: ignore[no-untyped-def]
    stored = default_storage.save("cases/ritning.pdf", ContentFile(PDF_BYTES))
    return Attachment.objects.create(
        case=case,
        event=case.events.first(),
        file=stored,
        original_name="ritning.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )


def test_the_liaison_officer_lands_on_the_dashboard_and_works_a_case_by_keyboard(page):
    make_liaison("lina")
    case = make_case(make_company("Karins Hårsalong", "811218-9876"), contact_name="Karin Frisör")
    _with_a_file(case)

    login(page, "lina", PASSWORD)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    page.goto(f"/cases/{case.reference}/")

    # Four action cards: write (reply and note as tabs), refer, handle, close.
    cards = page.locator("#main .col-lg-5 > section.card")
    expect(cards).to_have_count(4)
    expect(cards.last.get_by_role("heading")).to_have_text("Avsluta ärendet")
    handle = page.locator("#handle")
    for name in ("Ny status", "Näringslivslots", "Ämne"):
        expect(handle.get_by_role("combobox", name=re.compile(f"^{name}"))).to_be_visible()

    # The company's file, downloaded under a name of ours with its checked type.
    files = page.get_by_role("region", name="Filer")
    expect(files.get_by_role("row", name=re.compile("ritning.pdf.*PDF.*Karin Frisör"))).to_be_visible()
    with page.expect_download() as download:
        files.get_by_role("link", name="ritning.pdf").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert download.value.suggested_filename.startswith("NL-")

    # The personnummer: masked until asked for, then once in full.
    company = page.locator("#company")
    expect(company).to_contain_text("811218-****")
    company.get_by_role("button", name="Visa hela personnumret").click()
    expect(page.locator("#company")).to_contain_text("811218-9876")
    page.reload()
    expect(page.locator("#company")).not_to_contain_text("811218-9876")

    # Reply and note are tabs: the arrow key moves to the note, Tab reaches its field and button.
    reply_tab = page.get_by_role("tab", name="Svar till företaget")
    reply_tab.focus()
    page.keyboard.press("ArrowRight")
    note_tab = page.get_by_role("tab", name="Intern anteckning")
    expect(note_tab).to_be_focused()
    expect(note_tab).to_have_attribute("aria-selected", "true")
    note = page.get_by_role("textbox", name="Intern anteckning")
    for _ in range(4):
        if note.evaluate("element => element === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(note).to_be_focused()
    page.keyboard.type("Ring kunden på fredag.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Spara anteckning")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Den interna anteckningen är sparad.")).to_be_visible()
    expect(page.get_by_text("Ring kunden på fredag.")).to_be_visible()


def test_an_official_lands_on_referrals_opens_the_files_and_is_refused_other_cases_politely(page):
    building = make_department("bygglov", "Bygglov", "Building permits")
    make_official("bo", building)
    mine = make_case(make_company("Hamnens Bageri AB"))
    _with_a_file(mine)
    referral = Referral.objects.create(case=mine, department=building, due_date=mine.first_response_due)
    other = make_case(make_company("Grannföretaget AB"))

    login(page, "bo", PASSWORD)
    expect(page).to_have_url(re.compile(r"/referrals/$"))
    page.goto(f"/referrals/{referral.pk}/")
    with page.expect_download() as download:
        page.get_by_role("region", name="Filer").get_by_role("link", name="ritning.pdf").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert download.value.suggested_filename.startswith("NL-")

    page.goto(f"/cases/{other.reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ingen åtkomst till sidan")
    expect(page.get_by_text("be näringslivslotsen")).to_be_visible()
    page.get_by_role("link", name="Till din startsida").click()
    expect(page).to_have_url(re.compile(r"/referrals/$"))


def test_a_moved_meeting_reaches_the_company_that_declined_and_the_page_says_so(page):
    liaison = make_liaison("lina")
    building = make_department("bygglov", "Bygglov", "Building permits")
    bo = make_official("bo", building)
    case = make_case(make_company("Hamnens Bageri AB"), contact_name="Anna Andersson")
    meeting = schedule_meeting(
        case,
        organizer=liaison,
        title="Möte om bageriet",
        start=stockholm(2030, 5, 14, 9),
        end=stockholm(2030, 5, 14, 10),
        place="Rådhuset",
        invitees=[contact_invitee(case), official_invitee(bo)],
    ).meeting
    record_answer(meeting.invitations.get(email=case.contact_email), Answer.DECLINED, "Veckan efter?")

    login(page, "lina", PASSWORD)
    page.goto(f"/cases/{case.reference}/meetings/{meeting.pk}/")
    page.get_by_label("Datum").fill("2030-05-21")
    page.get_by_role("button", name="Spara och skicka ändringen").click()
    expect(page.get_by_text("Ändringen skickades till: Anna Andersson, Bo.")).to_be_visible()


def test_the_forum_invite_list_takes_an_address_and_asks_before_removing(page):
    make_liaison("lina")
    series = make_series(None, officials=[])
    make_subscriber(series, "Anna Andersson", "anna@foretag.se", status=SubscriberStatus.CONFIRMED)

    login(page, "lina", PASSWORD)
    page.goto(f"/forum/manage/{series.slug}/")
    page.get_by_role("textbox", name="E-post").fill("info@nystromsbageri.example.se")
    page.get_by_role("textbox", name="Företag").fill("Nyströms Bageri")
    page.get_by_role("button", name="Lägg till på inbjudningslistan").click()
    expect(page.get_by_role("cell", name="Nyströms Bageri")).to_be_visible()

    page.get_by_text("Ta bort Anna Andersson", exact=True).click()
    expect(page.get_by_text("Ta bort Anna Andersson från inbjudningslistan?")).to_be_visible()
    page.get_by_role("button", name="Ja, ta bort Anna Andersson").click()
    expect(page.get_by_text("anna@foretag.se finns inte längre på inbjudningslistan.")).to_be_visible()
