"""Starting and stopping the test provider in a process of its own."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "naringslivsportalen"
CLIENT_SECRET = "client-secret-for-tests"  # noqa: S105
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Provider:
    issuer: str
    client_id: str
    client_secret: str
    fault_file: Path

    def misbehave(self, fault: str) -> None:
        self.fault_file.write_text(fault)

    def behave(self) -> None:
        self.fault_file.write_text("")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _private_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@contextmanager
def running_provider(portal_url: str, folder: Path) -> Iterator[Provider]:
    port = free_port()
    fault_file = folder / "fault"
    fault_file.write_text("")
    environment = {
        **os.environ,
        "PROVIDER_PORT": str(port),
        "PROVIDER_DATABASE": str(folder / "provider.sqlite3"),
        "PROVIDER_FAULT_FILE": str(fault_file),
        "PROVIDER_RSA_KEY": _private_key(),
        "PROVIDER_CLIENT_ID": CLIENT_ID,
        "PROVIDER_CLIENT_SECRET": CLIENT_SECRET,
        "PROVIDER_REDIRECT_URI": f"{portal_url}/login/oidc/callback/",
        "PROVIDER_POST_LOGOUT_URI": f"{portal_url}/",
    }
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "tests.oidc_provider"], cwd=ROOT, env=environment, stdout=log, stderr=log
    )
    issuer = f"http://127.0.0.1:{port}/o"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=5).ok:
                    break
            except requests.RequestException:  # not listening yet, or slow on a busy machine
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"the test provider did not start: {(folder / 'provider.log').read_text()}"
                )
            time.sleep(0.2)
        yield Provider(issuer, CLIENT_ID, CLIENT_SECRET, fault_file)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
