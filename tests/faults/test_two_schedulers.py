"""Two schedulers run the periodic scans at the same moment (a misconfigured deployment)."""

import threading
from collections.abc import Callable

import pytest
from django.db import close_old_connections, connection

from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from karlshamn_portal.outbox.services import requeue_stalled
from tests.faults.probe import store_undelivered

pytestmark = [pytest.mark.postgresql, pytest.mark.usefixtures("probe_templates")]


def run_twice_at_once(scan: Callable[[], object]) -> None:
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def scheduler() -> None:
        try:
            start.wait()
            scan()
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()
    assert not errors, errors


def test_two_outbox_sweeps_at_once_send_every_email_exactly_once(transactional_db, smtp):
    # Eager delivery: each scheduler thread delivers what it claims itself, so both really
    # compete for the same rows.
    recipients = store_undelivered(40)
    run_twice_at_once(requeue_stalled)

    assert OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == 40
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
    assert smtp.sink.count_by_recipient() == dict.fromkeys(recipients, 1)
