"""Agenda proposals through the e-mailed link, the published agenda in the last reminder,
attendance and minutes that subscribers can read."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forum.links import MINUTES, PROPOSE, forum_link
from forum.models import AgendaItem, AgendaItemStatus
from forum.services.agenda import decide_agenda_item, move_agenda_item, publish_agenda
from forum.services.invitations import send_due_invitations
from karlshamn_portal.outbox.models import OutboxMessage
from meetings.services import send_due_reminders
from tests.forum.factories import make_subscriber

SITE = "http://127.0.0.1:8000"


@pytest.fixture
def subscriber(series):
    return make_subscriber(series)


@pytest.fixture
def first(series):
    return series.occurrences.select_related("meeting", "series").first()


def _propose_path(first, subscriber):
    return forum_link(PROPOSE, occurrence=first.pk, subscriber=subscriber.pk).removeprefix(SITE)


def test_a_subscriber_proposes_a_topic_through_the_link_until_the_deadline(client, first, subscriber, clock):
    path = _propose_path(first, subscriber)
    assert client.get(path).status_code == 200
    response = client.post(path, {"title": "Kompetensförsörjning", "description": "Hur når vi ungdomarna?"})
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert (item.title, item.subscriber, item.status) == (
        "Kompetensförsörjning",
        subscriber,
        AgendaItemStatus.PROPOSED,
    )

    clock.move_to(first.agenda_deadline() + timedelta(minutes=1))
    response = client.post(path, {"title": "För sent"})
    assert "tas inte längre emot" in response.content.decode()
    assert AgendaItem.objects.count() == 1


def test_a_tampered_proposal_link_does_not_work(client, first, subscriber):
    assert client.get(_propose_path(first, subscriber)[:-4] + "xyz/").status_code == 410


def test_the_published_agenda_goes_out_with_the_last_reminder(first, subscriber, clock):
    meeting = first.meeting
    send_due_invitations(meeting.invite_at + timedelta(minutes=1))
    one = AgendaItem.objects.create(occurrence=first, subscriber=subscriber, title="Hamnens utbyggnad")
    two = AgendaItem.objects.create(occurrence=first, subscriber=subscriber, title="Kompetensförsörjning")
    AgendaItem.objects.create(occurrence=first, subscriber=subscriber, title="Reklam för min firma")
    decide_agenda_item(one, AgendaItemStatus.ACCEPTED)
    decide_agenda_item(two, AgendaItemStatus.ACCEPTED)
    move_agenda_item(two, -1)
    publish_agenda(first)

    send_due_reminders(meeting.start - timedelta(days=6))
    week_before = OutboxMessage.objects.get(template_name="meeting_reminder", recipient="anna@foretag.se")
    assert "Kompetensförsörjning" not in week_before.body_text
    send_due_reminders(meeting.start - timedelta(hours=23))
    last = OutboxMessage.objects.filter(template_name="meeting_reminder", recipient="anna@foretag.se").latest(
        "pk"
    )
    assert re.search(r"Dagordning\s+1\. Kompetensförsörjning\s+2\. Hamnens utbyggnad", last.body_text)
    assert "Reklam" not in last.body_text
    assert "Dagordning" in last.body_html


def test_the_public_page_shows_only_the_published_agenda(client, first, subscriber):
    item = AgendaItem.objects.create(occurrence=first, subscriber=subscriber, title="Hamnens utbyggnad")
    decide_agenda_item(item, AgendaItemStatus.ACCEPTED)
    assert "Hamnens utbyggnad" not in client.get("/forum/").content.decode()
    publish_agenda(first)
    assert "Hamnens utbyggnad" in client.get("/forum/").content.decode()


@pytest.fixture
def after_meeting(client, first, subscriber, liaison, clock):
    send_due_invitations(first.meeting.invite_at + timedelta(minutes=1))
    clock.move_to(first.meeting.end + timedelta(hours=1))
    client.force_login(liaison)
    return first


def test_the_liaison_records_attendance_and_publishes_minutes_with_a_file(
    client, after_meeting, subscriber, django_capture_on_commit_callbacks
):
    first = after_meeting
    base = f"/forum/manage/{first.series.slug}/{first.pk}"
    anna = first.meeting.invitations.get(email="anna@foretag.se")
    client.post(f"{base}/attendance/", {"attended": [anna.pk]})
    assert list(first.attended.all()) == [anna]

    pdf = SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4\n" + b"0" * 200, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{base}/minutes/", {"minutes": "Vi talade om hamnen.", "file": pdf})
    assert response.status_code == 302
    told = OutboxMessage.objects.get(template_name="forum_minutes")
    assert told.recipient == "anna@foretag.se"
    client.logout()
    link = re.search(r"http://\S+/forum/minutes/\S+", told.body_text).group(0).removeprefix(SITE)
    page = client.get(link)
    assert "Vi talade om hamnen." in page.content.decode()
    download = client.get(link + "file/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_minutes_file_of_the_wrong_type_or_size_is_refused(client, after_meeting):
    first = after_meeting
    url = f"/forum/manage/{first.series.slug}/{first.pk}/minutes/"
    fake = SimpleUploadedFile("protokoll.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(url, {"minutes": "Text", "file": fake})
    assert response.status_code == 400
    assert "Bara PDF" in response.content.decode()
    first.refresh_from_db()
    assert first.minutes_published_at is None


def test_minutes_are_not_readable_before_they_are_published(client, first, subscriber):
    path = forum_link(MINUTES, occurrence=first.pk, subscriber=subscriber.pk).removeprefix(SITE)
    assert client.get(path).status_code == 404
