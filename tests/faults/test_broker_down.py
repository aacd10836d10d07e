"""The broker (Redis) is unreachable while something queues e-mail."""

import time

import pytest
from django.urls import reverse

from companies.last_met import refresh_recently_met
from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from karlshamn_portal.outbox.tasks import requeue_stalled
from liaison.models import Case
from tests.factories import make_liaison
from tests.faults.smtp import free_port
from tests.faults.submission import request_form
from tests.faults.worker import use_broker, wait_for

pytestmark = [pytest.mark.postgresql, pytest.mark.redis]


def test_a_company_submits_while_the_broker_is_down_and_the_emails_go_out_once_it_is_back(
    transactional_db, client, smtp, broker, start_worker
):
    make_liaison("lina")
    use_broker(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    started = time.monotonic()
    response = client.post(reverse("case-new"), request_form())
    assert time.monotonic() - started < 10, "an unreachable broker must not hang the request"

    assert response.status_code == 302
    case = Case.objects.get()
    assert client.get(response.headers["Location"]).content.decode().count(case.reference) >= 1
    queued = OutboxMessage.objects.filter(status=OutboxStatus.QUEUED, attempts=0)
    assert sorted(queued.values_list("recipient", flat=True)) == ["lina@example.se", "vera1@example.se"]
    assert smtp.sink.attempts == 0

    use_broker(None)  # Redis is back
    start_worker()
    assert requeue_stalled() == 2  # the periodic sweep finds the waiting rows
    wait_for(lambda: OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == 2, 20, "delivery")

    assert smtp.sink.count_by_recipient() == {"lina@example.se": 1, "vera1@example.se": 1}

    # The company's last-met time was handed off during the outage too, and lost with it: the
    # hourly pass finds the new case.
    case.company.refresh_from_db()
    assert case.company.last_case_at is None
    assert refresh_recently_met() == 1
    case.company.refresh_from_db()
    assert case.company.last_case_at == case.created_at
    assert requeue_stalled() == 0
