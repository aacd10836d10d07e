"""The log of a request for a private link shows a placeholder where the token was."""

import logging

import pytest
from django.urls import reverse

from forum.links import CONFIRM, UNSUBSCRIBE
from forum.links import forum_link as make_forum_link
from karlshamn_portal.celery import app as celery_app
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


@pytest.fixture
def worker_logging():
    """Logging as `celery worker` and `celery beat` set it up at start; the test's own afterwards."""
    loggers = [logging.getLogger(), logging.getLogger("celery.task")]
    saved = [(logger.handlers[:], logger.level, logger.propagate) for logger in loggers]
    celery_app.log.already_setup = False
    celery_app.log.setup_logging_subsystem(loglevel="INFO")
    yield
    celery_app.log.already_setup = False
    for logger, (handlers, level, propagate) in zip(loggers, saved, strict=True):
        logger.handlers, logger.level, logger.propagate = handlers, level, propagate


def _written(logger_name: str, message: str) -> list[str]:
    """The line each handler that a record of `logger_name` reaches would write."""
    record = logging.LogRecord(logger_name, logging.WARNING, __file__, 1, message, None, None)
    logger: logging.Logger | None = logging.getLogger(logger_name)
    lines = []
    while logger is not None:
        lines += [record.getMessage() for handler in logger.handlers if handler.filter(record)]
        logger = logger.parent if logger.propagate else None
    return lines


def test_the_worker_and_beat_log_without_tokens_or_personnummer_too(worker_logging):
    token = make_token("track", {"case": 1, "issued": 0})
    for logger_name in ("outbox.tasks", "celery.task.outbox"):
        lines = _written(logger_name, f"Not Found: /track/{token}/ for 19800101-1234")
        assert lines, logger_name
        for line in lines:
            assert token not in line and "1234" not in line, (logger_name, line)
            assert "/track/[token]/" in line


def test_e_mails_the_console_backend_prints_in_the_worker_keep_their_links(worker_logging):
    token = make_token("track", {"case": 1, "issued": 0})
    assert any(token in line for line in _written("celery.redirected", f"http://x/track/{token}/"))
