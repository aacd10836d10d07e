"""Bodies too large are refused before they are read; staff pages are never kept in a cache."""

import html

from django.urls import reverse

from tests.factories import make_liaison


def test_a_request_larger_than_the_limit_is_refused_before_it_is_read(client, db, settings):
    settings.REQUEST_MAX_BYTES = 2 * 1024 * 1024
    response = client.generic(
        "POST",
        reverse("case-new"),
        b"x" * 16,  # what is declared counts; nothing of the body is read
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(3 * 1024 * 1024),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 413
    assert "larger than 2 MB" in html.unescape(response.content.decode())


def test_too_much_form_text_is_refused_with_a_clean_answer(client, db):
    response = client.post(reverse("my-cases-links"), {"email": "x" * (1024 * 1024 + 10)})
    assert response.status_code == 400


def test_staff_pages_are_never_stored_by_a_browser_or_proxy(client, db):
    client.force_login(make_liaison())
    for url in (reverse("dashboard"), reverse("referral-list"), reverse("forum:series-list")):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control


def test_public_pages_may_be_cached_as_before(client, db):
    assert "no-store" not in client.get(reverse("home")).get("Cache-Control", "")
