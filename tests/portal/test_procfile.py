"""The Procfile `make run` starts: the web server's port comes from PORT, so two checkouts can
run side by side."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _listens(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_the_web_process_listens_on_the_port_given_in_port():
    port = _free_port()
    honcho = Path(sys.executable).with_name("honcho")
    env = {**os.environ, "PORT": str(port), "DJANGO_DEBUG": "1"}
    process = subprocess.Popen(  # noqa: S603 - our own Procfile
        [str(honcho), "-f", "Procfile", "start", "web"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not _listens(port) and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
        assert _listens(port), f"nothing listens on PORT={port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_the_port_defaults_to_8000():
    web = next(line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:"))
    assert "${PORT:-8000}" in web
    assert "export PORT ?= 8000" in (ROOT / "Makefile").read_text()
