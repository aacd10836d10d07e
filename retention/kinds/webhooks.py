"""Webhook deliveries: once delivered or failed, a delivery has done its work. Its body and the
receiver's answer are only worth keeping while someone may look into a failure; the case's
timeline is the record of what happened."""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from api.models import DeliveryStatus, WebhookDelivery
from retention.registry import Kind


class WebhookDeliveries(Kind):
    key = "webhook_deliveries"
    label = _("Webhook deliveries")
    rule = _(
        "deleted, with their bodies and the receiver's answers, %(days)s days after they were delivered or failed"
    )

    def due(self, cutoff: datetime) -> Iterable[QuerySet]:
        # Waiting ones stay: the sweep still posts them, and their last attempt moves on.
        return [
            WebhookDelivery.objects.filter(
                status__in=[DeliveryStatus.DELIVERED, DeliveryStatus.FAILED], last_attempt_at__lt=cutoff
            )
        ]
