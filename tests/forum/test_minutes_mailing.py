"""Publishing the minutes to many subscribers happens in a task, with progress on the liaison
officer's page, and each subscriber is told exactly once however often the task runs."""

import html
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum.models import MinutesMailing, Subscriber, SubscriberStatus
from forum.services import mailings
from forum.services.agenda import publish_minutes
from karlshamn_portal.outbox.models import OutboxMessage

SUBSCRIBERS = 1_234


@pytest.fixture
def many(series):
    Subscriber.objects.bulk_create(
        Subscriber(
            series=series,
            name=f"Person {n}",
            email=f"person{n}@example.se",
            company_name=f"Företag {n} AB",
            status=SubscriberStatus.CONFIRMED,
            language="en" if n % 3 == 0 else "sv",
        )
        for n in range(SUBSCRIBERS)
    )


@pytest.fixture
def done_meeting(series, liaison, client, clock):
    occurrence = series.occurrences.select_related("meeting", "series").first()
    clock.move_to(occurrence.meeting.end + timedelta(hours=1))
    client.force_login(liaison)
    return occurrence


def _told(occurrence) -> list[str]:
    return list(
        OutboxMessage.objects.filter(template_name="forum_minutes").values_list("recipient", flat=True)
    )


def test_publishing_answers_at_once_and_a_task_tells_every_subscriber(client, many, done_meeting):
    url = f"/forum/manage/{done_meeting.series.slug}/{done_meeting.pk}/minutes/"
    with mock.patch("forum.tasks.send_minutes_mailing.delay"), CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"minutes": "Vi talade om hamnen."}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert len(queries.captured_queries) < 40  # no e-mail per subscriber inside the request
    assert not _told(done_meeting)
    mailing = MinutesMailing.objects.get()
    assert mailing.recipients == SUBSCRIBERS and mailing.told == 0

    with mock.patch("karlshamn_portal.outbox.services.render_to_string", wraps=render_to_string) as rendered:
        mailings.send_minutes_mailing(mailing.pk)
    # Rendered once per batch and language (with its check), not once per subscriber.
    assert rendered.call_count <= 3 * 2 * 6
    told = _told(done_meeting)
    assert len(told) == len(set(told)) == SUBSCRIBERS
    english = OutboxMessage.objects.filter(
        template_name="forum_minutes", recipient="person0@example.se"
    ).get()
    assert "The minutes of" in english.body_text and "/forum/minutes/" in english.body_text
    mailing.refresh_from_db()
    assert mailing.finished_at is not None and mailing.told == SUBSCRIBERS


def test_a_task_run_twice_or_resumed_tells_nobody_twice(
    many, done_meeting, django_capture_on_commit_callbacks
):
    with (
        mock.patch("forum.tasks.send_minutes_mailing.delay"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        mailing = publish_minutes(done_meeting, "Protokoll")
    # A worker dies after the first batch...
    assert mailings._send_batch(mailing.pk) == mailings.BATCH_SIZE
    # ...its task is redelivered while the sweep also picks the mailing up.
    assert mailings.send_minutes_mailing(mailing.pk) == SUBSCRIBERS - mailings.BATCH_SIZE
    assert mailings.resume_stalled_mailings(timezone.now() + timedelta(minutes=5)) == 0
    assert mailings.send_minutes_mailing(mailing.pk) == 0
    told = _told(done_meeting)
    assert len(told) == len(set(told)) == SUBSCRIBERS


def test_a_repeated_batch_writes_no_second_email(many, done_meeting):
    with mock.patch("forum.tasks.send_minutes_mailing.delay"):
        mailing = publish_minutes(done_meeting, "Protokoll")
    mailings._send_batch(mailing.pk)
    MinutesMailing.objects.filter(pk=mailing.pk).update(told=0, last_subscriber_id=0)  # as if lost
    mailings.send_minutes_mailing(mailing.pk)
    told = _told(done_meeting)
    assert len(told) == len(set(told)) == SUBSCRIBERS


def test_a_mailing_whose_task_was_lost_is_resumed_by_the_sweep(many, done_meeting):
    with mock.patch("forum.tasks.send_minutes_mailing.delay", side_effect=OSError("broker down")):
        mailing = publish_minutes(done_meeting, "Protokoll")
    assert mailings.resume_stalled_mailings() == 0  # too young to be lost
    assert mailings.resume_stalled_mailings(timezone.now() + timedelta(minutes=3)) == SUBSCRIBERS
    mailing.refresh_from_db()
    assert mailing.finished_at is not None


def test_the_liaison_watches_the_progress_until_it_is_done(client, many, done_meeting):
    with mock.patch("forum.tasks.send_minutes_mailing.delay"):
        mailing = publish_minutes(done_meeting, "Protokoll")
    page = f"/forum/manage/{done_meeting.series.slug}/{done_meeting.pk}/"
    progress = page + "minutes/progress/"
    mailings._send_batch(mailing.pk)
    detail = html.unescape(client.get(page, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert f"Telling the subscribers: 500 of {SUBSCRIBERS}" in detail
    assert re.search(rf'hx-get="{progress}"[^>]*hx-trigger="every 2s"', detail)
    partial = client.get(progress, HTTP_ACCEPT_LANGUAGE="en", HTTP_HX_REQUEST="true").content.decode()
    assert "<progress" in partial and 'value="40"' in partial
    mailings.send_minutes_mailing(mailing.pk)
    partial = html.unescape(client.get(progress, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert f"{SUBSCRIBERS} subscribers were told" in partial
    assert "hx-trigger" not in partial  # the polling stops


def test_a_correction_tells_nobody_again(client, many, done_meeting):
    with mock.patch("forum.tasks.send_minutes_mailing.delay"):
        assert publish_minutes(done_meeting, "Protokoll") is not None
        assert publish_minutes(done_meeting, "Protokoll, rättat") is None
    assert MinutesMailing.objects.count() == 1


def test_a_minutes_file_is_served_as_its_checked_type_under_a_generated_name(client, series, done_meeting):
    from forum.links import MINUTES, forum_link
    from tests.forum.factories import make_subscriber

    subscriber = make_subscriber(series)
    pdf = SimpleUploadedFile("minutes.html", b"%PDF-1.4\n" + b"0" * 200, content_type="text/html")
    url = f"/forum/manage/{series.slug}/{done_meeting.pk}/minutes/"
    with mock.patch("forum.tasks.send_minutes_mailing.delay"):
        assert client.post(url, {"minutes": "Protokoll", "file": pdf}).status_code == 302
    done_meeting.refresh_from_db()
    assert "minutes.html" not in done_meeting.minutes_file.name
    assert done_meeting.minutes_file.name.endswith(".pdf")
    link = forum_link(MINUTES, occurrence=done_meeting.pk, subscriber=subscriber.pk).removeprefix(
        "http://127.0.0.1:8000"
    )
    response = client.get(link + "file/")
    assert response["Content-Type"] == "application/pdf"
    date = timezone.localtime(done_meeting.meeting.start).date().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="minutes-{series.slug}-{date}.pdf"'
