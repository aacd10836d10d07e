"""Real Celery worker processes for fault tests and the benchmark, and a switch for the test
process's own Celery app between eager mode and a real broker."""

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connection
from kombu import pools

from karlshamn_portal.celery import app

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The URL of the database this process uses now (the test database during tests)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def use_broker(url: str | None, *, eager: bool = False) -> None:
    """Point this process's Celery app at `url` (None: back to the configured one)."""
    app.conf.broker_url = url or settings.CELERY_BROKER_URL
    app.conf.task_always_eager = eager
    # Pools and producers hold connections to the old broker; drop them all, kombu's global
    # registry of producer pools included.
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


def wait_for(condition: Callable[[], object], timeout: float, what: str, interval: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


class Worker:
    """`celery -A karlshamn_portal worker` in its own process, with production settings."""

    def __init__(self, environment: dict[str, str], pool: str = "solo") -> None:
        self.environment = environment
        self.pool = pool
        self.process: subprocess.Popen[bytes] | None = None
        self.log = Path(tempfile.mkstemp(prefix="celery-worker-", suffix=".log")[1])

    def _environment(self) -> dict[str, str]:
        """Production settings against this test's database and broker."""
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "karlshamn_portal.settings",
            "DJANGO_DEBUG": "0",
            "SECRET_KEY": "worker-under-test-" + "k" * 40,
            "DATABASE_URL": database_url(),
            "REDIS_URL": settings.REDIS_URL or "",
            "PORTAL_VAR_DIR": str(settings.VAR_DIR),
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "LOG_LEVEL": "WARNING",
        }

    def start(self, timeout: float = 30, *, wait: bool = True) -> "Worker":
        """Start the worker and (with `wait`) wait until it is connected and ready."""
        command = [
            sys.executable, "-m", "celery", "-A", "karlshamn_portal", "worker",
            f"--pool={self.pool}", "--concurrency=1", "--loglevel=INFO",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            f"--hostname=test-{uuid.uuid4().hex[:8]}@%h",
        ]  # fmt: skip
        self._launch(command, b" ready." if wait else None, timeout)
        return self

    def _launch(self, command: list[str], ready: bytes | None, timeout: float) -> None:
        env = {**self._environment(), **self.environment}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        process = self.process
        what = command[5]
        if ready is None:
            return
        wait_for(lambda: ready in self.log.read_bytes() or process.poll() is not None, timeout, what)
        if process.poll() is not None:
            raise AssertionError(f"{what} exited at start:\n{self.output()}")

    def is_alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def has_logged(self, text: str) -> bool:
        return text.encode() in self.log.read_bytes()

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def kill(self) -> None:
        """SIGKILL: no warm shutdown, no acknowledgement, no cleanup, as when a machine dies."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def peak_memory_kib(self) -> int:
        """VmHWM of the worker process (Linux): the most resident memory it ever used."""
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return 0


class Beat(Worker):
    """`celery -A karlshamn_portal beat`, with production settings and a schedule file of its own."""

    def start(self, timeout: float = 30, *, wait: bool = True) -> "Beat":
        schedule = Path(tempfile.mkdtemp(prefix="celery-beat-")) / "schedule"
        command = [
            sys.executable, "-m", "celery", "-A", "karlshamn_portal", "beat",
            "--loglevel=INFO", f"--schedule={schedule}",
        ]  # fmt: skip
        self._launch(command, b"beat: Starting" if wait else None, timeout)
        return self
