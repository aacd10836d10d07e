"""Staff sign in through the municipality's identity provider: a real OpenID Connect provider
(django-oauth-toolkit, tests/oidc_provider) in its own process on loopback, driven in Chromium.
Code flow with PKCE, state and nonce; the ID token's signature, audience and expiry checked."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from identity.models import StaffIdentity
from karlshamn_portal.roles import LIAISON_GROUP, OFFICIAL_GROUP
from tests.factories import make_department
from tests.oidc_provider.process import running_provider

GROUP_MAP = {
    "sg-naringsliv": {"groups": [LIAISON_GROUP], "departments": []},
    "sg-bygglov": {"groups": [OFFICIAL_GROUP], "departments": ["bygglov"]},
}
PROVIDER_PASSWORD = "provider-password"


@pytest.fixture(scope="session")
def provider(live_server, tmp_path_factory):
    with running_provider(live_server.url, tmp_path_factory.mktemp("oidc-provider")) as running:
        yield running


@pytest.fixture
def portal_uses_provider(provider, settings):
    provider.behave()
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_DISCOVERY_URL = f"{provider.issuer}/.well-known/openid-configuration"
    settings.OIDC_RP_CLIENT_ID = provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = provider.client_secret
    settings.OIDC_GROUP_MAP = GROUP_MAP
    policy = settings.CONTENT_SECURITY_POLICY
    directives = {**policy["DIRECTIVES"], "form-action": ["'self'", provider.issuer]}
    settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}
    for name in (LIAISON_GROUP, OFFICIAL_GROUP):
        Group.objects.get_or_create(name=name)
    yield provider
    provider.behave()


def sign_in_at_provider(page, username: str) -> list[str]:  # type: ignore[no-untyped-def]
    """From the portal's login page through the provider's; returns the URLs the browser asked
    for on the way, for the checks on the protocol."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto("/login/")
    page.get_by_role("link", name="Logga in med kommunens konto").click()
    expect(page.get_by_role("heading", name="Karlshamns kommun")).to_be_visible()
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Logga in hos kommunen").click()
    page.wait_for_load_state()
    return asked


def authorization_request(asked: list[str], issuer: str) -> dict[str, list[str]]:
    # Asked twice: once before the provider's login page, once after it.
    url = next(u for u in asked if u.startswith(f"{issuer}/authorize/"))
    return parse_qs(urlparse(url).query)


def test_a_liaison_officer_signs_in_with_the_municipal_account_and_out_again(
    page, portal_uses_provider, live_server
):
    asked = sign_in_at_provider(page, "liv")

    expect(page.get_by_text("Liv Lots")).to_be_visible()
    user = get_user_model().objects.get(staff_identity__subject__isnull=False)
    assert (user.first_name, user.last_name, user.email) == ("Liv", "Lots", "liv@karlshamn.example")
    assert list(user.groups.values_list("name", flat=True)) == [LIAISON_GROUP]
    assert not user.has_usable_password()
    # Code flow with PKCE (S256), state and nonce.
    request = authorization_request(asked, portal_uses_provider.issuer)
    assert request["response_type"] == ["code"]
    assert request["code_challenge_method"] == ["S256"] and len(request["code_challenge"][0]) >= 43
    assert request["state"][0] and request["nonce"][0]
    page.goto("/dashboard/")
    expect(page.locator("h1")).to_be_visible()
    assert page.url.endswith("/dashboard/")

    # Signing out ends the provider's session too: the next sign-in asks for the password again.
    page.get_by_role("button", name="Logga ut").click()
    expect(page).to_have_url(f"{live_server.url}/")  # back from the provider's sign-out
    page.goto("/dashboard/")
    assert "/login/" in page.url
    page.goto("/login/")
    page.get_by_role("link", name="Logga in med kommunens konto").click()
    expect(page.get_by_label("Användarnamn")).to_be_visible()


