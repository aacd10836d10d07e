"""J2: the company follows its case through the private link, writes and adds files."""

import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import Case, CaseEvent, CaseStatus, EventKind
from liaison.services.tracking import make_track_token
from tests.factories import make_liaison
from tests.liaison.factories import PNG_BYTES, make_case, make_company, make_topic

LINK = re.compile(r"http://[^/\s]+(/(?:track|my)/[^/\s]+/)")


def link_in(message: OutboxMessage, kind: str) -> str:
    return next(path for path in LINK.findall(message.body_text) if path.startswith(f"/{kind}/"))


def test_j2_company_follows_the_case_writes_and_adds_a_file(page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    liaison = make_liaison("lina")
    topic = make_topic("food-premises", "Livsmedelslokal", "Food premises")
    case = make_case(topic=topic, contact_email="karin@hamnbageriet.example.se")
    other = make_case(
        make_company("Grannföretaget AB"), subject="Grannens ärende", contact_email="g@example.se"
    )
    CaseEvent.objects.create(case=case, kind=EventKind.NOTE, actor=liaison, text="Intern: ring Bo på bygglov")
    CaseEvent.objects.create(
        case=case, kind=EventKind.REPLY, actor=liaison, is_public=True, text="Kan ni skicka en ritning?"
    )
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.WAITING)
    link = link_in(
        OutboxMessage.objects.get(template_name="case_received", recipient=case.contact_email), "track"
    )

    page.goto(link)
    expect(page.locator("h1")).to_have_text(f"Ärende {case.reference}")
    expect(page.locator(".case-status")).to_have_text("Väntar på ditt svar")
    expect(page.locator("main")).to_contain_text("Kan ni skicka en ritning?")
    expect(page.locator("main")).not_to_contain_text("Intern: ring Bo")
    expect(page.locator("main")).not_to_contain_text(other.reference)

    page.get_by_label("Meddelande").fill("Här kommer ritningen över köket.")
    page.get_by_label("Lägg till filer (frivilligt)").set_input_files(
        [{"name": "ritning.png", "mimeType": "image/png", "buffer": PNG_BYTES}]
    )
    page.get_by_role("button", name="Skicka", exact=True).click()

    expect(page.get_by_role("status")).to_contain_text("Ditt meddelande har skickats")
    expect(page.locator(".case-status")).to_have_text("Under handläggning")
    expect(page.get_by_role("heading", name="Meddelande från Karin Bagare")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Här kommer ritningen över köket.")
    with page.expect_download() as download:
        page.get_by_role("link", name="ritning.png").click()
    assert Path(download.value.path()).read_bytes() == PNG_BYTES
    notice = OutboxMessage.objects.get(template_name="track_message_notice")
    assert notice.recipient == "lina@example.se" and "Här kommer ritningen" in notice.body_text


def test_j2_expired_link_leads_to_fresh_links_by_email(page):
    long_ago = timezone.now() - timedelta(days=200)
    case = make_case(contact_email="karin@hamnbageriet.example.se", created_at=long_ago)
    second = make_case(make_company("Hamnbageriet Två AB"), contact_email="karin@hamnbageriet.example.se")

    page.goto(f"/track/{make_track_token(case, now=long_ago)}/")
    expect(page.locator("h1")).to_have_text("Länken har slutat gälla")
    page.get_by_label("E-postadressen du använde").fill("karin@hamnbageriet.example.se")
    page.get_by_role("button", name="Skicka en länk till mig").click()
    expect(page.get_by_role("status")).to_contain_text("Om det finns ärenden inskickade med")

    message = OutboxMessage.objects.get(template_name="track_links")
    page.goto(link_in(message, "my"))
    expect(page.locator("h1")).to_have_text("Dina ärenden")
    expect(page.get_by_role("link", name=second.reference)).to_be_visible()
    page.get_by_role("link", name=case.reference).click()
    expect(page.locator("h1")).to_have_text(f"Ärende {case.reference}")
    expect(page.locator(".case-status")).to_have_text("Mottaget")
