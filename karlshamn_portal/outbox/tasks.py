from contextlib import suppress

from celery import shared_task
from django.core.mail import get_connection
from django.utils import timezone

from karlshamn_portal.outbox import services
from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus


def _retry_later(message_id: int) -> None:
    """After a temporary failure: try again once the backoff has passed."""
    retry_at = OutboxMessage.objects.values_list("next_attempt_at", flat=True).get(pk=message_id)
    services.enqueue_delivery(message_id, countdown=max((retry_at - timezone.now()).total_seconds(), 1))


@shared_task(name="outbox.deliver")
def deliver_message(message_id: int) -> str:
    status = services.deliver(message_id)
    if status == OutboxStatus.QUEUED:
        _retry_later(message_id)
    return status


@shared_task(name="outbox.deliver_batch")
def deliver_batch(message_ids: list[int]) -> int:
    """Deliver several messages over one SMTP connection; returns how many were sent."""
    sent = 0
    connection = get_connection()
    try:
        for message_id in message_ids:
            with suppress(Exception):  # a server that is down fails the send below, recorded there
                connection.open()
            status = services.deliver(message_id, connection)
            if status == OutboxStatus.SENT:
                sent += 1
            elif status in (OutboxStatus.QUEUED, OutboxStatus.FAILED):
                if status == OutboxStatus.QUEUED:
                    _retry_later(message_id)
                # After a refusal the SMTP session may be in any state: start the next afresh.
                connection.close()
    finally:
        connection.close()
    return sent


@shared_task(name="outbox.requeue_stalled")
def requeue_stalled() -> int:
    return services.requeue_stalled()
