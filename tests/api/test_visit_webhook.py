"""The visit.recorded webhook: recording a visit on its page writes a delivery row in the same
transaction, posted signed afterwards; the receiver reads what was said through the API."""

from unittest import mock

import pytest
from django.urls import reverse

from api.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookEvent
from companies.models import VisitStatus
from companies.services.visits import VisitError, cancel_visit, record_visit
from tests.api.receiver import running_receiver
from tests.companies.factories import make_business_developer, make_register_company, make_visit

pytestmark = pytest.mark.django_db
SECRET = "visit-webhook-secret"


@pytest.fixture
def receiver():
    with running_receiver(SECRET) as running:
        WebhookEndpoint.objects.create(
            name="CRM", url=running.url, secret=SECRET, events=[WebhookEvent.VISIT_RECORDED]
        )
        yield running


@pytest.fixture
def developer(db):
    return make_business_developer("nora")


@pytest.fixture
def visit(developer):
    return make_visit(make_register_company(1, name="Hamnens Bageri AB"), developer)


def test_recording_a_visit_on_its_page_posts_a_signed_event(
    client, developer, visit, receiver, django_capture_on_commit_callbacks
):
    client.force_login(developer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("companies:visit-record", args=[visit.pk]),
            {"held": "1", "plans": "Ny hall", "internal_notes": "Hemlig anteckning"},
        )

    assert response.status_code == 302
    [got] = receiver.received
    assert got["event"] == "visit.recorded" and got["signed"]
    assert got["body"]["visit"] == {
        "id": visit.pk,
        "status": VisitStatus.HELD,
        "company_id": visit.company_id,
    }
    # What was said, and whose company it is, stay behind the API's access rules.
    assert "Hemlig" not in str(got["body"]) and "Bageri" not in str(got["body"])
    assert WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED


def test_a_cancelled_visit_is_not_announced_as_recorded(
    developer, visit, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cancel_visit(visit, recorded_by=developer, reason="Sjuk")
    assert receiver.received == [] and not WebhookDelivery.objects.exists()


def test_the_delivery_row_is_written_with_the_record_and_posted_after_commit(developer, visit, receiver):
    with mock.patch("api.tasks.deliver_webhook.apply_async") as broker:
        record_visit(visit, recorded_by=developer)
    # Inside the test's transaction nothing has committed: the row waits, nothing is posted.
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING
    assert not broker.called and receiver.received == []


def test_a_refused_record_leaves_no_delivery(developer, visit, receiver):
    record_visit(visit, recorded_by=developer)
    WebhookDelivery.objects.all().delete()
    with pytest.raises(VisitError):
        record_visit(visit, recorded_by=developer)
    assert not WebhookDelivery.objects.exists()
