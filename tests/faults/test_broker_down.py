"""The broker (Redis) is unreachable while something queues e-mail."""

import time

import pytest
from django.db import transaction

from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from karlshamn_portal.outbox.services import requeue_stalled
from liaison.models import Company
from tests.faults.probe import queue_probe
from tests.faults.smtp import free_port
from tests.faults.worker import use_broker, wait_for

pytestmark = [pytest.mark.postgresql, pytest.mark.redis, pytest.mark.usefixtures("probe_templates")]


def test_a_write_that_queues_email_succeeds_while_the_broker_is_down_and_the_email_goes_out_later(
    transactional_db, smtp, broker, start_worker
):
    use_broker(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    started = time.monotonic()
    with transaction.atomic():
        Company.objects.create(name="Verkstad AB", organisation_number="556677-8899")
        message = queue_probe("verkstad@example.se")
    assert time.monotonic() - started < 10, "an unreachable broker must not hang the request"

    assert Company.objects.filter(organisation_number="556677-8899").exists()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.QUEUED, 0)
    assert smtp.sink.attempts == 0

    use_broker(None)  # Redis is back
    start_worker()
    assert requeue_stalled() == 1  # the periodic sweep finds the waiting row
    wait_for(lambda: OutboxMessage.objects.filter(status=OutboxStatus.SENT).exists(), 20, "delivery")

    message.refresh_from_db()
    assert message.attempts == 1
    assert smtp.sink.count_by_recipient() == {"verkstad@example.se": 1}
    assert requeue_stalled() == 0
