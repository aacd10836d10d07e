"""Fixtures for fault tests: a real SMTP server, the real broker and real worker processes.

Tests that start a worker use the `transactional_db` world: the worker is another process and
sees only committed rows.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.faults.smtp import SmtpServer
from tests.faults.worker import Worker, use_broker

PROBE_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture
def probe_templates(settings):
    """A neutral e-mail (`fault_probe`) so outbox faults can be tested before any feature's
    e-mails exist; feature tests queue their own."""
    engine = dict(django_settings.TEMPLATES[0])
    engine["DIRS"] = [*engine["DIRS"], PROBE_TEMPLATES]
    settings.TEMPLATES = [engine]


@pytest.fixture
def smtp(settings) -> Iterator[SmtpServer]:
    """A real SMTP server on a free port; the test process's own mail goes there too."""
    with SmtpServer() as server:
        for name, value in server.settings().items():
            setattr(settings, name, value)
        yield server


@pytest.fixture
def broker() -> Iterator[None]:
    """The real Redis broker (emptied), with eager mode off in the test process."""
    import redis

    redis.Redis.from_url(django_settings.REDIS_URL).flushdb()
    use_broker(None, eager=False)
    yield
    use_broker(None, eager=True)
    redis.Redis.from_url(django_settings.REDIS_URL).flushdb()


@pytest.fixture
def start_worker(smtp, broker) -> Iterator:
    """Start real workers that deliver to the test's SMTP server; all are stopped afterwards."""
    workers: list[Worker] = []

    def start(**environment: str) -> Worker:
        worker = Worker({**smtp.environment(), **environment}).start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
