import pytest
from django.test import Client, override_settings
from django.urls import path

from karlshamn_portal import pages


def test_start_page_is_swedish_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="sv">' in response.content.decode()
    assert "En väg in till kommunen" in response.content.decode()


def test_missing_page_is_a_friendly_404_in_the_users_language(client):
    response = client.get("/finns-inte/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    response = client.get("/finns-inte/")
    assert "Sidan finns inte" in response.content.decode()


def broken_view(request):
    raise RuntimeError("secret database password hunter2 in the traceback")


urlpatterns = [path("broken/", broken_view), path("", pages.home)]
handler500 = "karlshamn_portal.pages.server_error"


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_server_error_page_leaks_nothing(db):
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Något gick fel" in body
    assert "hunter2" not in body
    assert "Traceback" not in body


def test_accessibility_statement_names_digg_and_how_to_report(client):
    body = client.get("/accessibility/").content.decode()
    assert "DIGG" in body
    assert "Rapportera brister" in body
    assert "2026" in body


@pytest.mark.parametrize("url", ["/", "/accessibility/", "/login/"])
def test_every_page_links_the_accessibility_statement(client, url):
    assert 'href="/accessibility/"' in client.get(url).content.decode()


def test_the_admin_is_titled_as_the_portals_pages_are_and_has_their_icon(client):
    page = client.get("/admin/login/").content.decode()
    title = page[page.index("<title>") + 7 : page.index("</title>")]
    assert "Karlshamns kommun" in title and "Django" not in title, title
    assert 'rel="icon" href="/static/favicon.svg"' in page
