"""Webhook deliveries keep nothing personal past the plan: anonymising a case clears its
deliveries, and delivered or failed ones go after the plan's days."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from api.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookEvent
from api.webhooks import queue_webhook
from retention.services.clearing import clear_kind
from tests.retention.people import KARIN, OLLE, close_case_of, make_people
from tests.retention.rows import webhook_delivery

pytestmark = pytest.mark.django_db
NAME, EMAIL = KARIN["contact_name"], KARIN["contact_email"]


def _everything_stored(delivery: WebhookDelivery) -> str:
    return f"{delivery.body} {delivery.last_response}"


@pytest.fixture
def deliveries(liaison, building_department, building_official):
    """Karin's case, closed eleven years ago, with the deliveries its changes wrote: one the
    receiver took and answered by echoing her address, one still waiting whose body carries her
    name and address (a body copies the event's data, whatever a service put there)."""
    WebhookEndpoint.objects.create(
        name="Diariet", url="https://diarium.example/hooks", secret="s", events=list(WebhookEvent.values)
    )
    with freeze_time(timezone.now() - timedelta(days=11 * 365)):
        people = make_people(liaison, building_department, building_official)
        close_case_of(people.karin_case, liaison)
        case = people.karin_case
        written = WebhookDelivery.objects.filter(case=case)
        assert written.count() >= 2  # routed (in progress), closed
        answered = written.order_by("pk").first()
        assert answered is not None
        WebhookDelivery.objects.filter(pk=answered.pk).update(
            status=DeliveryStatus.DELIVERED,
            delivered_at=timezone.now(),
            last_response=json.dumps({"registered": True, "contact": EMAIL}),
        )
        payload = {
            "case": {"reference": case.reference, "diarium_number": case.diarium_number},
            "change": {"from": "open", "to": "waiting", "name": NAME, "note": f"Ring {NAME}, {EMAIL}"},
        }
        [waiting] = queue_webhook(WebhookEvent.CASE_STATUS_CHANGED, payload, case=case)
        olle = queue_webhook(WebhookEvent.CASE_STATUS_CHANGED, {"change": {"name": OLLE["contact_name"]}})
    assert any(NAME in _everything_stored(d) or EMAIL in _everything_stored(d) for d in written)
    return people, answered, waiting, olle


def test_after_anonymising_no_delivery_holds_the_contacts_name_or_address(deliveries):
    people, answered, waiting, _olle = deliveries
    assert clear_kind("closed_cases").count == 1

    for delivery in WebhookDelivery.objects.all():
        assert NAME not in _everything_stored(delivery)
        assert EMAIL not in _everything_stored(delivery)
    assert not WebhookDelivery.objects.filter(pk=answered.pk).exists()  # delivered: gone
    # The waiting one is still sent, about the same case, with what is not personal.
    waiting.refresh_from_db()
    body = json.loads(waiting.body)
    assert waiting.status == DeliveryStatus.PENDING
    assert body["case"]["reference"] == people.karin_case.reference
    assert body["change"] == {"from": "open", "to": "waiting", "note": ""}


def test_deliveries_about_other_cases_are_left_alone(deliveries):
    _people, _answered, _waiting, [olle] = deliveries
    clear_kind("closed_cases")
    olle.refresh_from_db()
    assert OLLE["contact_name"] in olle.body


def test_a_delivery_still_waiting_is_kept_however_old(settings):
    settings.RETENTION_PLAN = {**settings.RETENTION_PLAN, "webhook_deliveries": 30}
    old = timezone.now() - timedelta(days=400)
    waiting = webhook_delivery(old, status=DeliveryStatus.PENDING)
    failed = webhook_delivery(old, status=DeliveryStatus.FAILED)

    assert clear_kind("webhook_deliveries").count == 1
    assert WebhookDelivery.objects.filter(pk=waiting.pk).exists()
    assert not WebhookDelivery.objects.filter(pk=failed.pk).exists()
