"""The rate limiter (liaison.ratelimit): counted in the database, atomic, with a refusal that
says when to try again."""

import logging
import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import DatabaseError, close_old_connections, connection
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from karlshamn_portal.outbox.models import OutboxMessage
from liaison import ratelimit
from liaison.models import Case, RateLimitWindow
from tests.liaison.factories import make_topic
from tests.liaison.test_submit import form_data

ELEVEN_TWENTY = datetime(2026, 12, 1, 10, 20, tzinfo=UTC)


@pytest.fixture
def topic(db):
    return make_topic()


def test_uses_are_allowed_up_to_the_limit_then_refused_until_the_window_ends(db):
    with freeze_time(ELEVEN_TWENTY):
        allowed = [ratelimit.try_use("forum-confirmation", "anna@example.se", 3).allowed for _ in range(5)]
        refusal = ratelimit.try_use("forum-confirmation", "anna@example.se", 3)
    assert allowed == [True, True, True, False, False]
    assert refusal.retry_at == datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
    with freeze_time(ELEVEN_TWENTY + timedelta(minutes=40)):
        assert ratelimit.try_use("forum-confirmation", "anna@example.se", 3).allowed


def test_each_scope_and_value_has_its_own_count_and_case_does_not_make_a_new_one(db):
    assert ratelimit.try_use("forum-confirmation", "anna@example.se", 1).allowed
    assert not ratelimit.try_use("forum-confirmation", " Anna@Example.SE", 1).allowed
    assert ratelimit.try_use("forum-confirmation", "bo@example.se", 1).allowed
    assert ratelimit.try_use("agenda-proposal", "anna@example.se", 1).allowed


def test_a_daily_window_lasts_a_day(db):
    with freeze_time(ELEVEN_TWENTY):
        ratelimit.try_use("links", "anna@example.se", 1, window_seconds=ratelimit.DAY)
        refusal = ratelimit.try_use("links", "anna@example.se", 1, window_seconds=ratelimit.DAY)
    assert not refusal.allowed and refusal.retry_at == datetime(2026, 12, 2, tzinfo=UTC)


def test_the_table_holds_no_address(db):
    ratelimit.try_use("case-submit", "203.0.113.9", 10)
    ratelimit.try_use("forum-confirmation", "anna@example.se", 3)
    keys = " ".join(RateLimitWindow.objects.values_list("key", flat=True))
    assert "203.0.113.9" not in keys and "anna" not in keys
    assert keys.startswith("case-submit:")


def test_a_use_given_back_is_free_again(db):
    first = ratelimit.try_use("case-submit", "203.0.113.9", 1)
    ratelimit.give_back(first)
    assert ratelimit.try_use("case-submit", "203.0.113.9", 1).allowed
    refused = ratelimit.try_use("case-submit", "203.0.113.9", 1)
    ratelimit.give_back(refused)  # a refusal counted nothing, so there is nothing to give back
    assert not ratelimit.try_use("case-submit", "203.0.113.9", 1).allowed


def test_is_used_up_tells_without_counting(db):
    assert ratelimit.is_used_up("login-account", "lina", 2) is None
    for _ in range(2):
        ratelimit.try_use("login-account", "lina", 2)
    assert ratelimit.is_used_up("login-account", "lina", 2) is not None
    assert RateLimitWindow.objects.get().uses == 2


def test_ended_windows_are_purged(db):
    with freeze_time(ELEVEN_TWENTY - timedelta(hours=2)):
        ratelimit.try_use("case-submit", "203.0.113.9", 10)
    with freeze_time(ELEVEN_TWENTY):
        ratelimit.try_use("case-submit", "203.0.113.9", 10)
        assert ratelimit.purge_ended_windows() == 1
    assert RateLimitWindow.objects.count() == 1


def test_a_limit_that_cannot_be_counted_lets_the_request_through_and_warns(
    client, topic, monkeypatch, caplog
):
    def broken(*args: object) -> bool:
        raise DatabaseError("lock timeout")

    monkeypatch.setattr("liaison.ratelimit.count_use_within_limit", broken)
    with caplog.at_level(logging.WARNING, logger="liaison.ratelimit"):
        response = client.post(reverse("case-new"), form_data(topic))
    assert response.status_code == 302
    assert Case.objects.count() == 1
    assert "not counted; letting the request through" in caplog.text


@pytest.mark.postgresql
def test_30_submissions_at_once_against_a_limit_of_10_let_exactly_10_through(transactional_db, settings):
    settings.SUBMISSIONS_PER_HOUR = 10
    topic = make_topic()
    start = threading.Barrier(30)
    statuses: list[int] = []
    lock = threading.Lock()

    def submit(serial: int) -> None:
        try:
            start.wait()
            answer = Client().post(
                reverse("case-new"), form_data(topic, contact_email=f"k{serial}@example.se")
            )
            with lock:
                statuses.append(answer.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    assert connection.vendor == "postgresql"
    assert sorted(statuses) == [302] * 10 + [429] * 20
    assert Case.objects.count() == 10
    assert OutboxMessage.objects.filter(template_name="case_received").count() == 10


@pytest.mark.postgresql
def test_30_uses_at_once_of_any_key_count_exactly_up_to_the_limit(transactional_db):
    start = threading.Barrier(30)
    allowed: list[bool] = []
    lock = threading.Lock()

    def use() -> None:
        try:
            start.wait()
            result = ratelimit.try_use("forum-confirmation", "anna@example.se", 10).allowed
            with lock:
                allowed.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=use) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()
    assert allowed.count(True) == 10 and len(allowed) == 30
    assert RateLimitWindow.objects.get().uses == 10
