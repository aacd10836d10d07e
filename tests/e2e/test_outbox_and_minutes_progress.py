"""In Chromium: the liaison officer reads an e-mail's HTML part in the outbox's sandboxed frame and
downloads its .ics; publishing minutes to many subscribers shows progress that updates in place.
axe-core checks every page."""

import re
from datetime import timedelta
from unittest import mock

from django.utils import timezone
from playwright.sync_api import expect

from forum.models import MinutesMailing, Subscriber, SubscriberStatus
from forum.services import mailings
from karlshamn_portal.outbox.models import OutboxMessage
from karlshamn_portal.outbox.services import Attachment, queue_email
from meetings.models import Meeting
from tests.e2e.conftest import login
from tests.factories import PASSWORD, make_liaison
from tests.forum.factories import make_series


def test_the_outbox_shows_the_html_part_without_running_its_scripts_and_offers_the_ics(page):
    make_liaison("lina")
    message = queue_email(
        "outbox_test",
        "anna@example.se",
        {"name": "Anna"},
        attachments=[Attachment("invitation.ics", "text/calendar", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")],
    )
    OutboxMessage.objects.filter(pk=message.pk).update(
        body_html='<p id="greeting">Hej Anna</p><script>document.getElementById("greeting").textContent = "ran"</script>'
    )
    login(page, "lina", PASSWORD)
    page.goto(f"/outbox/{message.pk}/")
    frame = page.frame_locator("iframe.outbox-html")
    expect(frame.locator("#greeting")).to_have_text("Hej Anna")
    page.wait_for_timeout(300)
    expect(frame.locator("#greeting")).to_have_text("Hej Anna")  # the script never ran

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("invitation.ics")).click()
    assert download.value.suggested_filename == "invitation.ics"


def test_publishing_minutes_to_many_shows_progress_in_place_until_everyone_is_told(page):
    liaison = make_liaison("lina")
    series = make_series(liaison, first_date=timezone.localdate() + timedelta(days=1))
    Subscriber.objects.bulk_create(
        Subscriber(series=series, name=f"P{n}", email=f"p{n}@example.se", status=SubscriberStatus.CONFIRMED)
        for n in range(1_200)
    )
    occurrence = series.occurrences.select_related("meeting").first()
    # A meeting that was held this morning.
    Meeting.objects.filter(pk=occurrence.meeting_id).update(
        start=timezone.now() - timedelta(hours=3), end=timezone.now() - timedelta(hours=2)
    )
    login(page, "lina", PASSWORD)
    page.goto(f"/forum/manage/{series.slug}/{occurrence.pk}/")

    # The worker is not running yet: the page shows the mailing waiting.
    with mock.patch("forum.tasks.send_minutes_mailing.delay"):
        page.locator("#id_minutes").fill("Vi talade om hamnen.")
        page.get_by_role("button", name="Publicera minnesanteckningar").click()
        expect(page.get_by_text("Prenumeranterna meddelas: 0 av 1200")).to_be_visible()
        page.wait_for_load_state("load")
    page.evaluate("window.stillTheSamePage = true")

    mailing = MinutesMailing.objects.get()
    mailings.send_minutes_mailing(mailing.pk)
    expect(page.get_by_text("1200 prenumeranter har fått besked")).to_be_visible(timeout=10_000)
    assert page.evaluate("window.stillTheSamePage === true")  # updated in place, not reloaded
    assert OutboxMessage.objects.filter(template_name="forum_minutes").count() == 1_200
