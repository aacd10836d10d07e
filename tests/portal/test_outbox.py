import logging
import smtplib

import pytest
from django.core import mail
from django.test import override_settings

from karlshamn_portal.outbox import delivery, services, tasks
from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from tests.factories import make_liaison, make_user


def queue(**kwargs):
    return services.queue_email("outbox_test", "anna@example.se", {"name": "Anna"}, **kwargs)


def test_an_email_is_a_row_before_it_is_sent(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = queue()
    assert OutboxMessage.objects.get().status == OutboxStatus.QUEUED
    assert mail.outbox == []
    assert len(callbacks) == 1
    assert message.subject == "Hej Anna"


def test_delivery_after_commit_marks_the_row_sent(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue(language="en")
    message = OutboxMessage.objects.get()
    assert message.status == OutboxStatus.SENT
    assert message.sent_at is not None
    assert [m.subject for m in mail.outbox] == ["Hello Anna"]
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_a_rolled_back_change_sends_nothing(db, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):  # noqa: SIM117
        with transaction.atomic():
            queue()
            raise RuntimeError("the change failed")
    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


class FlakyBackend:
    """Answers like an SMTP server that is temporarily or permanently unhappy."""

    code = 451

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPDataError(self.code, b"try later" if self.code < 500 else b"no such user")


class PermanentBackend(FlakyBackend):
    code = 550


@override_settings(EMAIL_BACKEND="tests.portal.test_outbox.FlakyBackend")
def test_a_temporary_smtp_error_is_retried_later(db):
    message = queue()
    assert delivery.deliver(message.pk) == OutboxStatus.QUEUED
    message.refresh_from_db()
    assert message.attempts == 1
    assert "451" in message.last_error
    assert message.next_attempt_at > message.claimed_at
    # Not due yet: a second delivery does nothing.
    assert delivery.deliver(message.pk) == "skipped"


@override_settings(EMAIL_BACKEND="tests.portal.test_outbox.PermanentBackend")
def test_a_permanent_smtp_error_marks_the_message_failed(db):
    message = queue()
    assert delivery.deliver(message.pk) == OutboxStatus.FAILED
    assert OutboxMessage.objects.failed().count() == 1


def test_the_same_dedupe_key_gives_one_message(db):
    assert queue(dedupe_key="reminder:1") is not None
    assert queue(dedupe_key="reminder:1") is None
    assert OutboxMessage.objects.count() == 1


def test_a_sent_message_is_not_sent_again(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    assert delivery.deliver(message.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_the_sweep_sends_what_the_broker_never_got(db, monkeypatch, django_capture_on_commit_callbacks):
    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr("karlshamn_portal.outbox.tasks.deliver_message.apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        queue()
    assert OutboxMessage.objects.get().status == OutboxStatus.QUEUED
    monkeypatch.undo()
    assert tasks.requeue_stalled() == 1
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT


def test_staff_can_browse_the_outbox_and_others_cannot(client, db):
    queue()
    client.force_login(make_liaison("lina"))
    assert "Hej Anna" in client.get("/outbox/").content.decode()
    client.force_login(make_user("olle"))
    assert client.get("/outbox/").status_code == 403


def test_a_calendar_part_travels_as_an_alternative_body_and_as_a_file(db, django_capture_on_commit_callbacks):
    calendar = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"
    with django_capture_on_commit_callbacks(execute=True):
        queue(attachments=[services.Attachment("invite.ics", "text/calendar; method=REQUEST", calendar)])
    sent = mail.outbox[0].message()
    parts = {part.get_content_type(): part for part in sent.walk()}
    assert parts["text/calendar"].get_param("method") == "REQUEST"
    assert parts["multipart/alternative"] is not None
    alternative_types = [p.get_content_type() for p in parts["multipart/alternative"].get_payload()]
    assert alternative_types == ["text/plain", "text/html", "text/calendar"]
    assert any(part.get_filename() == "invite.ics" for part in sent.walk())


def test_each_queueing_call_registers_one_hand_off_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue()
        services.queue_emails(
            [
                services.build_email(
                    "outbox_test", f"person{n}@example.se", ("Hej", "Text", ""), language="sv"
                )
                for n in range(3)
            ]
        )
    assert len(callbacks) == 2


def test_messages_of_a_rolled_back_savepoint_are_never_handed_to_the_broker(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import transaction

    handed: list[list[int]] = []
    monkeypatch.setattr(tasks, "enqueue_deliveries", handed.append)
    monkeypatch.setattr(services, "enqueue_deliveries", handed.append)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        kept = queue()
        with pytest.raises(RuntimeError), transaction.atomic():
            queue(dedupe_key="undone")
            raise RuntimeError("this part of the change failed")
    assert handed == [[kept.pk]]
    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [kept.pk]


class RefusingBackend(FlakyBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused(
            {messages[0].to[0]: (550, b"5.1.1 <anna@example.se>: no such user")}
        )


@override_settings(EMAIL_BACKEND="tests.portal.test_outbox.RefusingBackend")
def test_a_refusal_is_logged_without_the_recipients_address_which_stays_on_the_row(db, caplog):
    message = queue()
    with caplog.at_level(logging.WARNING, logger="karlshamn_portal.outbox.delivery"):
        assert delivery.deliver(message.pk) == OutboxStatus.FAILED
    assert f"outbox message {message.pk} failed: SMTPRecipientsRefused 550" in caplog.text
    assert "@" not in caplog.text
    message.refresh_from_db()
    assert message.recipient in message.last_error
