"""The log of a request for a private link shows a placeholder where the token was."""

import logging

from django.urls import reverse

from forum.links import CONFIRM, UNSUBSCRIBE
from forum.links import forum_link as make_forum_link
from karlshamn_portal.signing import make_token
from karlshamn_portal.tokens import hide_tokens
from liaison.services.tracking import make_sign_in_token
from tests.liaison.factories import make_case

SITE = "http://127.0.0.1:8000"


def _token_urls(case) -> list[tuple[str, str]]:
    track = make_token("track", {"case": 999_999, "issued": 0})
    sign_in = make_sign_in_token("karin@hamnbageriet.example.se")
    confirm = make_forum_link(CONFIRM, subscriber=999_999, email="x@example.se").removeprefix(SITE)
    unsubscribe = make_forum_link(UNSUBSCRIBE, series=999_999, email="x@example.se").removeprefix(SITE)
    return [
        (track, reverse("track-attachment", args=[track, 1])),
        (sign_in + "x", reverse("my-cases-sign-in", args=[sign_in + "x"])),
        (confirm.split("/")[3], confirm),
        (unsubscribe.split("/")[3], unsubscribe),
        ("a" * 30 + ":" + "b" * 30, reverse("meetings:answer", args=[999_999, "a" * 30 + ":" + "b" * 30])),
    ]


def test_a_404_under_a_private_link_is_logged_without_its_token(client, db, log):
    case = make_case()
    for token, url in _token_urls(case):
        response = client.get(url)
        assert response.status_code in (404, 410), url
        written = log.getvalue()
        assert token not in written, written
    written = log.getvalue()
    assert "Not Found: /track/[token]/files/1/" in written
    assert "/forum/confirm/[token]/" in written


def test_a_token_in_a_query_or_a_request_line_is_hidden_too():
    token = make_token("meeting-answer", {"invitation": 1})
    line = f"GET /meetings/answer/1/{token}/?answer=yes HTTP/1.1"
    assert hide_tokens(line) == "GET /meetings/answer/1/[token]/?answer=yes HTTP/1.1"


def test_a_malformed_log_call_is_left_to_the_handler():
    from karlshamn_portal.tokens import HideTokensFilter

    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "two values %s %s", ("one",), None)
    assert HideTokensFilter().filter(record) is True  # no exception in the middle of a request
