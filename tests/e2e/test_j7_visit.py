"""J7 Visit: the business developer imports the register, finds a company never met on the
coverage page, plans a visit, records it with two follow-ups, turns one into a case, and the
company gets the follow-up e-mail; a planned visit is moved, and the company that had declined
gets the new time; an import whose worker died asks for the file again. Every page is checked
with axe and the page checks."""

import re
import time
from datetime import timedelta

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from companies.demo_register import DEMO_FILE
from companies.models import Company, ImportStatus, RegisterImport, Visit
from companies.services.imports import fail_stalled_imports
from companies.services.visits import plan_visit
from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import Case
from meetings.models import Answer
from meetings.services import record_answer
from tests.companies.factories import in_days, make_business_developer, make_contact, make_register_company
from tests.e2e.conftest import WCAG_TAGS, login
from tests.factories import PASSWORD, make_department, make_liaison, make_official
from tests.meetings.factories import event_of

CONTACT = "vd@aldrigtraffad.example.se"


def test_j7_import_plan_record_follow_up_and_tell_the_company(page):
    make_business_developer("nora")
    make_liaison("lina")

    login(page, "nora", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Näringslivsutveckling")
    page.get_by_role("link", name="Registerimport").first.click()
    page.get_by_label("Registerfil (CSV)").set_input_files(str(DEMO_FILE))
    page.get_by_role("button", name="Importera").click()
    expect(page.get_by_text("Importen är klar.")).to_be_visible(timeout=60_000)
    assert Company.objects.in_register().count() >= 2_900

    page.goto("/coverage/")
    expect(page.get_by_role("img", name=re.compile("Träffade företag per storleksklass"))).to_be_visible()
    never = page.locator("section", has=page.get_by_role("heading", name="Aldrig träffat"))
    never.get_by_role("link", name=re.compile("^planera ett besök")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Planera ett besök")
    day = in_days(10)
    page.get_by_label("Datum").fill(day.date().isoformat())
    page.get_by_label("Starttid").fill("09:00")
    page.get_by_label("Syfte").fill("Lära känna företaget")
    page.get_by_label("Eller en ny kontaktperson: namn").fill("Vera Direktör")
    page.get_by_label("Den nya kontaktpersonens e-post").fill(CONTACT)
    page.get_by_role("button", name="Planera besöket").click()
    expect(page.get_by_text("Besöket är planerat och inbjudningarna är på väg.")).to_be_visible()
    visit = Visit.objects.get()
    assert OutboxMessage.objects.filter(recipient=CONTACT, template_name="meeting_invitation").exists()

    page.get_by_label("Företagets planer").fill("Vill anställa tio personer")
    page.get_by_label("kompetensbrist").check()
    page.get_by_role("button", name="Spara dokumentationen").click()
    expect(page.get_by_text("Vill anställa tio personer")).to_be_visible()

    for text in ("Ordna ett möte med Arbetsförmedlingen", "Ta fram förslag på mark"):
        page.get_by_text("Lägg till en återkoppling").click()
        page.get_by_label("Vad kommunen ska göra").fill(text)
        page.get_by_label("Ansvarig (en kollega)").select_option(label="Nora")
        page.get_by_role("button", name="Lägg till återkopplingen").click()
        expect(page.get_by_text("Återkopplingen är tillagd.")).to_be_visible()
    assert visit.follow_ups.count() == 2

    row = page.get_by_role("row").filter(has_text="Ta fram förslag på mark")
    row.get_by_role("button", name=re.compile("Gör ett ärende av den")).click()
    expect(page.get_by_text(re.compile(r"Ärende NL-\d{4}-\d{4} är skapat"))).to_be_visible()
    case = Case.objects.get()
    assert case.contact_email == CONTACT and case.description == "Ta fram förslag på mark"

    page.get_by_role("link", name="Förhandsgranska e-postmeddelandet till företaget").click()
    expect(page.locator("pre")).to_contain_text("Ordna ett möte med Arbetsförmedlingen")
    page.get_by_role("button", name="Skicka e-postmeddelandet").click()
    expect(page.get_by_text("Återkopplingen är på väg till företaget.")).to_be_visible()
    mail = OutboxMessage.objects.get(recipient=CONTACT, template_name="visit_follow_up")
    assert "Ordna ett möte med Arbetsförmedlingen" in mail.body_text
    assert "Ta fram förslag på mark" in mail.body_text

    page.goto("/visits/")
    expect(page.get_by_role("cell", name="Ja")).to_be_visible()


def test_j7_a_planned_visit_is_moved_and_the_company_that_declined_gets_the_new_time(page):
    nora = make_business_developer("nora")
    bo = make_official("bo", make_department("bygglov", "Bygglov", "Building permits"))
    company = make_register_company(7, name="Hamnens Bageri AB", address="Hamngatan 4")
    contact = make_contact(company, name="Karin Ek", email="karin@hamnensbageri.example.se")
    start = in_days(7)
    visit = plan_visit(
        company,
        planned_by=nora,
        start=start,
        end=start + timedelta(hours=1),
        place="Hamngatan 4, Karlshamn",
        purpose="Höra om utbyggnaden",
        contact=contact,
        staff=[bo],
        guests=[],
    )
    record_answer(visit.meeting.invitations.get(email=contact.email), Answer.DECLINED, "Veckan efter?")

    login(page, "nora", PASSWORD)
    page.goto(f"/visits/{visit.pk}/")
    expect(page.get_by_text("Karin Ek: Tackat nej")).to_be_visible()
    moved = in_days(14)
    move = page.get_by_role("region", name="Flytta besöket eller byt plats")
    move.get_by_label("Datum").fill(moved.date().isoformat())
    move.get_by_label("Starttid").fill("13:30")
    move.get_by_label("Längd").select_option(label="1,5 timme")
    move.get_by_label("Plats").fill("Bageriet, Hamngatan 4")
    move.get_by_role("button", name="Spara och skicka ändringen").click()
    expect(
        page.get_by_text("Besöket är flyttat. Ändringen skickades till: Bo, Karin Ek, Nora.")
    ).to_be_visible()
    expect(page.get_by_text("Karin Ek: Inte svarat")).to_be_visible()

    update = OutboxMessage.objects.get(recipient=contact.email, template_name="meeting_update")
    assert "Bageriet, Hamngatan 4" in update.body_text
    assert "13:30–15:00" in update.body_text
    event = event_of(update)
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == moved.replace(hour=13, minute=30)
    assert event["ATTENDEE"].params["PARTSTAT"] == "NEEDS-ACTION"

    # A date in the past is refused next to the field, with what was typed kept.
    move = page.get_by_role("region", name="Flytta besöket eller byt plats")
    move.get_by_label("Datum").fill(in_days(-1).date().isoformat())
    move.get_by_label("Plats").fill("Kontoret")
    move.get_by_role("button", name="Spara och skicka ändringen").click()
    expect(page.get_by_role("alert").filter(has_text="Mötet måste ligga i framtiden.")).to_be_visible()
    move = page.get_by_role("region", name="Flytta besöket eller byt plats")
    expect(move.get_by_label("Plats")).to_have_value("Kontoret")
    expect(page).to_have_title(re.compile("^Fel:"))


def test_j7_an_import_whose_worker_died_asks_for_the_file_again(page, settings):
    nora = make_business_developer("nora")
    # What a worker killed after its first batch leaves behind.
    register_import = RegisterImport.objects.create(
        file="register-imports/foretagsregister.csv",
        file_name="foretagsregister.csv",
        uploaded_by=nora,
        status=ImportStatus.RUNNING,
        rows_done=2_000,
        rows_total=3_000,
    )

    login(page, "nora", PASSWORD)
    page.goto(f"/companies/import/{register_import.pk}/")
    expect(page.get_by_text(re.compile(r"Importerar: 2\s?000 av 3\s?000 företag"))).to_be_visible()
    settings.REGISTER_IMPORT_STALLED_AFTER_SECONDS = 1
    time.sleep(1.1)
    assert fail_stalled_imports() == [register_import.pk]
    # The page polls: the progress bar gives way to the message, without a reload.
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Importen avbröts: den kom inte vidare på 1 minut", timeout=10_000)
    expect(alert).to_contain_text(
        re.compile(r"2\s?000 av 3\s?000 företag hann importeras innan den avbröts.")
    )
    expect(page.locator("progress")).to_have_count(0)
    # The page changed in place, without a load for the audit to see: check it here.
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert result.response["violations"] == []
    alert.get_by_role("link", name="Ladda upp filen igen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importera företagsregistret")
