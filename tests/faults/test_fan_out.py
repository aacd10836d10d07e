"""Many e-mails from one change (a forum invitation round) go out in batches over shared SMTP
connections, and one refused recipient does not hold up the rest."""

import pytest
from django.db import transaction

from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from karlshamn_portal.outbox.services import build_email, queue_emails
from karlshamn_portal.outbox.tasks import BATCH_SIZE
from tests.faults.probe import queue_probe, render_probe

pytestmark = pytest.mark.usefixtures("probe_templates")


def queue_round(count: int) -> list[str]:
    """One round, queued as the forum's invitation rounds are: one queue_emails call."""
    recipients = [f"company{n}@example.se" for n in range(count)]
    with transaction.atomic():
        queue_emails(
            [
                build_email("fault_probe", recipient, render_probe(recipient, number), language="sv")
                for number, recipient in enumerate(recipients)
            ]
        )
    return recipients


def test_a_round_of_emails_goes_out_once_each_over_one_connection_per_batch(
    db, smtp, django_capture_on_commit_callbacks
):
    count = BATCH_SIZE * 2 + 5
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        recipients = queue_round(count)

    assert len(callbacks) == 1, "one hand-over to the broker per round"
    assert OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == count
    assert smtp.sink.count_by_recipient() == dict.fromkeys(recipients, 1)
    assert smtp.sink.sessions == 3, "one SMTP connection per batch of BATCH_SIZE"


def test_a_refused_recipient_in_a_batch_fails_alone_and_the_rest_are_delivered(
    db, smtp, django_capture_on_commit_callbacks
):
    smtp.sink.answer("250 OK", "550 5.1.1 No such mailbox", "250 OK", "451 4.3.0 Try later")
    with django_capture_on_commit_callbacks(execute=True):
        recipients = queue_round(10)

    statuses = dict(OutboxMessage.objects.values_list("recipient", "status"))
    assert statuses.pop(recipients[1]) == OutboxStatus.FAILED
    assert statuses.pop(recipients[3]) == OutboxStatus.QUEUED, "a temporary refusal is retried later"
    assert set(statuses.values()) == {OutboxStatus.SENT}
    assert smtp.sink.count_by_recipient() == dict.fromkeys(
        set(recipients) - {recipients[1], recipients[3]}, 1
    )


def test_emails_queued_in_a_rolled_back_savepoint_are_not_sent_but_the_rest_are(
    db, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        queue_probe("kept@example.se")
        try:
            with transaction.atomic():
                queue_probe("dropped@example.se")
                raise RuntimeError("the inner change failed")
        except RuntimeError:
            pass
        queue_probe("also-kept@example.se")

    assert smtp.sink.count_by_recipient() == {"kept@example.se": 1, "also-kept@example.se": 1}
    assert not OutboxMessage.objects.filter(recipient="dropped@example.se").exists()
