"""Shared fixtures: named personas and the rule that CI never skips a service test."""

import io
import logging
import os
import shutil

import pytest
from django.core.cache import cache

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def need(available: bool, reason: str) -> None:
    """Skip on a developer's machine, fail in CI: a missing service is never silent there."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI must provide this: {reason}", pytrace=False)
    pytest.skip(reason)


def _redis_available() -> bool:
    from django.conf import settings

    if not settings.REDIS_URL:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def pytest_runtest_setup(item: pytest.Item) -> None:
    from django.db import connection

    if item.get_closest_marker("postgresql"):
        need(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL=postgres://…")
    if item.get_closest_marker("redis"):
        need(_redis_available(), "needs Redis: set REDIS_URL=redis://…")
    if item.get_closest_marker("browser"):
        need(shutil.which(CHROMIUM) is not None, f"needs Chromium at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate limits and login lock-outs live in the cache; each test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def liaison(db):
    from tests.factories import make_liaison

    return make_liaison("lina")


@pytest.fixture
def building_department(db):
    from tests.factories import make_department

    return make_department("bygglov", "Bygglov", "Building permits")


@pytest.fixture
def environment_department(db):
    from tests.factories import make_department

    return make_department("miljo", "Miljöförbundet Blekinge Väst", "Environmental association")


@pytest.fixture
def building_official(building_department):
    from tests.factories import make_official

    return make_official("bo", building_department)


@pytest.fixture
def environment_official(environment_department):
    from tests.factories import make_official

    return make_official("maja", environment_department)


@pytest.fixture
def outsider(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("olle", "olle@example.se", "outsider-password")


@pytest.fixture
def log():
    """What the portal's console handler writes, as configured in settings.LOGGING."""
    (handler,) = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)
