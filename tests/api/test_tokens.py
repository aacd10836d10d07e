"""API tokens: issued once, stored hashed, with scopes, expiry, revocation and a rate limit.
Every refusal is JSON with 401 or 403, never a 500."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from api.tokens import create_api_token, revoke_api_token
from tests.api.factories import api, token_for
from tests.factories import make_department

pytestmark = pytest.mark.django_db
CASES = "/api/v1/cases/"


def test_the_command_prints_the_token_once_and_keeps_only_its_hash(liaison):
    out, err = StringIO(), StringIO()
    call_command(
        "create_api_token", "Diariet", "--scope", "cases:read", "--role", "liaison", stdout=out, stderr=err
    )

    secret = out.getvalue().strip()
    token = ApiToken.objects.get(name="Diariet")
    assert secret.startswith(f"kp_{token.prefix}_")
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert "cannot be shown again" in err.getvalue()
    assert token.is_integration and token.user.groups.get().name == "Liaison officers"
    assert not token.user.has_usable_password()
    assert api(secret).get(CASES).status_code == 200


def test_the_command_refuses_an_unknown_user_or_department(db):
    with pytest.raises(CommandError):
        call_command("create_api_token", "X", "--scope", "cases:read", "--user", "nobody", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command(
            "create_api_token",
            "Y",
            "--scope",
            "cases:read",
            "--role",
            "official",
            "--department",
            "nowhere",
            stdout=StringIO(),
        )


@pytest.mark.parametrize(
    ("name", "more", "says"),
    [
        ("Diariet", ["--expires-in-days", "99999999"], "--expires-in-days"),
        ("Diariet", ["--expires-in-days", "0"], "--expires-in-days"),
        ("  ", [], "name"),
        ("x" * 101, [], "name"),
    ],
)
def test_the_command_refuses_a_name_or_a_life_it_cannot_store_with_a_message(db, name, more, says):
    with pytest.raises(CommandError, match=says):
        call_command(
            "create_api_token", name, "--scope", "cases:read", "--role", "liaison", *more, stdout=StringIO()
        )
    assert not ApiToken.objects.exists()


def test_an_integration_with_an_officials_role_acts_for_its_departments(db):
    building = make_department("bygglov")
    out = StringIO()
    call_command(
        "create_api_token",
        "Bygglovssystemet",
        "--scope",
        "referrals:read",
        "--role",
        "official",
        "--department",
        "bygglov",
        stdout=out,
        stderr=StringIO(),
    )
    token = ApiToken.objects.get(name="Bygglovssystemet")
    assert list(building.officials.all()) == [token.user]


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer",
        "Bearer kp_nothing_here",
        "Bearer not-a-token",
        "Basic dXNlcjpwdw==",
        "Bearer kp_\u00e5_x y",
    ],
)
def test_a_missing_or_malformed_token_gets_401_json(db, header):
    client = api(None)
    response = client.get(CASES, HTTP_AUTHORIZATION=header) if header else client.get(CASES)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_gets_401(liaison):
    secret = token_for(liaison, "cases:read")
    revoke_api_token(ApiToken.objects.get())
    assert api(secret).get(CASES).status_code == 401


def test_an_expired_token_gets_401(liaison):
    issued = create_api_token(
        "old", ["cases:read"], user=liaison, expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert api(issued.secret).get(CASES).status_code == 401


def test_a_token_of_a_deactivated_user_gets_401(liaison):
    secret = token_for(liaison, "cases:read")
    liaison.is_active = False
    liaison.save()
    assert api(secret).get(CASES).status_code == 401


def test_a_token_without_the_scope_gets_403_json_naming_it(liaison):
    secret = token_for(liaison, "referrals:read")
    response = api(secret).get(CASES)
    assert response.status_code == 403
    assert "cases:read" in response.json()["detail"]
    write = api(secret).put(
        reverse("api-case-diarium-number", args=["NL-2026-0001"]),
        {"diarium_number": "1"},
        content_type="application/json",
    )
    assert write.status_code == 403


def test_using_a_token_records_when(liaison):
    secret = token_for(liaison, "cases:read")
    assert ApiToken.objects.get().last_used_at is None
    api(secret).get(CASES)
    assert ApiToken.objects.get().last_used_at is not None


def test_each_token_has_its_own_rate_limit(liaison, settings):
    settings.API_REQUESTS_PER_MINUTE = 3
    busy = api(token_for(liaison, "cases:read", name="busy"))
    calm = api(token_for(liaison, "cases:read", name="calm"))

    answers = [busy.get(CASES).status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    refused = busy.get(CASES)
    assert refused.json()["detail"] and 0 < int(refused["Retry-After"]) <= 60
    assert calm.get(CASES).status_code == 200


def test_an_integrations_account_is_nobody_to_assign_invite_or_notify(liaison, building_department):
    from karlshamn_portal.roles import liaison_officers, officials
    from liaison.services.meetings import handling_officials
    from liaison.services.referrals import route_case
    from tests.liaison.triage_factories import make_case, make_company

    diarium = create_api_token("Diariet", ["cases:read"], role="liaison")
    permits = create_api_token(
        "Bygglovssystemet", ["referrals:read"], role="official", departments=[building_department]
    )
    case = make_case(make_company("Hamnens Bageri AB"))
    route_case(case, [building_department], liaison)

    assert list(liaison_officers()) == [liaison]
    assert not officials().exists() and handling_officials(case) == []
    # It still acts with its role through the API.
    assert api(diarium.secret).get(CASES).json()["results"][0]["reference"] == case.reference
    assert api(permits.secret).get("/api/v1/referrals/").json()["results"][0]["case"] == case.reference
