"""A real SMTP server for tests and the benchmark: aiosmtpd on a free local port, whose answers a
test can script (temporary or permanent refusals, or a stall that holds a delivery open)."""

import asyncio
import logging
import socket
import threading
from collections import Counter
from dataclasses import dataclass, field
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller

STALL = "stall"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    recipients: list[str]
    subject: str


@dataclass
class SmtpSink:
    """The aiosmtpd handler: answers DATA from `script` first, then accepts."""

    script: list[str] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    attempts: int = 0
    sessions: int = 0  # SMTP conversations opened (EHLO/HELO)
    stalled: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, *replies: str) -> None:
        """The next deliveries get these replies ("451 …", "550 …" or STALL), in order."""
        with self.lock:
            self.script.extend(replies)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # type: ignore[no-untyped-def]
        with self.lock:
            self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
        with self.lock:
            self.attempts += 1
            reply = self.script.pop(0) if self.script else "250 OK"
        if reply == STALL:
            self.stalled.set()
            # Held until the client goes away; aiosmtpd cancels this coroutine when it does,
            # so a message whose sender died is never counted as received.
            await asyncio.Event().wait()
        if not reply.startswith("250"):
            return reply
        parsed = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        with self.lock:
            # Decoded and unfolded: a long subject arrives folded onto a continuation line.
            self.received.append(Received(list(envelope.rcpt_tos), str(parsed["Subject"]).strip()))
        return reply

    def count_by_recipient(self) -> Counter[str]:
        with self.lock:
            return Counter(address for message in self.received for address in message.recipients)


class SmtpServer:
    def __init__(self) -> None:
        # aiosmtpd logs every SMTP command at INFO; thousands of deliveries drown the output.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        self.sink = SmtpSink()
        self.port = free_port()
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "SmtpServer":
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    def settings(self) -> dict[str, object]:
        """Django settings that make the SMTP backend deliver here."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": 5,
        }

    def environment(self) -> dict[str, str]:
        """The same, as environment variables for a worker process."""
        return {
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.port),
            "EMAIL_USE_TLS": "0",
            "EMAIL_TIMEOUT": "5",
        }
