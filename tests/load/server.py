"""gunicorn with production settings over plain HTTP on a free local port."""

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.faults.smtp import free_port
from tests.faults.worker import ROOT


class Server:
    def __init__(self, environment: dict[str, str], workers: int = 2) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "karlshamn_portal.settings",
            "DJANGO_DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": self.url,
            # The load generator speaks plain HTTP, so cookies may not be Secure-only here.
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "LOG_LEVEL": "WARNING",
            **environment,
        }
        self.log = Path(tempfile.mkstemp(prefix="gunicorn-", suffix=".log")[1])
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60) -> "Server":
        subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            cwd=ROOT,
            env=self.environment,
            check=True,
        )
        command = [
            sys.executable, "-m", "gunicorn", "karlshamn_portal.wsgi:application",
            f"--workers={self.workers}", f"--bind=127.0.0.1:{self.port}", "--timeout=60",
        ]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command,
                cwd=ROOT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/health/", timeout=5) as response:  # noqa: S310 - local URL
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"gunicorn did not answer:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            self.process.wait(timeout=30)
