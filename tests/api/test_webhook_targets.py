"""Webhooks go only where they may: https to public addresses, or an internal network the
installation allows on purpose. An administrator is told next to the URL why one is refused, and
a delivery whose host has come to point inside the network fails at once with the reason."""

from ipaddress import ip_network
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from api.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint, WebhookEvent
from api.webhook_targets import validate_webhook_url
from api.webhooks import deliver, requeue_due
from liaison.services.triage import change_status
from tests.api.receiver import running_receiver
from tests.api.tls import make_certificates
from tests.factories import make_user, sign_in_past_second_factor
from tests.liaison.triage_factories import make_case, make_company

pytestmark = pytest.mark.django_db
SECRET = "webhook-secret-for-tests"
# Public addresses, only ever answered by the fake DNS: nothing is sent to them.
PUBLIC = "93.184.215.14"
PUBLIC_V6 = "2606:2800:21f:cb07:6820:80da:af6b:8b2c"


@pytest.fixture
def admin_client(client):
    sign_in_past_second_factor(client, make_user("ada", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def nothing_allowed(settings):
    """An installation with no internal receiver: loopback is refused like any private address."""
    settings.WEBHOOK_ALLOWED_PRIVATE_NETWORKS = []
    return settings


def _register_in_admin(admin_client, url: str):  # type: ignore[no-untyped-def]
    return admin_client.post(
        reverse("admin:api_webhookendpoint_add"),
        {"name": "Diariet", "url": url, "secret": SECRET, "events": ["case.created"], "is_active": "on"},
    )


REFUSED = [
    ("https://127.0.0.1/hooks", "loopback"),
    ("https://localhost/hooks", "loopback"),
    ("https://[::1]/hooks", "loopback"),
    ("https://10.1.2.3/hooks", "private"),
    ("https://172.16.0.9/hooks", "private"),
    ("https://192.168.1.10/hooks", "private"),
    ("https://[fd00::5]/hooks", "private"),
    ("https://169.254.169.254/latest/meta-data/", "link-local"),
    ("https://[fe80::1]/hooks", "link-local"),
    ("https://0.0.0.0/hooks", "unspecified"),
    ("https://[::]/hooks", "unspecified"),
    ("https://224.0.0.1/hooks", "multicast"),
    ("https://[ff02::1]/hooks", "multicast"),
    ("https://240.0.0.1/hooks", "reserved"),
    ("https://100.64.0.1/hooks", "reserved"),  # carrier-grade NAT: not global
    ("https://[::ffff:127.0.0.1]/hooks", "loopback"),  # IPv4-mapped IPv6
    ("https://[::ffff:10.0.0.1]/hooks", "private"),
    ("https://[2002:a9fe:a9fe::]/hooks", "link-local"),  # 6to4 of 169.254.169.254
    ("https://2130706433/hooks", "loopback"),  # 127.0.0.1 written as one number
    ("https://intern.example/hooks", "private"),  # a name that resolves inside the network
    ("https://blandat.example/hooks", "private"),  # one public answer does not make up for a private one
]


@pytest.mark.parametrize(("url", "kind"), REFUSED)
def test_an_address_inside_the_network_is_refused_with_its_kind(url, kind, nothing_allowed, dns):
    dns.answers["intern.example"] = ["192.168.10.20"]
    dns.answers["blandat.example"] = [PUBLIC, "10.0.0.8"]
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            validate_webhook_url(url)
        assert kind in refused.value.messages[0]


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://diarium.example/hooks", "https only"),
        ("https://user:secret@diarium.example/hooks", "user name or password"),
        ("https://okand.example/hooks", "could not be looked up"),
    ],
)
def test_plain_http_credentials_and_unknown_names_are_refused(url, says, settings, dns):
    settings.WEBHOOK_ALLOW_HTTP = False
    dns.answers["diarium.example"] = [PUBLIC]
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            validate_webhook_url(url)
        assert says in refused.value.messages[0]


def test_a_public_https_receiver_is_accepted(settings, dns):
    settings.WEBHOOK_ALLOW_HTTP = False
    dns.answers["diarium.example"] = [PUBLIC, PUBLIC_V6]
    validate_webhook_url("https://diarium.example/hooks")
    validate_webhook_url(f"https://[{PUBLIC_V6}]:8443/hooks")


def test_the_administrator_sees_why_next_to_the_url_and_nothing_is_saved(admin_client, nothing_allowed):
    response = _register_in_admin(admin_client, "https://169.254.169.254/latest/meta-data/")

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["url"]
    assert "169.254.169.254 är en länklokal adress" in errors["url"][0]
    assert "169.254.169.254 är en länklokal adress" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_any_other_way_of_saving_an_endpoint_runs_the_same_check(nothing_allowed):
    endpoint = WebhookEndpoint(
        name="Diariet", url="https://[::ffff:169.254.169.254]/", secret=SECRET, events=["case.created"]
    )
    with pytest.raises(ValidationError) as refused:
        endpoint.full_clean()
    assert list(refused.value.message_dict) == ["url"]


