import os
import subprocess
import sys
from pathlib import Path

import pytest

from karlshamn_portal.env import ConfigurationError, env_bool, env_int, env_url

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECRET_KEY", "SECURE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "karlshamn_portal.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_debug_maybe_stops_start_up_naming_the_variable():
    result = run_check(DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_secret_key_stops_start_up_when_debug_is_off():
    result = run_check(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_malformed_database_url_names_the_variable():
    result = run_check(DJANGO_DEBUG="1", DATABASE_URL="mysql://nowhere/db")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_debug_on_starts_without_any_other_variable():
    result = run_check(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value,expected", [("1", True), ("true", True), ("0", False), ("off", False)])
def test_env_bool_reads_the_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("SOME_FLAG", value)
    assert env_bool("SOME_FLAG") is expected


def test_env_int_refuses_words_and_negative_numbers(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(ConfigurationError, match="EMAIL_PORT"):
        env_int("EMAIL_PORT", 25)
    monkeypatch.setenv("EMAIL_PORT", "-1")
    with pytest.raises(ConfigurationError, match="at least 1"):
        env_int("EMAIL_PORT", 25, minimum=1)


def test_env_url_refuses_a_wrong_scheme(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "http://127.0.0.1:6379")
    with pytest.raises(ConfigurationError, match="REDIS_URL"):
        env_url("REDIS_URL", ("redis", "rediss"))
