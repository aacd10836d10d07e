"""Headers, cookies, CSRF and production configuration, as a browser or an auditor sees them."""

import json
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.access_table import expectation
from tests.security.urls import admin_kwargs, all_routes, build
from tests.security.world import client_for, make_world

ROOT = Path(__file__).resolve().parents[2]


def csp(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_pages_carry_a_strict_content_security_policy(client):
    policy = csp(client.get(reverse("home")))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"], "no unsafe-inline, unsafe-eval or foreign scripts"
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_htmx_is_configured_to_work_under_the_policy(client):
    page = client.get(reverse("home")).content.decode()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'', page)
    assert config, "htmx needs its config meta tag"
    assert json.loads(config[1]) == {
        "includeIndicatorStyles": False,
        "allowEval": False,
        "allowScriptTags": False,
    }


def test_every_header_a_browser_needs_is_sent(client):
    response = client.get(reverse("home"), secure=True)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_no_page_has_inline_scripts_styles_or_htmx_event_attributes():
    # The policy would block them in the browser; here they fail before anyone ships one.
    world = make_world()
    offenders = []
    for role in ("anonymous", "official_x", "liaison"):
        client = client_for(role, world)
        for route in all_routes():
            expect = expectation(route) if route.name else None
            if route.namespace == "admin" or expect is None:
                continue
            response = client.get(build(route, expect.kwargs(world, role)))
            if response.status_code != 200 or "html" not in response.headers.get("Content-Type", ""):
                continue
            page = response.content.decode()
            inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\shx-on[:-]|\son[a-z]+=", page)
            if inline:
                offenders.append(f"{route.name} as {role}: {inline[:3]}")
    assert not offenders, offenders


@pytest.mark.django_db
def test_cookies_are_secure_and_out_of_reach_of_scripts(client, liaison):
    from tests.factories import PASSWORD

    login_page = client.get(reverse("login"))
    assert login_page.cookies["csrftoken"]["secure"]
    assert login_page.cookies["csrftoken"]["samesite"] == "Lax"

    response = client.post(reverse("login"), {"username": liaison.username, "password": PASSWORD})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"

    language = client.post(reverse("set_language"), {"language": "en", "next": "/"}).cookies[
        "django_language"
    ]
    assert language["secure"] and language["httponly"]


# Deliberate exceptions, each with its reason.
CSRF_EXEMPT = {
    # RFC 8058 one-click unsubscribe: mail programs POST without a token; the signed link is the
    # authority and the worst a forged POST can do is what the link's holder could do anyway.
    "forum:unsubscribe",
}
# The API answers only to a token in the Authorization header, never to the session cookie a
# forged cross-site POST would carry (the 401s below show the signed-in administrator refused).
API_PREFIX = "api-"


@pytest.mark.django_db
def test_every_post_without_a_csrf_token_is_refused():
    # As the administrator, so no view can turn the request away for lack of rights first.
    world = make_world()
    client = client_for("administrator", world, enforce_csrf_checks=True)
    accepted = []
    for route in all_routes():
        expect = expectation(route) if route.name else None
        if expect is None or route.name in CSRF_EXEMPT:
            continue
        if route.name.startswith(API_PREFIX):
            assert client.post(build(route, expect.kwargs(world, "administrator"))).status_code in (
                401,
                404,
                405,
            )
            continue
        kwargs = admin_kwargs(route) if route.namespace == "admin" else expect.kwargs(world, "administrator")
        response = client.post(build(route, kwargs), {"anything": "x"})
        # The CSRF refusal is the portal's "the form has expired" page (CSRF_FAILURE_VIEW).
        refused = response.status_code == 403 and response.context and response.context.get("form_expired")
        if not refused:
            accepted.append(f"{route.name}: {response.status_code}")
    assert not accepted, f"POST accepted without a CSRF token: {accepted}"


@pytest.mark.django_db
def test_a_lock_out_does_not_stop_other_staff_from_signing_in(liaison, building_official):
    from tests.factories import PASSWORD

    client = Client()
    for _ in range(6):
        client.post(reverse("login"), {"username": liaison.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": building_official.username, "password": PASSWORD})
    assert response.status_code == 302
