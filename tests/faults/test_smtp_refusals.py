"""The mail server refuses: temporarily (4xx, retried) or for good (5xx, failed and shown)."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from karlshamn_portal.outbox.tasks import requeue_stalled
from tests.factories import make_user
from tests.faults.probe import make_due, queue_probe

pytestmark = pytest.mark.usefixtures("probe_templates")


def test_temporary_refusals_are_retried_until_the_email_goes_out_once(
    db, smtp, django_capture_on_commit_callbacks
):
    smtp.sink.answer("451 4.3.0 Mailbox busy, try later", "452 4.3.1 Insufficient storage")
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_probe()

    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.QUEUED, 1)
    assert "451" in message.last_error
    assert message.next_attempt_at > timezone.now(), "a refused message waits before the next try"
    first_wait = message.next_attempt_at - timezone.now()

    make_due(message)
    requeue_stalled()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.QUEUED, 2)
    assert "452" in message.last_error
    assert message.next_attempt_at - timezone.now() > first_wait, "the wait grows with each refusal"

    make_due(message)
    requeue_stalled()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 3)
    assert message.sent_at is not None and message.last_error == ""
    assert smtp.sink.attempts == 3
    assert smtp.sink.count_by_recipient() == {"anna@example.se": 1}

    make_due(message)
    assert requeue_stalled() == 0, "a sent message is never offered again"
    assert len(smtp.sink.received) == 1


def test_a_permanent_refusal_marks_the_email_failed_without_retrying(
    db, smtp, django_capture_on_commit_callbacks
):
    smtp.sink.answer("550 5.1.1 No such mailbox")
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_probe("nobody@example.se")

    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, 1)
    assert "550" in message.last_error
    make_due(message)
    assert requeue_stalled() == 0
    assert smtp.sink.attempts == 1 and smtp.sink.received == []


def test_too_many_temporary_refusals_end_in_failed(db, smtp, settings, django_capture_on_commit_callbacks):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    smtp.sink.answer(*["451 4.3.0 try later"] * 5)
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_probe()
    for _ in range(4):
        make_due(message)
        requeue_stalled()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, 3)
    assert smtp.sink.attempts == 3


@pytest.fixture
def failed_message(db, smtp, django_capture_on_commit_callbacks) -> OutboxMessage:
    smtp.sink.answer("550 5.1.1 No such mailbox")
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_probe("nobody@example.se", number=7)
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    return message


def test_a_failed_email_shows_as_failed_on_the_outbox_page(client, liaison, failed_message):
    client.force_login(liaison)
    page = client.get(reverse("outbox")).content.decode()
    assert "nobody@example.se" in page
    with translation.override("sv"):
        assert str(OutboxStatus.FAILED.label) in page

    detail = client.get(reverse("outbox-detail", args=[failed_message.pk]))
    assert detail.status_code == 200


def test_an_administrator_finds_failed_emails_with_their_error_in_the_admin(client, failed_message):
    admin = make_user("ada", is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get(reverse("admin:outbox_outboxmessage_changelist"), {"status__exact": "failed"})
    assert "nobody@example.se" in listing.content.decode()
    change = client.get(reverse("admin:outbox_outboxmessage_change", args=[failed_message.pk]))
    assert "5.1.1 No such mailbox" in change.content.decode()


def test_liaison_officers_are_warned_about_failed_emails_on_the_dashboard(client, liaison, failed_message):
    client.force_login(liaison)
    page = client.get(reverse("dashboard")).content.decode()
    with translation.override("sv"):
        assert gettext("Some e-mails could not be delivered.") in page
    assert f'href="{reverse("outbox")}"' in page


def test_no_warning_on_the_dashboard_while_every_email_goes_out(client, liaison, smtp, db):
    client.force_login(liaison)
    with translation.override("sv"):
        assert (
            gettext("Some e-mails could not be delivered.")
            not in client.get(reverse("dashboard")).content.decode()
        )
