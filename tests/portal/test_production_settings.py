"""Settings that must not be left at a development default in production."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {"DJANGO_DEBUG": "0", "SECRET_KEY": "p" * 60, "ALLOWED_HOSTS": "naringsliv.karlshamn.se"}


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECRET_KEY", "EMAIL_", "OUTBOX_"))
    }
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "karlshamn_portal.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def setting(name: str, **env: str) -> str:
    result = run_python(f"from django.conf import settings; print(settings.{name})", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_without_a_mail_server_production_refuses_to_start_naming_email_host():
    result = run_python("", **PRODUCTION)
    assert result.returncode != 0
    assert "EMAIL_HOST" in result.stderr


def test_the_console_can_be_asked_for_by_name_for_a_demo():
    assert setting("EMAIL_BACKEND", **PRODUCTION, EMAIL_BACKEND="console").endswith("console.EmailBackend")


def test_a_mail_server_is_used_when_given():
    backend = setting("EMAIL_BACKEND", **PRODUCTION, EMAIL_HOST="smtp.karlshamn.se")
    assert backend.endswith("smtp.EmailBackend")


def test_the_outbox_browser_is_off_in_production_unless_turned_on_by_name():
    env = {**PRODUCTION, "EMAIL_HOST": "smtp.karlshamn.se"}
    assert setting("OUTBOX_BROWSER", **env) == "False"
    assert setting("OUTBOX_BROWSER", **env, OUTBOX_BROWSER="1") == "True"
    assert setting("OUTBOX_BROWSER", DJANGO_DEBUG="1") == "True"
