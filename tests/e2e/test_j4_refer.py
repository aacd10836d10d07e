"""J4 Refer: officials see their department's referrals, accept or decline with a reason, note
and finish their part; when every part is done the liaison officer closes the case and the
company is told."""

from playwright.sync_api import expect

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import CaseStatus, ReferralStatus
from liaison.services.referrals import route_case
from tests.e2e.conftest import login
from tests.factories import PASSWORD, make_department, make_liaison, make_official
from tests.liaison.triage_factories import make_case, make_company


def test_j4_officials_handle_their_parts_and_the_liaison_closes_the_case(page):
    liaison = make_liaison("lina")
    building = make_department("bygglov", "Samhällsbyggnadsförvaltningen, bygglov", "Building permits")
    rescue = make_department("raddning", "Räddningstjänsten Västra Blekinge", "Rescue service")
    environment = make_department("miljo", "Miljöförbundet Blekinge Väst", "Environmental association")
    make_official("bo", building)
    make_official("rut", rescue)
    make_official("maja", environment)
    case = make_case(make_company("Hamnens Bageri AB"), subject="Ombyggnad av butikslokal", owner=liaison)
    other = make_case(make_company("Verkstaden i Mörrum AB"), subject="Ny lackeringshall")
    referrals = {r.department.slug: r for r in route_case(case, [building, rescue, environment], liaison)}
    route_case(other, [rescue], liaison)

    # The building-permit official accepts, notes and finishes.
    login(page, "bo", PASSWORD)
    page.get_by_role("link", name="Min verksamhets remisser").click()
    expect(page.locator("h1")).to_have_text("Remisser")
    expect(page.get_by_text("Ny lackeringshall")).to_have_count(0)
    page.get_by_role("link", name=case.reference).click()
    page.get_by_role("button", name="Ta emot remissen").click()
    expect(page.get_by_text("Du har tagit emot remissen och är dess handläggare.")).to_be_visible()
    page.get_by_role("textbox", name="Anteckning").fill("Ritningarna ser bra ut.")
    page.get_by_role("button", name="Spara anteckning").click()
    expect(page.get_by_text("Ritningarna ser bra ut.")).to_be_visible()
    page.get_by_role("textbox", name="Vad er verksamhet har gjort (valfritt)").fill("Bygglov beviljat.")
    page.get_by_role("button", name="Markera som klar").click()
    expect(page.get_by_text("Er verksamhets del är markerad som klar.")).to_be_visible()
    page.get_by_role("button", name="Logga ut").click()

    # The environmental association declines with a reason (the reason is required).
    login(page, "maja", PASSWORD)
    page.goto(f"/referrals/{referrals['miljo'].pk}/")
    expect(page.get_by_role("textbox", name="Skäl till att remissen avböjs")).to_have_attribute(
        "required", ""
    )
    page.get_by_role("textbox", name="Skäl till att remissen avböjs").fill("Ingen miljöfråga i detta ärende.")
    page.get_by_role("button", name="Avböj remissen").click()
    expect(page.get_by_text("Remissen är avböjd och tillbaka hos näringslivslotsen.")).to_be_visible()
    page.get_by_role("button", name="Logga ut").click()

    # The rescue service accepts and finishes: every part is now done.
    login(page, "rut", PASSWORD)
    page.get_by_role("link", name="Min verksamhets remisser").click()
    page.get_by_role("link", name=case.reference).click()
    page.get_by_role("button", name="Ta emot remissen").click()
    page.get_by_role("button", name="Markera som klar").click()
    expect(page.get_by_text("Er verksamhets del är markerad som klar.")).to_be_visible()
    page.get_by_role("button", name="Logga ut").click()

    assert OutboxMessage.objects.filter(template_name="referral_declined", recipient=liaison.email).exists()
    assert OutboxMessage.objects.filter(template_name="all_referrals_done", recipient=liaison.email).exists()

    # The liaison officer sees the outcome and closes the case; the company is told.
    login(page, "lina", PASSWORD)
    page.goto(f"/cases/{case.reference}/")
    expect(page.get_by_text("Ingen miljöfråga i detta ärende.").first).to_be_visible()
    page.get_by_role("textbox", name="Sammanfattning av vad som gjorts (skickas till företaget)").fill(
        "Bygglovet är beviljat och räddningstjänsten har godkänt brandskyddet."
    )
    page.get_by_role("button", name="Avsluta och meddela företaget").click()
    expect(page.get_by_text("Ärendet är avslutat och företaget har fått besked.")).to_be_visible()

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    statuses = {r.department.slug: r.status for r in case.referrals.select_related("department")}
    assert statuses == {
        "bygglov": ReferralStatus.DONE,
        "raddning": ReferralStatus.DONE,
        "miljo": ReferralStatus.DECLINED,
    }
    closed = OutboxMessage.objects.get(template_name="case_closed")
    assert closed.recipient == case.contact_email
    assert "Bygglovet är beviljat" in closed.body_text
