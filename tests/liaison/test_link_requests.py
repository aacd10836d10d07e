"""/my/links/: the answer takes the same work whether or not the address has cases, the address
never travels in a task's arguments, and one address gets only a few link e-mails a day."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import LinkRequest
from liaison.services.tracking import send_stale_link_requests
from tests.liaison.factories import make_case

KNOWN = "karin@hamnbageriet.example.se"


@pytest.fixture
def case(db):
    for n in range(5):
        last = make_case(contact_email=KNOWN, subject=f"Ärende {n}")
    return last


def _ask(client, email, **extra):
    return client.post(reverse("my-cases-links"), {"email": email}, HTTP_ACCEPT_LANGUAGE="en", **extra)


def _shape(queries) -> list[str]:
    # The statements without their values: the same work, whatever the address.
    return [re.sub(r"'[^']*'|\b\d+\b|\"s\d+_x\d+\"", "?", query["sql"]) for query in queries]


def test_the_page_does_the_same_work_for_a_known_and_an_unknown_address(client, case):
    with mock.patch("liaison.tasks.send_requested_links.delay"):
        with CaptureQueriesContext(connection) as known:  # noqa: SIM117 - two captures, one after the other
            known_answer = _ask(client, KNOWN, REMOTE_ADDR="10.0.0.1")
        with CaptureQueriesContext(connection) as unknown:
            unknown_answer = _ask(client, "okand@example.se", REMOTE_ADDR="10.0.0.2")
    assert known_answer.status_code == unknown_answer.status_code == 302
    assert _shape(known.captured_queries) == _shape(unknown.captured_queries)
    assert not any("liaison_case" in query["sql"] for query in known.captured_queries)
    # Nothing looked up or written yet: the task does it.
    assert not OutboxMessage.objects.filter(template_name="track_links").exists()


def test_the_task_gets_an_id_not_the_address(client, case, django_capture_on_commit_callbacks):
    with (
        mock.patch("liaison.tasks.send_requested_links.delay") as enqueue,
        django_capture_on_commit_callbacks(execute=True),
    ):
        _ask(client, KNOWN)
    (arguments,) = [call.args for call in enqueue.call_args_list]
    assert arguments == (LinkRequest.objects.get().pk,)
    assert KNOWN not in repr(enqueue.call_args_list)


def test_the_task_sends_the_links_once_and_forgets_the_address(
    client, case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, KNOWN)
    message = OutboxMessage.objects.get(template_name="track_links")
    assert message.recipient == KNOWN
    assert message.body_text.count("/track/") == 5
    assert not LinkRequest.objects.exists()
    from liaison.services.tracking import send_requested_links

    assert send_requested_links(1) is False  # run again: nothing left to send


def test_a_request_whose_task_was_lost_is_sent_by_the_sweep(client, case):
    with mock.patch("liaison.tasks.send_requested_links.delay", side_effect=OSError("broker down")):
        assert _ask(client, KNOWN).status_code == 302
    assert send_stale_link_requests() == 0  # too young: its task may still come
    assert send_stale_link_requests(timezone.now() + timedelta(minutes=3)) == 1
    assert OutboxMessage.objects.filter(template_name="track_links").count() == 1
    assert send_stale_link_requests(timezone.now() + timedelta(minutes=3)) == 0


def test_one_address_gets_only_a_few_link_emails_a_day_from_any_network(client, case, settings):
    settings.LINK_MAILS_PER_ADDRESS_PER_DAY = 2
    answers = [_ask(client, KNOWN, REMOTE_ADDR=f"10.0.0.{n}") for n in range(3)]
    assert [answer.status_code for answer in answers] == [302, 302, 429]
    assert "try again tomorrow" in answers[2].content.decode()
    assert LinkRequest.objects.count() == 2
    # An unknown address is counted the same way, so the refusal tells nothing either.
    unknown = [_ask(client, "okand@example.se", REMOTE_ADDR=f"10.0.1.{n}").status_code for n in range(3)]
    assert unknown == [302, 302, 429]
