"""The systemd units in deploy/ that the README's production section tells operators to install."""

from configparser import ConfigParser
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def unit(name: str) -> ConfigParser:
    parser = ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(DEPLOY / f"karlshamn-{name}.service")
    return parser


@pytest.mark.parametrize(
    "name,command",
    [
        ("web", "gunicorn karlshamn_portal.wsgi"),
        ("worker", "celery -A karlshamn_portal worker"),
        ("beat", "celery -A karlshamn_portal beat"),
    ],
)
def test_each_process_has_a_unit_that_restarts_it_always(name, command):
    service = unit(name)["Service"]
    assert command in service["ExecStart"]
    assert service["Restart"] == "always"
    assert service["EnvironmentFile"] == "/etc/karlshamn-portal/environment"


def test_gunicorn_listens_only_where_the_proxy_reaches_it():
    assert "--bind 127.0.0.1:" in unit("web")["Service"]["ExecStart"]


def test_gunicorn_bounds_the_request_line_and_headers_as_the_readme_says():
    command = unit("web")["Service"]["ExecStart"]
    readme = (DEPLOY.parent / "README.md").read_text()
    for limit in (
        "--limit-request-line 4094",
        "--limit-request-fields 50",
        "--limit-request-field_size 8190",
    ):
        assert limit in command and limit in readme.replace("\n  ", " "), limit