def test_an_internal_diarium_on_the_allow_list_can_be_registered(admin_client, settings, dns):
    settings.WEBHOOK_ALLOWED_PRIVATE_NETWORKS = [ip_network("10.1.2.0/24")]
    dns.answers["diarium.intern.example"] = ["10.1.2.7"]
    _register_in_admin(admin_client, "https://diarium.intern.example/hooks")
    assert WebhookEndpoint.objects.get().url == "https://diarium.intern.example/hooks"

    dns.answers["annat.intern.example"] = ["10.1.3.7"]  # the next network is still refused
    response = _register_in_admin(admin_client, "https://annat.intern.example/hooks")
    assert "10.1.3.7 är en adress i ett privat nät" in response.context["adminform"].form.errors["url"][0]


def _queue_status_change(liaison, url: str) -> WebhookDelivery:  # type: ignore[no-untyped-def]
    # Saved as it was when its host still resolved publicly: the check at delivery must catch it.
    WebhookEndpoint.objects.create(
        name="Diariet", url=url, secret=SECRET, events=[WebhookEvent.CASE_STATUS_CHANGED]
    )
    with mock.patch("api.tasks.deliver_webhook.apply_async"):
        change_status(make_case(make_company()), "open", liaison)
    return WebhookDelivery.objects.get()


def test_a_host_that_now_resolves_to_the_metadata_service_fails_at_once_with_the_reason(
    liaison, admin_client, nothing_allowed, dns
):
    dns.answers["diarium.example"] = ["169.254.169.254"]
    delivery = _queue_status_change(liaison, "http://diarium.example/hooks")

    assert deliver(delivery.pk) == DeliveryStatus.FAILED
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.last_status_code is None
    assert "Skickades inte" in delivery.last_response and "169.254.169.254" in delivery.last_response
    assert requeue_due() == 0  # never tried again
    page = admin_client.get(reverse("admin:api_webhookdelivery_change", args=[delivery.pk])).content.decode()
    assert "169.254.169.254" in page and "Misslyckades" in page


def test_a_name_that_cannot_be_looked_up_now_is_tried_again_later(liaison, dns):
    delivery = _queue_status_change(liaison, "http://diarium.example/hooks")  # no answer for it

    assert deliver(delivery.pk) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert "TargetUnresolved" in delivery.last_response


def test_the_post_goes_to_the_address_that_was_checked(liaison, dns):
    with running_receiver(SECRET) as receiver:
        dns.answers["diarium.example"] = ["127.0.0.1"]
        # A second lookup would get another address (still loopback: no traffic leaves the
        # machine), one the allow-list does not cover; the delivery must not make one.
        dns.rebound["diarium.example"] = ["127.0.0.2"]
        delivery = _queue_status_change(liaison, f"http://diarium.example:{receiver.port}/hooks/portal")

        assert deliver(delivery.pk) == DeliveryStatus.DELIVERED
    assert dns.looked_up == ["diarium.example"]
    [got] = receiver.received
    assert got["signed"] and got["host"] == f"diarium.example:{receiver.port}"


def test_an_address_that_cannot_be_reached_gives_way_to_the_next_checked_one(liaison, settings, dns):
    settings.WEBHOOK_ALLOWED_PRIVATE_NETWORKS = [ip_network("127.0.0.1/32"), ip_network("127.0.0.2/32")]
    with running_receiver(SECRET) as receiver:
        dns.answers["diarium.example"] = ["127.0.0.2", "127.0.0.1"]  # nothing listens on the first
        delivery = _queue_status_change(liaison, f"http://diarium.example:{receiver.port}/hooks/portal")

        assert deliver(delivery.pk) == DeliveryStatus.DELIVERED
    assert len(receiver.received) == 1


def test_https_to_a_checked_address_still_verifies_the_certificate_for_the_host_name(
    liaison, dns, tmp_path: Path, monkeypatch
):
    certificates = make_certificates(tmp_path, "diarium.example")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(certificates.authority))  # requests' own trust setting
    dns.answers["diarium.example"] = ["127.0.0.1"]
    dns.answers["forfalskad.example"] = ["127.0.0.1"]
    with running_receiver(SECRET, tls=certificates) as receiver:
        good = _queue_status_change(liaison, f"https://diarium.example:{receiver.port}/hooks/portal")
        assert deliver(good.pk) == DeliveryStatus.DELIVERED
        assert receiver.received[0]["signed"]

        # The same server under a name its certificate does not carry is not believed.
        WebhookEndpoint.objects.update(url=f"https://forfalskad.example:{receiver.port}/hooks/portal")
        with mock.patch("api.tasks.deliver_webhook.apply_async"):
            change_status(good.case, "waiting", liaison)
        wrong = WebhookDelivery.objects.exclude(pk=good.pk).get()
        assert deliver(wrong.pk) == DeliveryStatus.PENDING
    wrong.refresh_from_db()
    assert "SSLError" in wrong.last_response and len(receiver.received) == 1
