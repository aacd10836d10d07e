"""A person's browser, reduced to what fault drills need: cookies, CSRF tokens and answers
that are measured, never followed (a redirect is an answer)."""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


@dataclass(frozen=True)
class Answer:
    status: int
    text: str
    location: str
    seconds: float


class Visitor:
    def __init__(self, base_url: str, timeout: float = 30) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect
        )

    def get(self, path: str) -> Answer:
        return self._open(urllib.request.Request(self.base_url + path))  # noqa: S310 - local URL

    def post(self, path: str, data: dict[str, object], form_path: str | None = None) -> Answer:
        """POST `data` with the CSRF token of the form at `form_path` (default: `path`)."""
        form = self.get(form_path or path)
        match = CSRF.search(form.text)
        assert match, f"no CSRF token on {form_path or path} (HTTP {form.status})"
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": match[1], **data}, doseq=True).encode()
        return self._open(urllib.request.Request(self.base_url + path, data=body))  # noqa: S310

    def sign_in(self, username: str, password: str) -> Answer:
        return self.post("/login/", {"username": username, "password": password})

    def _open(self, request: urllib.request.Request) -> Answer:
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                status, text, location = response.status, response.read().decode(errors="replace"), ""
        except urllib.error.HTTPError as answer:
            status, text = answer.code, answer.read().decode(errors="replace")
            location = answer.headers.get("Location", "")
        return Answer(status, text, location, time.monotonic() - started)
