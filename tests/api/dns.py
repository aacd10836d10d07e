"""Name lookups the webhook tests decide: a name answers with the addresses a test gives it,
addresses and localhost resolve as usual, and any other name fails, so no test ever asks a real
DNS server (the sandbox's resolver is not a test host)."""

import ipaddress
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock


@dataclass
class FakeDns:
    answers: dict[str, list[str]] = field(default_factory=dict)
    # What a name answers from its second lookup on, as a server rebinding it would.
    rebound: dict[str, list[str]] = field(default_factory=dict)
    looked_up: list[str] = field(default_factory=list)


def _numeric_or_local(host: str) -> bool:
    """An address, in any form the C library reads as one (2130706433 too), or localhost."""
    try:
        ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        try:
            socket.inet_aton(host)
        except OSError:
            return host == "localhost"
    return True


@contextmanager
def fake_dns() -> Iterator[FakeDns]:
    dns = FakeDns()
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if _numeric_or_local(name):
            return real(host, port, *args, **kwargs)
        answers = dns.rebound.get(name) if name in dns.looked_up else None
        answers = answers or dns.answers.get(name)
        dns.looked_up.append(name)
        if answers is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (
                socket.AF_INET6 if ":" in address else socket.AF_INET,
                socket.SOCK_STREAM,
                socket.IPPROTO_TCP,
                "",
                (address, int(port or 0), 0, 0) if ":" in address else (address, int(port or 0)),
            )
            for address in answers
        ]

    with mock.patch("socket.getaddrinfo", getaddrinfo):
        yield dns
