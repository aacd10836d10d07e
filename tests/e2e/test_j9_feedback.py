"""J9 Feedback and openness: a closed case's contact answers the survey from the e-mail, the
liaison officer reads the result, and anyone reads the public statistics and downloads them."""

import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from companies.models import CoverageGoal, Visit, VisitStatus
from feedback.models import SurveyResponse
from karlshamn_portal.outbox.models import OutboxMessage
from liaison.services.referrals import route_case
from tests.e2e.conftest import login
from tests.factories import PASSWORD, make_department, make_liaison
from tests.feedback.factories import answered, surveyed_case
from tests.liaison.factories import make_case, make_company
from tests.meetings.factories import make_meeting

SURVEY_LINK = re.compile(r"http://[^/\s]+(/feedback/survey/[^/\s]+/)")


def test_j9_the_company_answers_the_survey_and_everyone_sees_the_result(page):
    make_liaison("lina")
    building = make_department("bygglov", "Samhällsbyggnadsförvaltningen, bygglov", "Building permits")
    # Six companies answered earlier this month; the seventh answer makes the NKI show.
    for _number in range(6):
        answered(surveyed_case(departments=(building,)), 9, 9, 9)
    case = make_case(
        make_company("Hamnens Bageri AB"),
        subject="Ombyggnad av butikslokal",
        contact_email="eva@hamnens.example",
    )
    route_case(case, [building], case.owner or make_liaison("lars"))
    make_case(make_company("Öppet AB"), subject="Fortfarande öppet", contact_email="o@oppet.example")
    # The register: one of two mid-sized companies visited this year (goal: every 24 months).
    CoverageGoal.objects.update_or_create(size_class="10-19", defaults={"interval_months": 24})
    visited = make_company("Besökt AB", size_class="10-19", in_latest_register=True)
    make_company("Ej besökt AB", size_class="10-19", in_latest_register=True)
    meeting = make_meeting(start=timezone.now() - timedelta(days=1), title="Företagsbesök")
    Visit.objects.create(company=visited, meeting=meeting, purpose="Besök", status=VisitStatus.HELD)

    login(page, "lina", PASSWORD)
    page.goto(f"/cases/{case.reference}/")
    page.get_by_role("textbox", name="Sammanfattning av vad som gjorts (skickas till företaget)").fill(
        "Bygglovet är beviljat."
    )
    expect(page.get_by_label("Hur avslutades ärendet?")).to_have_value("handled")
    page.get_by_role("button", name="Avsluta och meddela företaget").click()
    expect(page.get_by_text("Ärendet är avslutat och företaget har fått besked.")).to_be_visible()
    page.get_by_role("button", name="Logga ut").click()

    # The company's contact opens the survey from the e-mail, on a phone.
    message = OutboxMessage.objects.get(template_name="survey_invitation", recipient=case.contact_email)
    link = SURVEY_LINK.findall(message.body_text)[0]
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(link)
    expect(page.locator("h1")).to_have_text(f"Hur gick det med ärende {case.reference}?")
    for question, rating in [
        ("Hur nöjd är du sammantaget med hjälpen du fick med ditt ärende?", "8"),
        ("Hur väl motsvarade vår hantering av ärendet det du förväntade dig?", "7"),
        ("Tänk dig den bästa hjälp en kommun kan ge. Hur nära kom vi?", "9"),
        ("Bemötande: blev du väl bemött?", "10"),
    ]:
        page.get_by_role("group", name=question).get_by_label(rating, exact=True).check()
    page.get_by_label("Något du vill berätta för oss? (frivilligt)").fill("Tydliga besked, tack!")
    page.get_by_role("button", name="Skicka mitt svar").click()
    expect(page.get_by_role("status")).to_contain_text("Tack! Ditt svar är sparat.")
    expect(page.get_by_role("button", name="Ändra mitt svar")).to_be_visible()
    answer = SurveyResponse.objects.get(survey__case=case)
    assert (answer.overall, answer.expectations, answer.ideal, answer.treatment) == (8, 7, 9, 10)
    # The way out of further surveys is one link and one button away; a broken link says so.
    page.get_by_role("link", name="Jag vill inte få fler enkäter").click()
    expect(page.get_by_role("button", name="Ja, inga fler enkäter")).to_be_visible()
    page.get_by_role("link", name="Tillbaka till enkäten").click()
    expect(page.get_by_role("button", name="Ändra mitt svar")).to_be_visible()
    page.goto(link[:-3] + "xy/")
    expect(page.locator("h1")).to_have_text("Enkätlänken fungerar inte")
    page.set_viewport_size({"width": 1280, "height": 800})

    # The liaison officer reads the result: (6 × 88.9 + 77.8) / 7 = 87.3 -> 87, very high.
    login(page, "lina", PASSWORD)
    page.get_by_role("link", name="Nöjdhet").click()
    expect(page.locator("h1")).to_have_text("Nöjdhet efter avslutade ärenden")
    service = page.get_by_role("table", name="Tjänsten som helhet")
    expect(service).to_contain_text("87")
    expect(service).to_contain_text("Mycket högt")
    expect(page.get_by_text("Tydliga besked, tack!")).to_be_visible()
    page.get_by_role("link", name="Stora exporter som förbereds").click()
    expect(page.locator("h1")).to_have_text("Exporter")
    page.get_by_role("button", name="Logga ut").click()

    # Anyone reads the statistics from the start page and downloads the numbers.
    page.goto("/")
    page.get_by_role("link", name="Se statistiken").click()
    expect(page.locator("h1")).to_have_text("Statistik: så går det för oss")
    expect(page.get_by_role("img", name="Inkomna ärenden per månad")).to_be_visible()
    expect(page.get_by_role("table", name="Siffror per månad, nyaste först")).to_contain_text(
        "87 (Mycket högt)"
    )
    coverage = page.get_by_role("table", name="Täckning per storleksklass just nu")
    expect(coverage.get_by_role("row", name=re.compile("10–19 anställda"))).to_contain_text("50 %")
    expect(page.get_by_role("img", name="Täckning per storleksklass")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner alla siffror som CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("Period,Inkomna ärenden")
    assert ",87,Mycket högt,7," in text
