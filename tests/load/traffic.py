"""Virtual users: companies submitting requests and following them, a liaison officer on the
dashboard, visitors on the forum page. Each is a thread with its own cookies."""

import http.cookiejar
import itertools
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field

from tests.liaison.factories import valid_organisation_number

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_serials = itertools.count(600_000)
_serial_lock = threading.Lock()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None  # a redirect is an answer to measure, not to follow


@dataclass
class Results:
    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    submitted: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, page: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.timings[page].append(seconds * 1000)
            if error:
                self.errors[page].append(error)


@dataclass(frozen=True)
class Site:
    url: str
    topic_id: int
    track_paths: list[str]
    liaison: tuple[str, str]


class VirtualUser:
    def __init__(self, site: Site, results: Results, rng: random.Random) -> None:
        self.site, self.results, self.rng = site, results, rng
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect
        )
        self.signed_in = False

    def _request(
        self, page: str, path: str, data: dict[str, object] | None = None, expect: int = 200
    ) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.site.url + path, data=body)  # noqa: S310 - local URL
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                status, text = response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as answer:
            status, text = answer.code, answer.read().decode(errors="replace")
        except OSError as error:
            self.results.record(page, time.perf_counter() - started, f"{type(error).__name__}: {error}")
            return 0, ""
        self.results.record(
            page, time.perf_counter() - started, None if status == expect else f"HTTP {status}"
        )
        return status, text

    def _token(self, html: str) -> str:
        match = CSRF.search(html)
        return match[1] if match else ""

    def submit(self) -> None:
        _, form = self._request("request form", "/cases/new/")
        with _serial_lock:
            serial = next(_serials)
        data = {
            "csrfmiddlewaretoken": self._token(form),
            "company_name": f"Lasttest {serial} AB",
            "organisation_number": valid_organisation_number(serial),
            "contact_name": "Lars Last",
            "contact_email": f"last{serial}@example.se",
            "topic": self.site.topic_id,
            "subject": "Lokal för verksamhet",
            "description": "Vi söker en lokal på 300 kvadratmeter nära hamnen.",
            "accept_privacy": "on",
        }
        status, _ = self._request("submit", "/cases/new/", data, expect=302)
        if status == 302:
            with self.results.lock:
                self.results.submitted += 1

    def track(self) -> None:
        self._request("track page", self.rng.choice(self.site.track_paths))

    def dashboard(self) -> None:
        if not self.signed_in:
            _, login = self._request("login", "/login/")
            username, password = self.site.liaison
            credentials = {
                "csrfmiddlewaretoken": self._token(login),
                "username": username,
                "password": password,
            }
            self._request("login", "/login/", credentials, expect=302)
            self.signed_in = True
        self._request("dashboard", "/dashboard/")

    def forum(self) -> None:
        self._request("forum page", "/forum/")

    def run(self, until: float) -> None:
        actions = [self.submit] * 2 + [self.track] * 3 + [self.dashboard] * 2 + [self.forum] * 3
        while time.monotonic() < until:
            self.rng.choice(actions)()
