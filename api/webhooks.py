"""Telling registered receivers of changes: a delivery row per endpoint and event, written in the
transaction of the change, then posted by a task, signed, and retried with backoff."""

import hashlib
import hmac
import json
import logging
import time
from datetime import timedelta
from typing import Any

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext

from api.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from api.webhook_targets import TargetRefused, TargetUnresolved, post_checked
from liaison.models import Case

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Portal-Signature"
TIMESTAMP_HEADER = "X-Portal-Timestamp"
EVENT_HEADER = "X-Portal-Event"
DELIVERY_HEADER = "X-Portal-Delivery"
# A worker that died mid-post leaves the row 'sending'; after this the sweep tries it again.
STALLED_AFTER = timedelta(minutes=10)


def signature(secret: str, timestamp: str, body: str) -> str:
    """HMAC-SHA256 over "<timestamp>.<body>": the timestamp is signed too, so a receiver that
    refuses old timestamps cannot be sent a captured delivery again later."""
    digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def queue_webhook(event: str, payload: dict[str, Any], case: Case | None = None) -> list[WebhookDelivery]:
    """One delivery for every active endpoint that wants `event`; posted after commit. `case` is
    the case the event is about: anonymising it also clears its deliveries."""
    endpoints = [e for e in WebhookEndpoint.objects.filter(is_active=True) if event in e.events]
    if not endpoints:
        return []
    body = json.dumps({"event": event, **payload}, ensure_ascii=False, default=str)
    deliveries = WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(endpoint=endpoint, event=event, body=body, case=case) for endpoint in endpoints]
    )
    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: enqueue_deliveries(ids))
    return deliveries


def enqueue_deliveries(ids: list[int], countdown: float = 0) -> None:
    from api.tasks import deliver_webhook

    for delivery_id in ids:
        try:
            deliver_webhook.apply_async((delivery_id,), countdown=countdown)
        except Exception:  # noqa: BLE001 - any broker failure; the sweep posts it later
            logger.warning("Broker unreachable; webhook delivery %s waits for the sweep", delivery_id)


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 6 * 3600))


def deliver(delivery_id: int) -> str:
    """Post one due delivery; returns its status afterwards. The conditional update claims the
    row, so a second worker or a redelivered task finds nothing to do."""
    now = timezone.now()
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id, status=DeliveryStatus.PENDING, next_attempt_at__lte=now
    ).update(status=DeliveryStatus.SENDING, last_attempt_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return "skipped"
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.pk),
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(delivery.endpoint.secret, timestamp, delivery.body),
    }
    refused = False
    try:
        # A refusal's reason is read in the admin, in the portal's language.
        with translation.override(settings.LANGUAGE_CODE):
            response = post_checked(
                delivery.endpoint.url,
                delivery.body.encode(),
                headers,
                timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            )
    except TargetRefused as refusal:
        # The URL, or what its name resolves to now, is not a webhook's place: trying again
        # would only knock on the same door, so the delivery fails at once.
        refused = True
        delivery.last_status_code = None
        with translation.override(settings.LANGUAGE_CODE):
            delivery.last_response = gettext("Not sent: %(reason)s") % {"reason": refusal.reason}
        ok = False
    except (TargetUnresolved, requests.RequestException) as error:
        delivery.last_status_code = None
        delivery.last_response = f"{type(error).__name__}: {error}"[:2000]
        ok = False
    else:
        delivery.last_status_code = response.status_code
        delivery.last_response = response.text[:2000]
        ok = 200 <= response.status_code < 300
    if ok:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = timezone.now()
    elif refused or delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
    else:
        delivery.status = DeliveryStatus.PENDING
        delivery.next_attempt_at = timezone.now() + _backoff(delivery.attempts)
    delivery.save(
        update_fields=["status", "delivered_at", "next_attempt_at", "last_status_code", "last_response"]
    )
    if not ok:
        logger.warning(
            "Webhook delivery %s failed: %s", delivery.pk, delivery.last_status_code or delivery.last_response
        )
    return delivery.status


def retry_at(delivery_id: int) -> float:
    """Seconds until the delivery's next attempt."""
    due = WebhookDelivery.objects.values_list("next_attempt_at", flat=True).get(pk=delivery_id)
    return max((due - timezone.now()).total_seconds(), 1)


def requeue_due(limit: int = 500) -> int:
    """Hand due and stalled deliveries to the workers again; returns how many were enqueued."""
    now = timezone.now()
    WebhookDelivery.objects.filter(
        status=DeliveryStatus.SENDING, last_attempt_at__lt=now - STALLED_AFTER
    ).update(status=DeliveryStatus.PENDING)
    ids = list(
        WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    enqueue_deliveries(ids)
    return len(ids)
