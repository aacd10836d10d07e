"""The identity provider's settings from the environment: a mistake stops start-up, naming it."""

import os
import subprocess
import sys

import pytest

from identity.group_map import Grant, grant_for, parse_group_map
from karlshamn_portal.env import ConfigurationError
from tests.portal.test_settings_from_environment import ROOT, run_check

FORM_ACTION = (
    "from django.conf import settings; print(*settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"
)


def test_a_group_map_maps_provider_groups_to_portal_groups_and_departments():
    group_map = parse_group_map(
        '{"sg-naringsliv": "Liaison officers",'
        ' "sg-bygglov": {"groups": ["Officials"], "departments": ["bygglov"]},'
        ' "sg-miljo": {"groups": ["Officials"], "departments": ["miljo"]}}'
    )
    assert grant_for(["sg-bygglov", "sg-miljo", "sg-kantin"], group_map) == Grant(
        frozenset({"Officials"}), frozenset({"bygglov", "miljo"})
    )
    assert grant_for(["sg-kantin"], group_map) == Grant()


@pytest.mark.parametrize(
    "text",
    ["[1, 2]", "{not json", '{"sg": 3}', '{"sg": {"groups": "Officials"}}', '{"sg": {"roles": ["x"]}}'],
)
def test_a_malformed_group_map_is_refused(text):
    with pytest.raises(ConfigurationError, match="OIDC_GROUP_MAP"):
        parse_group_map(text)


def test_a_malformed_group_map_stops_start_up_naming_the_variable():
    result = run_check(DJANGO_DEBUG="1", OIDC_GROUP_MAP='{"sg": 3}')
    assert result.returncode != 0
    assert "OIDC_GROUP_MAP" in result.stderr and "Traceback" not in result.stderr


def test_a_client_id_without_an_issuer_stops_start_up():
    result = run_check(DJANGO_DEBUG="1", OIDC_CLIENT_ID="portal")
    assert result.returncode != 0 and "OIDC_ISSUER" in result.stderr


def test_turning_local_login_off_without_a_provider_stops_start_up():
    result = run_check(DJANGO_DEBUG="1", LOCAL_LOGIN="0")
    assert result.returncode != 0 and "LOCAL_LOGIN" in result.stderr


def test_the_sign_out_may_redirect_to_a_provider_given_only_by_its_discovery_url():
    # The sign-out form's redirect to the provider's end-session endpoint must pass the
    # Content-Security-Policy's form-action, or the browser stops at the portal.
    shown = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", FORM_ACTION],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_DEBUG": "1",
            "OIDC_CLIENT_ID": "portal",
            "OIDC_DISCOVERY_URL": "https://login.karlshamn.example/adfs/.well-known/openid-configuration",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert shown.stdout.split() == ["'self'", "https://login.karlshamn.example"]
