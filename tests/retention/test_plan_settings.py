"""The plan's figures come from the environment: a number of days, or "never"; a bad value stops
start-up naming the variable; plan and registered kinds must agree."""

import pytest

from karlshamn_portal.env import ConfigurationError, env_days
from retention.checks import plan_matches_kinds


def test_a_variable_sets_the_days_or_never(monkeypatch):
    monkeypatch.setenv("RETENTION_TEST_DAYS", "30")
    assert env_days("RETENTION_TEST_DAYS", 90) == 30
    monkeypatch.setenv("RETENTION_TEST_DAYS", " Never ")
    assert env_days("RETENTION_TEST_DAYS", 90) is None
    monkeypatch.setenv("RETENTION_TEST_DAYS", "")
    assert env_days("RETENTION_TEST_DAYS", 90) == 90
    monkeypatch.delenv("RETENTION_TEST_DAYS")
    assert env_days("RETENTION_TEST_DAYS", 90) == 90


@pytest.mark.parametrize("value", ["ten years", "-1", "3.5"])
def test_a_bad_value_names_the_variable(monkeypatch, value):
    monkeypatch.setenv("RETENTION_TEST_DAYS", value)
    with pytest.raises(ConfigurationError, match="RETENTION_TEST_DAYS"):
        env_days("RETENTION_TEST_DAYS", 90)


def test_the_plan_and_the_registered_kinds_agree(settings):
    assert plan_matches_kinds() == []
    settings.RETENTION_PLAN = {**settings.RETENTION_PLAN, "meeting_minutes": 30}
    del settings.RETENTION_PLAN["failed_emails"]
    errors = {error.id: error.msg for error in plan_matches_kinds()}
    assert "meeting_minutes" in errors["retention.E001"]
    assert "failed_emails" in errors["retention.E002"]
