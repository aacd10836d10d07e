"""Webhook events from the case timeline: every change the services make records an event, so
the timeline is the one place that knows a case was created, moved or closed. A recorded visit
is announced by the companies app (companies.announcements)."""

from typing import Any

from django.db.models.signals import post_save

from api.models import WebhookEvent
from api.webhooks import queue_webhook
from companies.announcements import visit_recorded
from companies.models import Visit
from liaison.models import CaseEvent, EventKind

EVENTS = {
    EventKind.SUBMITTED: WebhookEvent.CASE_CREATED,
    EventKind.STATUS_CHANGED: WebhookEvent.CASE_STATUS_CHANGED,
    EventKind.CLOSED: WebhookEvent.CASE_CLOSED,
    EventKind.REFERRAL_ACCEPTED: WebhookEvent.REFERRAL_ANSWERED,
    EventKind.REFERRAL_DECLINED: WebhookEvent.REFERRAL_ANSWERED,
    EventKind.REFERRAL_DONE: WebhookEvent.REFERRAL_ANSWERED,
}


def payload(event: CaseEvent) -> dict[str, Any]:
    """What happened and to which case; no personal data: a receiver that needs more reads the
    case through the API with its token."""
    case = event.case
    body: dict[str, Any] = {
        "occurred_at": event.created_at.isoformat(),
        "case": {"reference": case.reference, "diarium_number": case.diarium_number},
        "change": event.data,
    }
    if event.referral_id:
        body["referral"] = {"id": event.referral_id, "status": event.data.get("to")}
    return body


def case_event_recorded(sender: type[CaseEvent], instance: CaseEvent, created: bool, **kwargs: Any) -> None:
    webhook_event = EVENTS.get(instance.kind)  # type: ignore[call-overload]
    if created and webhook_event:
        queue_webhook(webhook_event, payload(instance), case=instance.case)


def visit_payload(visit: Visit) -> dict[str, Any]:
    """Which visit of which company, and when; what was said stays behind the API's access rules."""
    return {
        "occurred_at": visit.recorded_at.isoformat() if visit.recorded_at else None,
        "visit": {"id": visit.pk, "status": visit.status, "company_id": visit.company_id},
    }


def visit_was_recorded(sender: type[Visit], visit: Visit, **kwargs: Any) -> None:
    queue_webhook(WebhookEvent.VISIT_RECORDED, visit_payload(visit))


def connect() -> None:
    post_save.connect(case_event_recorded, sender=CaseEvent, dispatch_uid="api.case_event_recorded")
    visit_recorded.connect(visit_was_recorded, dispatch_uid="api.visit_was_recorded")
