"""The outbox page shows what was sent without becoming a way into the cases."""

import re

import pytest
from django.urls import reverse

from karlshamn_portal.outbox.models import OutboxMessage
from karlshamn_portal.outbox.services import Attachment, queue_email
from liaison.services.tracking import send_case_links
from tests.factories import make_liaison
from tests.liaison.factories import make_case

TOKEN_IN_LINK = re.compile(r"/track/([^/\s\"<]+)/")


@pytest.fixture
def links_email(db):
    make_case(contact_email="karin@hamnbageriet.example.se")
    send_case_links("karin@hamnbageriet.example.se", "en")
    return OutboxMessage.objects.get(template_name="track_links")


def test_officials_are_refused_the_outbox(client, links_email, building_official):
    client.force_login(building_official)
    assert client.get(reverse("outbox")).status_code == 403
    assert client.get(reverse("outbox-detail", args=[links_email.pk])).status_code == 403
    assert client.get(reverse("outbox-html", args=[links_email.pk])).status_code == 403
    assert "/outbox/" not in client.get(reverse("referral-list")).content.decode()


def test_private_links_are_shown_cut_short_and_not_as_links(client, links_email):
    token = TOKEN_IN_LINK.search(links_email.body_text).group(1)
    assert len(token) > 40
    client.force_login(make_liaison())
    page = client.get(reverse("outbox-detail", args=[links_email.pk])).content.decode()
    assert token not in page
    assert token[:6] + "…" in page
    assert not re.search(r'href="[^"]*/track/', page)  # nothing to click through
    framed = client.get(reverse("outbox-html", args=[links_email.pk])).content.decode()
    assert token not in framed
    assert token[:6] + "…" in framed


def test_the_html_part_is_shown_in_a_sandboxed_frame_without_scripts(client, links_email):
    client.force_login(make_liaison())
    page = client.get(reverse("outbox-detail", args=[links_email.pk])).content.decode()
    frame = re.search(r"<iframe[^>]*>", page).group(0)
    assert "sandbox" in frame and reverse("outbox-html", args=[links_email.pk]) in frame
    assert "allow-scripts" not in frame
    framed = client.get(reverse("outbox-html", args=[links_email.pk]))
    assert framed["Content-Type"].startswith("text/html")
    policy = framed["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy and "frame-ancestors 'self'" in policy
    assert "script-src" not in policy
    assert framed["X-Frame-Options"] == "SAMEORIGIN"


def test_staff_download_each_attachment_such_as_the_ics(client, db):
    calendar = (
        "BEGIN:VCALENDAR\r\nURL:http://127.0.0.1:8000/meetings/answer/1/"
        + "t" * 60
        + "/\r\nEND:VCALENDAR\r\n"
    )
    message = queue_email(
        "outbox_test",
        "anna@example.se",
        {"name": "Anna"},
        attachments=[Attachment("invitation.ics", "text/calendar; method=REQUEST", calendar)],
    )
    client.force_login(make_liaison())
    page = client.get(reverse("outbox-detail", args=[message.pk])).content.decode()
    download = reverse("outbox-attachment", args=[message.pk, 0])
    assert f'href="{download}"' in page
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == 'attachment; filename="invitation.ics"'
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR") and "t" * 60 not in body
    assert client.get(reverse("outbox-attachment", args=[message.pk, 1])).status_code == 404


def test_the_outbox_is_off_without_the_setting(client, links_email, settings):
    settings.OUTBOX_BROWSER = False
    client.force_login(make_liaison())
    assert client.get(reverse("outbox")).status_code == 404
