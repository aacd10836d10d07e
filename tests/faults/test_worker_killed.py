"""A worker dies (SIGKILL) in the middle of an SMTP conversation."""

import time

import pytest
from django.db import transaction

from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from karlshamn_portal.outbox.tasks import requeue_stalled
from tests.faults.probe import queue_probe
from tests.faults.smtp import STALL
from tests.faults.worker import wait_for

pytestmark = [pytest.mark.postgresql, pytest.mark.redis, pytest.mark.usefixtures("probe_templates")]


def test_an_email_whose_worker_was_killed_mid_send_is_delivered_exactly_once_after_restart(
    transactional_db, smtp, start_worker, settings
):
    settings.OUTBOX_STALLED_AFTER_SECONDS = 1
    smtp.sink.answer(STALL)
    worker = start_worker()
    with transaction.atomic():
        message = queue_probe("hamn@example.se")

    wait_for(smtp.sink.stalled.is_set, 20, "the worker to start sending")
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENDING
    worker.kill()

    # Before STALLED_AFTER the row still belongs to the (dead) worker; nobody else may take it.
    assert requeue_stalled() == 0
    time.sleep(1.2)
    start_worker()
    assert requeue_stalled() == 1
    wait_for(lambda: OutboxMessage.objects.filter(status=OutboxStatus.SENT).exists(), 20, "redelivery")

    message.refresh_from_db()
    assert message.attempts == 2
    time.sleep(0.5)  # room for a stray second delivery to show up
    assert smtp.sink.count_by_recipient() == {"hamn@example.se": 1}
    assert requeue_stalled() == 0
