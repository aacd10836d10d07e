"""The 400, 403 and 405 pages: the portal's layout, the user's language, what to do next and a
link back, instead of Django's bare English pages."""

import pytest
from django.test import Client

from tests.factories import make_department, make_liaison, make_official
from tests.liaison.factories import make_case

pytestmark = pytest.mark.django_db

LAYOUT = 'href="#main"'  # the skip link every portal page has


@pytest.fixture
def official_client(client):
    client.force_login(make_official("bo", make_department("Bygglov")))
    return client


def test_an_official_refused_a_case_is_told_whom_to_ask_in_swedish(official_client):
    case = make_case()
    response = official_client.get(f"/cases/{case.reference}/", HTTP_REFERER="http://testserver/referrals/")
    assert response.status_code == 403
    body = response.content.decode()
    assert LAYOUT in body and '<html lang="sv">' in body
    assert "Ingen åtkomst till sidan" in body
    assert "be näringslivslotsen" in body
    assert 'href="http://testserver/referrals/"' in body  # back where they came from
    assert 'href="/signed-in/"' in body  # and their own start page


def test_the_403_page_speaks_english_to_an_english_reader(official_client):
    case = make_case()
    official_client.cookies["django_language"] = "en"
    body = official_client.get(f"/cases/{case.reference}/").content.decode()
    assert '<html lang="en">' in body
    assert "No access to this page" in body
    assert "ask the liaison officer" in body


def test_a_link_back_to_another_site_is_not_offered(official_client):
    case = make_case()
    response = official_client.get(f"/cases/{case.reference}/", HTTP_REFERER="https://evil.example/")
    assert "evil.example" not in response.content.decode()


def test_opening_a_form_address_gives_a_405_page_that_keeps_the_allow_header(client):
    client.force_login(make_liaison("lina"))
    case = make_case()
    response = client.get(f"/cases/{case.reference}/reply/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    body = response.content.decode()
    assert LAYOUT in body
    assert "Adressen tar emot ett formulär" in body


def test_a_bad_request_gives_the_portal_400_page(client):
    response = client.get("/", HTTP_HOST="evil.example")  # not in ALLOWED_HOSTS
    assert response.status_code == 400
    body = response.content.decode()
    assert LAYOUT in body
    assert "Begäran kunde inte hanteras" in body


def test_a_form_sent_without_its_csrf_token_gets_a_page_saying_to_reload_it():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/my/links/", {"email": "anna@foretag.se"})
    assert response.status_code == 403
    body = response.content.decode()
    assert LAYOUT in body
    assert "Formuläret har gått ut" in body
