"""J3 Triage: the liaison officer finds a case in the queue, sets its topic, routes it to the
suggested departments, replies to the company and notes internally."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import Case, CaseEvent, EventKind, Referral
from tests.e2e.conftest import login
from tests.factories import PASSWORD, make_department, make_liaison, make_official
from tests.liaison.triage_factories import make_case, make_company, make_topic


def test_j3_liaison_triages_a_case_from_the_dashboard(page):
    liaison = make_liaison("lina")
    building = make_department("bygglov", "Samhällsbyggnadsförvaltningen, bygglov", "Building permits")
    make_official("bo", building)
    make_department("miljo", "Miljöförbundet Blekinge Väst", "Environmental association")
    make_topic("bygglov", "Bygglov", "Building permit", building)
    case = make_case(
        make_company("Hamnens Bageri AB"),
        subject="Ombyggnad av butikslokal",
        description="Vi vill bygga om en lokal vid hamnen till bageri.",
        created_at=timezone.now() - timedelta(days=10),
    )
    make_case(
        make_company("Verkstaden i Mörrum AB"), subject="Ny lackeringshall", description="Miljötillstånd."
    )

    login(page, "lina", PASSWORD)
    page.get_by_role("link", name="Översikt").click()
    expect(page.locator("h1")).to_have_text("Översikt")
    expect(page.locator('[data-count="new"]')).to_have_text("2")
    expect(page.locator('[data-count="overdue"]')).to_have_text("1")
    expect(page.get_by_role("row", name=case.reference).get_by_text("Försenat")).to_be_visible()

    # Search updates the list in place (htmx) and keeps the address shareable.
    page.get_by_role("searchbox", name="Sök").fill("Hamnens")
    page.get_by_role("button", name="Visa").click()
    page.wait_for_load_state("networkidle")  # the search box's change and the submit both ask
    expect(page.get_by_role("link", name=case.reference)).to_be_visible()
    expect(page.get_by_text("Ny lackeringshall")).to_have_count(0)
    expect(page.locator("#results-announcement")).to_have_text("Visar 1 ärende.")

    # Bulk action: assign to me, in place.
    page.get_by_label(f"Välj {case.reference}").check()
    page.get_by_label("Åtgärd").select_option("assign")
    page.get_by_role("button", name="Utför").click()
    expect(page.get_by_text("1 ärende tilldelat dig.")).to_be_visible()
    expect(page.locator("#dashboard-results .messages")).to_be_focused()
    expect(page.locator('[data-count="unassigned"]')).to_have_text("1")

    page.get_by_role("link", name=case.reference).click()
    expect(page.locator("h1")).to_contain_text(case.reference)

    page.get_by_role("combobox", name="Ämne").select_option(label="Bygglov")
    page.get_by_role("button", name="Spara ämne").click()
    expect(page.get_by_text("Ämnet är sparat.")).to_be_visible()
    # The topic suggests its department: it is already ticked.
    expect(page.get_by_role("checkbox", name="Samhällsbyggnadsförvaltningen, bygglov")).to_be_checked()
    page.get_by_role("checkbox", name="Miljöförbundet Blekinge Väst").check()
    page.get_by_role("textbox", name="Meddelande till verksamheten").fill("Kan ni titta på detta?")
    page.get_by_role("button", name="Skicka", exact=True).click()
    expect(page.get_by_text("Skickat till")).to_be_visible()
    expect(page.get_by_role("link", name="Miljöförbundet Blekinge Väst")).to_be_visible()

    page.get_by_role("textbox", name="Svar till företaget").fill(
        "Vi har skickat frågan till bygglov och miljö."
    )
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.get_by_text("Svaret är skickat till företaget.")).to_be_visible()

    page.get_by_role("tab", name="Intern anteckning").click()
    page.get_by_role("textbox", name="Intern anteckning").fill("Ring bygglov på torsdag.")
    page.get_by_role("button", name="Spara anteckning").click()
    expect(page.get_by_text("Ring bygglov på torsdag.")).to_be_visible()
    expect(page.get_by_text("Internt").first).to_be_visible()

    case.refresh_from_db()
    assert case.owner == liaison
    assert Referral.objects.filter(case=case).count() == 2
    assert case.first_responded_at is not None
    assert OutboxMessage.objects.filter(template_name="case_reply", recipient=case.contact_email).exists()
    assert not CaseEvent.objects.get(case=case, kind=EventKind.NOTE).is_public
    assert Case.objects.get(pk=case.pk).status == "in_progress"


def test_j3_dashboard_works_without_javascript(browser, live_server, transactional_db):
    make_liaison("lina")
    case = make_case(make_company("Hamnens Bageri AB"))
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    login(page, "lina", PASSWORD)
    page.goto("/dashboard/")
    page.get_by_label(f"Välj {case.reference}").check()
    page.get_by_label("Åtgärd").select_option("assign")
    page.get_by_role("button", name="Utför").click()
    expect(page.get_by_text("1 ärende tilldelat dig.")).to_be_visible()
    context.close()


def test_j3_a_failed_bulk_action_keeps_the_ticked_cases_beside_its_error(page):
    make_liaison("lina")
    make_department("bygglov", "Bygglov", "Building permits")
    first, second, third = (make_case(make_company(name)) for name in ("Ett AB", "Två AB", "Tre AB"))

    login(page, "lina", PASSWORD)
    page.goto("/dashboard/")
    page.get_by_label(f"Välj {first.reference}").check()
    page.get_by_label(f"Välj {third.reference}").check()
    page.get_by_label("Åtgärd").select_option("route")
    page.get_by_role("button", name="Utför").click()  # no department chosen

    expect(page.get_by_text("Välj vilken verksamhet ärendena ska skickas till.")).to_be_visible()
    expect(page.get_by_label(f"Välj {first.reference}")).to_be_checked()
    expect(page.get_by_label(f"Välj {third.reference}")).to_be_checked()
    expect(page.get_by_label(f"Välj {second.reference}")).not_to_be_checked()
    assert not Referral.objects.exists()
