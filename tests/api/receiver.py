"""A webhook receiver on loopback that checks signatures the way a real one would."""

import hashlib
import hmac
import json
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.api.tls import Certificates


@dataclass
class Receiver:
    url: str
    secret: str
    answer: int = 200
    delay: float = 0.0
    port: int = 0
    # What the receiver answers with; a receiver may echo back what it was sent.
    reply: bytes | None = None
    received: list[dict[str, Any]] = field(default_factory=list)

    def verify(self, headers: Any, body: bytes) -> bool:
        timestamp = headers["X-Portal-Timestamp"]
        expected = hmac.new(self.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
        fresh = abs(time.time() - int(timestamp)) < 300
        return fresh and hmac.compare_digest(headers["X-Portal-Signature"], f"sha256={expected}")


@contextmanager
def running_receiver(secret: str, tls: Certificates | None = None) -> Iterator[Receiver]:
    """A receiver on 127.0.0.1; with `tls`, over https with that certificate."""
    receiver = Receiver(url="", secret=secret)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            time.sleep(receiver.delay)
            receiver.received.append(
                {
                    "event": self.headers["X-Portal-Event"],
                    "host": self.headers["Host"],
                    "signed": receiver.verify(self.headers, body),
                    "body": json.loads(body),
                }
            )
            self.send_response(receiver.answer)
            self.end_headers()
            if receiver.reply is not None:
                self.wfile.write(receiver.reply)
            else:
                self.wfile.write(b"thanks" if receiver.answer < 300 else b"busy")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.port = server.server_address[1]
    scheme = "http"
    if tls is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls.certificate, tls.key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    receiver.url = f"{scheme}://127.0.0.1:{receiver.port}/hooks/portal"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
