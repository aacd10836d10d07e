"""Password guessing: the lock-out per address (django-axes, keyed on the real client behind the
proxy) and the per-account throttle across all addresses."""

import html
from datetime import UTC, datetime, timedelta
from ipaddress import ip_network

import pytest
from django.test import Client
from freezegun import freeze_time

from karlshamn_portal.outbox.models import OutboxMessage
from tests.factories import PASSWORD, make_liaison, make_user

PROXY = "10.0.0.5"
ELEVEN_TWENTY = datetime(2026, 12, 1, 10, 20, tzinfo=UTC)  # 11:20 in Stockholm


def attempt(client: Client, password: str, address: str, username: str = "lina", **headers: str):
    return client.post(
        "/login/", {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def through_proxy(client: Client, password: str, address: str, username: str = "lina"):
    return attempt(client, password, PROXY, username, HTTP_X_FORWARDED_FOR=address)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [ip_network(PROXY)]


def test_behind_the_proxy_one_guessers_failures_do_not_lock_out_the_real_user(db, settings, behind_proxy):
    make_liaison("lina")
    guesser = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        through_proxy(guesser, "wrong", "203.0.113.66")
    assert through_proxy(guesser, PASSWORD, "203.0.113.66").status_code == 429
    assert through_proxy(Client(), PASSWORD, "198.51.100.7").status_code == 302


def test_a_forged_forwarded_for_does_not_escape_the_lock_out(db, settings):
    make_liaison("lina")
    guesser = Client()
    for number in range(settings.AXES_FAILURE_LIMIT):
        attempt(guesser, "wrong", "203.0.113.66", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    locked = attempt(guesser, PASSWORD, "203.0.113.66", HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert locked.status_code == 429


def test_the_lock_out_page_says_when_to_try_again_in_both_languages(db, settings):
    settings.AXES_FAILURE_LIMIT = 1
    make_liaison("lina")
    with freeze_time(ELEVEN_TWENTY):
        attempt(Client(), "wrong", "203.0.113.66")
        swedish = attempt(Client(), PASSWORD, "203.0.113.66", HTTP_ACCEPT_LANGUAGE="sv")
        english = attempt(Client(), PASSWORD, "203.0.113.66", HTTP_ACCEPT_LANGUAGE="en")
    assert swedish.status_code == english.status_code == 429
    assert "Försök igen efter kl. 11:35." in html.unescape(swedish.content.decode())
    assert "Please try again after 11:35." in english.content.decode()
    assert english["Retry-After"] == str(15 * 60)


def test_twenty_failures_from_twenty_addresses_pause_the_accounts_password_login(db, settings, behind_proxy):
    lina = make_liaison("lina")
    make_liaison("lars")
    with freeze_time(ELEVEN_TWENTY):
        for number in range(settings.LOGIN_ACCOUNT_FAILURE_LIMIT):
            assert through_proxy(Client(), "wrong", f"198.51.100.{number}").status_code == 200
        paused = through_proxy(Client(), PASSWORD, "203.0.113.7")
        english = attempt(Client(), PASSWORD, "203.0.113.8", HTTP_ACCEPT_LANGUAGE="en")
        assert through_proxy(Client(), PASSWORD, "203.0.113.7", "lars").status_code == 302

    assert paused.status_code == 429, "even the right password waits"
    assert "_auth_user_id" not in paused.client.session
    page = html.unescape(paused.content.decode())
    assert "inloggning med lösenord till det här kontot pausad" in page
    assert "Försök igen efter kl. 11:30." in page
    assert "password login to this account is paused" in english.content.decode()
    assert "Please try again after 11:30." in english.content.decode()
    assert english["Retry-After"] == str(10 * 60)

    notice = OutboxMessage.objects.get(template_name="password_login_paused")
    assert notice.recipient == lina.email
    assert "20 gånger" in notice.body_text and "11:30" in notice.body_text

    with freeze_time(ELEVEN_TWENTY + timedelta(minutes=10)):
        assert through_proxy(Client(), PASSWORD, "203.0.113.7").status_code == 302


def test_the_notice_goes_once_however_long_the_guessing_goes_on(db, settings):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 3
    make_liaison("lina")
    with freeze_time(ELEVEN_TWENTY):
        for number in range(10):
            attempt(Client(), "wrong", f"198.51.100.{number}", username="LINA" if number % 2 else "lina")
    assert OutboxMessage.objects.filter(template_name="password_login_paused").count() == 1


def test_a_name_without_an_account_is_paused_the_same_way_and_nobody_is_mailed(db, settings):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 2
    for number in range(2):
        attempt(Client(), "wrong", f"198.51.100.{number}", username="nobody")
    assert attempt(Client(), "wrong", "198.51.100.9", username="nobody").status_code == 429
    assert not OutboxMessage.objects.exists()


def test_the_admin_login_is_paused_too(db, settings):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 2
    make_user("ada", is_staff=True, is_superuser=True)
    for number in range(2):
        Client().post(
            "/admin/login/", {"username": "ada", "password": "wrong"}, REMOTE_ADDR=f"198.51.100.{number}"
        )
    client = Client()
    client.post("/admin/login/", {"username": "ada", "password": PASSWORD}, REMOTE_ADDR="198.51.100.9")
    assert "_auth_user_id" not in client.session


def test_expired_sessions_and_ended_rate_limit_windows_are_cleared_on_schedule(client, db):
    from django.contrib.sessions.models import Session

    from karlshamn_portal.celery import app
    from liaison.models import RateLimitWindow

    make_liaison("lina")
    with freeze_time(ELEVEN_TWENTY - timedelta(days=30)):
        attempt(client, PASSWORD, "198.51.100.1")
        attempt(Client(), "wrong", "198.51.100.2")
    assert Session.objects.exists() and RateLimitWindow.objects.exists()
    app.loader.import_default_modules()
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    for name in ("signin.clear_expired_sessions", "ratelimit.purge_ended_windows"):
        assert name in tasks
        app.tasks[name]()
    assert not Session.objects.exists() and not RateLimitWindow.objects.exists()
