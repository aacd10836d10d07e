"""Webhooks: a delivery row with every change, posted afterwards by a task, signed with
HMAC-SHA256 over the timestamp and body, retried with backoff, never in the page's way."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from api.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookEvent
from api.webhooks import deliver, requeue_due
from liaison.services.triage import change_status
from tests.api.receiver import running_receiver
from tests.liaison.factories import make_topic
from tests.liaison.test_submit import form_data
from tests.liaison.triage_factories import make_case, make_company

pytestmark = pytest.mark.django_db
SECRET = "webhook-secret-for-tests"


@pytest.fixture
def receiver():
    with running_receiver(SECRET) as running:
        yield running


def register(url: str, *events: str) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(name="Diariet", url=url, secret=SECRET, events=list(events))


def test_a_new_case_is_posted_signed_to_the_receiver(client, receiver, django_capture_on_commit_callbacks):
    register(receiver.url, WebhookEvent.CASE_CREATED)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("case-new"), form_data(make_topic()))

    [got] = receiver.received
    assert got["event"] == "case.created" and got["signed"]
    assert got["body"]["case"]["reference"].startswith("NL-")
    assert "karin" not in str(got["body"])  # no personal data: the receiver reads the case through the API
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.last_status_code == 200


def test_a_tampered_body_fails_the_receivers_check(receiver):
    headers = {"X-Portal-Timestamp": str(int(time.time())), "X-Portal-Signature": "sha256=" + "0" * 64}
    assert not receiver.verify(headers, b'{"event": "case.closed"}')


def test_only_endpoints_that_want_the_event_get_it(liaison, receiver, django_capture_on_commit_callbacks):
    register(receiver.url, WebhookEvent.CASE_CLOSED)
    WebhookEndpoint.objects.create(
        name="Av", url=receiver.url, secret=SECRET, events=[WebhookEvent.CASE_STATUS_CHANGED], is_active=False
    )
    case = make_case(make_company())
    with django_capture_on_commit_callbacks(execute=True):
        change_status(case, "open", liaison)
    assert receiver.received == [] and not WebhookDelivery.objects.exists()


def test_a_status_change_says_from_and_to(liaison, receiver, django_capture_on_commit_callbacks):
    register(receiver.url, WebhookEvent.CASE_STATUS_CHANGED)
    case = make_case(make_company())
    with django_capture_on_commit_callbacks(execute=True):
        change_status(case, "waiting", liaison)
    assert receiver.received[0]["body"]["change"] == {"from": "new", "to": "waiting"}


def test_a_receiver_that_fails_is_retried_with_backoff_until_it_answers(
    liaison, receiver, django_capture_on_commit_callbacks
):
    register(receiver.url, WebhookEvent.CASE_STATUS_CHANGED)
    receiver.answer = 503
    case = make_case(make_company())
    with django_capture_on_commit_callbacks(execute=True):
        change_status(case, "open", liaison)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
    assert delivery.last_status_code == 503 and delivery.last_response == "busy"
    wait = delivery.next_attempt_at - timezone.now()
    assert timedelta(seconds=20) < wait <= timedelta(seconds=30)
    assert requeue_due() == 0  # not due yet

    receiver.answer = 200
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    assert requeue_due() == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 2
    assert len(receiver.received) == 2


def test_a_receiver_that_is_down_is_marked_failed_after_the_last_attempt(
    liaison, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    register("http://127.0.0.1:9/nobody-listens", WebhookEvent.CASE_STATUS_CHANGED)
    case = make_case(make_company())
    with django_capture_on_commit_callbacks(execute=True):
        change_status(case, "open", liaison)
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    requeue_due()

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 2
    assert "ConnectionError" in delivery.last_response


def test_a_slow_receiver_never_holds_up_a_page(client, receiver, django_capture_on_commit_callbacks):
    register(receiver.url, WebhookEvent.CASE_CREATED)
    receiver.delay = 3
    queued: list[tuple] = []
    # The broker takes the task and answers at once; a worker posts later.
    broker = mock.patch(
        "api.tasks.deliver_webhook.apply_async", side_effect=lambda args, **kw: queued.append(args)
    )
    started = time.monotonic()
    with broker, django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("case-new"), form_data(make_topic()))
    took = time.monotonic() - started

    assert response.status_code == 302 and took < 1.5
    assert receiver.received == [] and WebhookDelivery.objects.get().status == DeliveryStatus.PENDING
    # The worker's turn.
    [(delivery_id,)] = queued
    assert deliver(delivery_id) == DeliveryStatus.DELIVERED and receiver.received[0]["signed"]


def test_two_workers_never_post_one_delivery_twice(liaison, receiver):
    register(receiver.url, WebhookEvent.CASE_STATUS_CHANGED)
    with mock.patch("api.tasks.deliver_webhook.apply_async"):
        change_status(make_case(make_company()), "open", liaison)
    delivery = WebhookDelivery.objects.get()
    assert deliver(delivery.pk) == DeliveryStatus.DELIVERED
    assert deliver(delivery.pk) == "skipped"
    assert len(receiver.received) == 1


def test_deliveries_are_visible_in_the_admin_with_their_last_answer(
    client, receiver, django_capture_on_commit_callbacks
):
    from tests.factories import make_user, sign_in_past_second_factor

    register(receiver.url, WebhookEvent.CASE_CREATED)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("case-new"), form_data(make_topic()))
    sign_in_past_second_factor(client, make_user("ada", is_staff=True, is_superuser=True))
    listing = client.get(reverse("admin:api_webhookdelivery_changelist")).content.decode()
    assert "case.created" in listing and "200" in listing
