"""A webhook receiver on loopback that checks signatures the way a real one would."""

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Receiver:
    url: str
    secret: str
    answer: int = 200
    delay: float = 0.0
    received: list[dict[str, Any]] = field(default_factory=list)

    def verify(self, headers: Any, body: bytes) -> bool:
        timestamp = headers["X-Portal-Timestamp"]
        expected = hmac.new(self.secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
        fresh = abs(time.time() - int(timestamp)) < 300
        return fresh and hmac.compare_digest(headers["X-Portal-Signature"], f"sha256={expected}")


@contextmanager
def running_receiver(secret: str) -> Iterator[Receiver]:
    receiver = Receiver(url="", secret=secret)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            time.sleep(receiver.delay)
            receiver.received.append(
                {
                    "event": self.headers["X-Portal-Event"],
                    "signed": receiver.verify(self.headers, body),
                    "body": json.loads(body),
                }
            )
            self.send_response(receiver.answer)
            self.end_headers()
            self.wfile.write(b"thanks" if receiver.answer < 300 else b"busy")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/portal"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