def test_an_official_gets_the_departments_their_groups_map_to(page, portal_uses_provider):
    building = make_department("bygglov", "Bygglov", "Building permits")
    sign_in_at_provider(page, "olof")

    expect(page.get_by_text("Olof Bygg")).to_be_visible()
    user = building.officials.get()
    assert list(user.groups.values_list("name", flat=True)) == [OFFICIAL_GROUP]


def test_a_replayed_answer_from_the_provider_is_refused(page, portal_uses_provider):
    asked = sign_in_at_provider(page, "liv")
    expect(page.get_by_text("Liv Lots")).to_be_visible()
    [callback] = [u for u in asked if "/login/oidc/callback/" in u]

    response = page.goto(callback)

    assert response is not None and response.status == 403
    expect(page.get_by_role("alert")).to_contain_text("redan använts")


def test_an_id_token_issued_for_another_service_is_refused(page, portal_uses_provider):
    portal_uses_provider.misbehave("wrong_audience")
    sign_in_at_provider(page, "liv")

    expect(page.locator("h1")).to_have_text("Du kunde inte loggas in")
    expect(page.get_by_role("alert")).to_contain_text("en annan tjänst")
    assert not StaffIdentity.objects.exists()
    page.goto("/dashboard/")
    assert "/login/" in page.url


@pytest.mark.parametrize(
    ("fault", "page_says"),
    [
        ("expired", "gått ut"),
        # Claims changed after the provider signed them: the signature no longer matches.
        ("tampered", "gick inte att kontrollera"),
        ("wrong_nonce", "gick inte att kontrollera"),
    ],
)
def test_an_id_token_that_fails_its_checks_is_refused(page, portal_uses_provider, fault, page_says):
    portal_uses_provider.misbehave(fault)
    sign_in_at_provider(page, "liv")

    expect(page.locator("h1")).to_have_text("Du kunde inte loggas in")
    expect(page.get_by_role("alert")).to_contain_text(page_says)
    assert not StaffIdentity.objects.exists()


def test_a_person_in_no_mapped_group_is_refused_and_a_former_official_deactivated(
    page, portal_uses_provider, settings
):
    sign_in_at_provider(page, "ulla")
    expect(page.get_by_role("alert")).to_contain_text("inte i någon grupp")
    assert not get_user_model().objects.filter(username="ulla").exists()

    # Olof signed in as an official; then his group stops giving a portal role.
    page.context.clear_cookies()
    sign_in_at_provider(page, "olof")
    expect(page.get_by_text("Olof Bygg")).to_be_visible()
    page.context.clear_cookies()
    settings.OIDC_GROUP_MAP = {"sg-naringsliv": GROUP_MAP["sg-naringsliv"]}
    sign_in_at_provider(page, "olof")

    expect(page.get_by_role("alert")).to_contain_text("inte i någon grupp")
    assert not get_user_model().objects.get(username="olof").is_active


def test_with_local_login_off_an_administrator_reaches_the_admin_through_the_provider(
    page, portal_uses_provider, settings, live_server
):
    settings.LOCAL_LOGIN = False
    sign_in_at_provider(page, "liv")
    expect(page.get_by_text("Liv Lots")).to_be_visible()
    # An administrator makes the provider's account an administrator of the portal.
    get_user_model().objects.filter(staff_identity__isnull=False).update(is_staff=True, is_superuser=True)
    page.get_by_role("button", name="Logga ut").click()

    page.goto("/admin/")
    assert page.url.startswith(f"{live_server.url}/login/?next=")
    expect(page.get_by_label("Lösenord")).to_have_count(0)  # no password form to try
    page.get_by_role("link", name="Logga in med kommunens konto").click()
    page.get_by_label("Användarnamn").fill("liv")
    page.get_by_label("Lösenord").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Logga in hos kommunen").click()

    # The provider asked for its own second factor; the portal does not ask again.
    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.locator("h1")).to_have_text("Webbplatsadministration")
