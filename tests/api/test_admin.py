"""Administrators issue and revoke tokens and register webhook endpoints in the admin."""

import pytest
from django.contrib import messages
from django.urls import reverse

from api.models import ApiToken, WebhookEndpoint
from tests.api.factories import api
from tests.factories import make_user, sign_in_past_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    sign_in_past_second_factor(client, make_user("ada", is_staff=True, is_superuser=True))
    return client


def test_an_administrator_issues_an_integration_token_and_sees_it_once(admin_client):
    response = admin_client.post(
        reverse("admin:api_apitoken_add"),
        {"name": "Diariet", "role": "liaison", "scopes": ["cases:read", "cases:write"], "user": ""},
        follow=True,
    )

    token = ApiToken.objects.get()
    [message] = [str(m) for m in response.context["messages"] if m.level == messages.WARNING]
    secret = next(word for word in message.split() if word.startswith("kp_"))
    assert secret.startswith(f"kp_{token.prefix}_")
    assert api(secret).get("/api/v1/cases/").status_code == 200
    # Never again: not on the token's page, not in the list.
    assert (
        secret not in admin_client.get(reverse("admin:api_apitoken_change", args=[token.pk])).content.decode()
    )
    assert secret not in admin_client.get(reverse("admin:api_apitoken_changelist")).content.decode()


def test_a_token_needs_either_a_user_or_a_role(admin_client, liaison):
    both = admin_client.post(
        reverse("admin:api_apitoken_add"),
        {"name": "X", "role": "liaison", "user": liaison.pk, "scopes": ["cases:read"]},
    )
    assert both.status_code == 200 and not ApiToken.objects.exists()


def test_revoking_in_the_admin_stops_the_token(admin_client, liaison):
    from tests.api.factories import token_for

    secret = token_for(liaison, "cases:read")
    admin_client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [ApiToken.objects.get().pk]},
    )
    assert api(secret).get("/api/v1/cases/").status_code == 401


# A public address, only ever looked up through the fake DNS: nothing is sent to it.
PUBLIC_ADDRESS = "93.184.215.14"


def test_an_administrator_registers_a_webhook_endpoint(admin_client, dns):
    dns.answers["diarium.karlshamn.example"] = [PUBLIC_ADDRESS]
    admin_client.post(
        reverse("admin:api_webhookendpoint_add"),
        {
            "name": "Diariet",
            "url": "https://diarium.karlshamn.example/hooks",
            "secret": "s3cret-s3cret",
            "events": ["case.created", "case.closed"],
            "is_active": "on",
        },
    )
    assert WebhookEndpoint.objects.get().events == ["case.created", "case.closed"]
