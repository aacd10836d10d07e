from celery import shared_task

from api import webhooks
from api.models import DeliveryStatus


@shared_task(name="webhooks.deliver")
def deliver_webhook(delivery_id: int) -> str:
    status = webhooks.deliver(delivery_id)
    if status == DeliveryStatus.PENDING:
        webhooks.enqueue_deliveries([delivery_id], countdown=webhooks.retry_at(delivery_id))
    return status


@shared_task(name="webhooks.requeue_due")
def requeue_due_webhooks() -> int:
    return webhooks.requeue_due()
