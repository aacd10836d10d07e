from celery import shared_task
from django.utils import timezone

from karlshamn_portal.outbox import services
from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus


@shared_task(name="outbox.deliver")
def deliver_message(message_id: int) -> str:
    status = services.deliver(message_id)
    if status == OutboxStatus.QUEUED:
        # A temporary failure: try again once the backoff has passed.
        retry_at = OutboxMessage.objects.values_list("next_attempt_at", flat=True).get(pk=message_id)
        services.enqueue_delivery(message_id, countdown=max((retry_at - timezone.now()).total_seconds(), 1))
    return status


@shared_task(name="outbox.requeue_stalled")
def requeue_stalled() -> int:
    return services.requeue_stalled()
