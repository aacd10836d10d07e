"""The outbox's tasks and how message ids reach them. Tasks take ids; delivery does the work."""

import logging
from contextlib import suppress

from celery import shared_task
from django.core.mail import get_connection
from django.utils import timezone

from karlshamn_portal.outbox import delivery
from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

# Messages per delivery task: one SMTP connection each, short enough that a worker restart
# costs little.
BATCH_SIZE = 50


def enqueue_deliveries(message_ids: list[int]) -> None:
    """Hand stored messages to the workers: one task for one message, batches for more."""
    if len(message_ids) == 1:
        enqueue_delivery(message_ids[0])
        return
    for start in range(0, len(message_ids), BATCH_SIZE):
        batch = message_ids[start : start + BATCH_SIZE]
        try:
            deliver_batch.apply_async((batch,))
        except Exception:  # noqa: BLE001 - any broker failure; the sweep delivers them later
            logger.warning(
                "Broker unreachable; %s outbox messages wait for the sweep", len(batch), exc_info=True
            )


def enqueue_delivery(message_id: int, countdown: float = 0) -> None:
    try:
        deliver_message.apply_async((message_id,), countdown=countdown)
    except Exception:  # noqa: BLE001 - any broker failure; the sweep delivers it later
        logger.warning("Broker unreachable; outbox message %s waits for the sweep", message_id, exc_info=True)


def _retry_later(message_id: int) -> None:
    """After a temporary failure: try again once the backoff has passed."""
    retry_at = OutboxMessage.objects.values_list("next_attempt_at", flat=True).get(pk=message_id)
    enqueue_delivery(message_id, countdown=max((retry_at - timezone.now()).total_seconds(), 1))


@shared_task(name="outbox.deliver")
def deliver_message(message_id: int) -> str:
    status = delivery.deliver(message_id)
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
            status = delivery.deliver(message_id, connection)
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
    """The sweep (every minute): hands due and stalled messages to the workers again, so nothing
    is lost to a broker that was down or a worker that died; returns how many."""
    message_ids = delivery.requeue_stalled()
    if message_ids:
        enqueue_deliveries(message_ids)
    return len(message_ids)
