"""The client's address behind a reverse proxy (TRUSTED_PROXIES), for rate limits, the login
lock-out and HTTPS detection."""

from ipaddress import ip_network

import pytest
from django.test import RequestFactory
from django.urls import reverse

from karlshamn_portal.env import ConfigurationError, env_networks
from karlshamn_portal.proxies import client_address
from tests.portal.test_settings_from_environment import run_check

PROXY = "10.0.0.5"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [ip_network(PROXY), ip_network("192.168.10.0/24")]
    return settings


def seen(forwarded_for: str | None = None, remote: str = PROXY) -> str:
    headers = {"REMOTE_ADDR": remote}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client_address(RequestFactory().get("/", **headers))


def test_without_trusted_proxies_a_forged_forwarded_for_changes_nothing(settings):
    settings.TRUSTED_PROXIES = []
    assert seen("203.0.113.9", remote="198.51.100.7") == "198.51.100.7"


def test_a_forwarded_for_from_a_peer_that_is_not_a_trusted_proxy_is_ignored(behind_proxy):
    assert seen("203.0.113.9", remote="198.51.100.7") == "198.51.100.7"


def test_behind_a_trusted_proxy_the_client_is_the_address_the_proxy_saw(behind_proxy):
    assert seen("203.0.113.9") == "203.0.113.9"


def test_addresses_a_client_wrote_before_the_proxy_appended_its_own_are_not_believed(behind_proxy):
    # The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real peer.
    assert seen("1.2.3.4, 203.0.113.9") == "203.0.113.9"


def test_a_chain_of_trusted_proxies_is_walked_to_the_first_untrusted_address(behind_proxy):
    assert seen("1.2.3.4, 203.0.113.9, 192.168.10.20") == "203.0.113.9"
    assert seen("192.168.10.20, 192.168.10.21") == "192.168.10.20", "only proxies: the farthest"


def test_no_or_a_garbled_header_from_the_proxy_falls_back_to_what_can_be_known(behind_proxy):
    assert seen(None, remote="") is None, "no peer address at all"
    assert seen(None) == PROXY
    assert seen("") == PROXY
    assert seen("not-an-address, 203.0.113.9") == "203.0.113.9"
    assert seen("203.0.113.9, <script>") == PROXY


def test_ipv6_and_ipv4_mapped_addresses_are_one_client_each(behind_proxy):
    assert seen("2001:db8::1") == "2001:db8::1"
    assert seen(None, remote="::ffff:198.51.100.7") == "198.51.100.7"


def test_gunicorn_on_a_unix_socket_trusts_its_peer_only_when_told(behind_proxy):
    assert seen("203.0.113.9", remote="") is None
    behind_proxy.TRUSTED_PROXY_SOCKET = True
    assert seen("203.0.113.9", remote="") == "203.0.113.9"


def test_https_is_believed_only_from_a_trusted_proxy(client, behind_proxy):
    behind_proxy.SECURE_SSL_REDIRECT = True
    trusted = client.get(reverse("home"), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https")
    assert trusted.status_code == 200
    forged = client.get(reverse("home"), REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_PROTO="https")
    assert forged.status_code == 301 and forged["Location"].startswith("https://")


def test_trusted_proxies_are_read_from_the_environment_and_a_typo_stops_start_up(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.5, 192.168.10.0/24,::1")
    assert env_networks("TRUSTED_PROXIES") == [
        ip_network("10.0.0.5/32"),
        ip_network("192.168.10.0/24"),
        ip_network("::1/128"),
    ]
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.300")
    with pytest.raises(ConfigurationError, match="TRUSTED_PROXIES"):
        env_networks("TRUSTED_PROXIES")
    result = run_check(DJANGO_DEBUG="1", TRUSTED_PROXIES="proxy.example.se")
    assert result.returncode != 0 and "TRUSTED_PROXIES" in result.stderr and "Traceback" not in result.stderr
