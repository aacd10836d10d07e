"""Limits on how often something may be done: per client address on public forms, or per any
other value (an e-mail address, an account).

Fixed windows counted in the database (RateLimitWindow): `try_use` increments and compares in
one conditional UPDATE, so 30 requests at once against a limit of 10 let exactly 10 through,
on SQLite and PostgreSQL alike and with Redis down.

    use = ratelimit.try_use_by_client(SUBMIT_SCOPE, request, settings.SUBMISSIONS_PER_HOUR)
    if not use.allowed:
        return ratelimit.refused(render(..., {"retry_at": use.retry_at}, status=429), use)
    if not form.is_valid():
        ratelimit.give_back(use)  # only accepted submissions count

    ratelimit.try_use("forum-confirmation", email, 3, window_seconds=ratelimit.DAY)
"""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import DatabaseError
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from karlshamn_portal.proxies import client_address
from liaison.models import RateLimitWindow
from liaison.queries import count_use_within_limit

logger = logging.getLogger(__name__)

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Use:
    """One counted use of a limited action, or the refusal of one."""

    allowed: bool
    key: str
    window_start: datetime
    # When the window ends and the whole allowance is back: what a refusal tells the person.
    retry_at: datetime
    counted: bool = True  # False when the count could not be kept (see try_use)

    @property
    def retry_after_seconds(self) -> int:
        return max(1, int((self.retry_at - timezone.now()).total_seconds()) + 1)


def _key(scope: str, value: str) -> str:
    # A keyed hash: the table holds no client or e-mail address, and nobody can tell from it
    # which address made a request. Case and surrounding spaces do not make a new counter.
    digest = salted_hmac("liaison.ratelimit", value.strip().casefold(), algorithm="sha256").hexdigest()
    return f"{scope[:80]}:{digest[:32]}"


def _window(window_seconds: int, now: datetime) -> tuple[datetime, datetime]:
    elapsed = int((now - _EPOCH).total_seconds())
    start = _EPOCH + timedelta(seconds=elapsed - elapsed % window_seconds)
    return start, start + timedelta(seconds=window_seconds)


def try_use(
    scope: str, value: str, limit: int, *, window_seconds: int = HOUR, now: datetime | None = None
) -> Use:
    """Count one use of `scope` by `value` (any text: an address, an e-mail, a user name) in the
    current window of `window_seconds`, unless `limit` uses are already counted there.

    When the database cannot keep the count (a lock timeout, say), the use is allowed and a
    warning logged: a limit is there to slow abuse, never to refuse an honest request. Call it
    outside transaction.atomic, as views do: inside one, PostgreSQL would refuse every later
    statement of the transaction after such a failure.
    """
    start, end = _window(window_seconds, now or timezone.now())
    key = _key(scope, value)
    try:
        allowed = count_use_within_limit(key, start, end, limit)
    except DatabaseError:
        logger.warning("Rate limit %s not counted; letting the request through", scope, exc_info=True)
        return Use(allowed=True, key=key, window_start=start, retry_at=end, counted=False)
    return Use(allowed=allowed, key=key, window_start=start, retry_at=end)


def try_use_by_client(scope: str, request: HttpRequest, limit: int, *, window_seconds: int = HOUR) -> Use:
    """try_use keyed on the client's address (karlshamn_portal.proxies.client_address); every
    request whose address cannot be known shares one count."""
    return try_use(scope, client_address(request) or "unknown", limit, window_seconds=window_seconds)


def is_used_up(scope: str, value: str, limit: int, *, window_seconds: int = HOUR) -> Use | None:
    """Without counting: the refusal try_use would give now, or None while uses are left."""
    start, end = _window(window_seconds, timezone.now())
    key = _key(scope, value)
    if RateLimitWindow.objects.filter(key=key, window_start=start, uses__gte=limit).exists():
        return Use(allowed=False, key=key, window_start=start, retry_at=end)
    return None


def give_back(use: Use) -> None:
    """Undo an allowed use that turned out not to count (a form sent back with errors)."""
    if not (use.allowed and use.counted):
        return
    RateLimitWindow.objects.filter(key=use.key, window_start=use.window_start, uses__gt=0).update(
        uses=F("uses") - 1
    )


def refused(response: HttpResponse, use: Use) -> HttpResponse:
    """Mark a 429 answer with when to come back, for clients that read Retry-After."""
    response["Retry-After"] = str(use.retry_after_seconds)
    return response


def purge_ended_windows(now: datetime | None = None) -> int:
    """Delete the counters of windows that have ended; returns how many."""
    deleted, _ = RateLimitWindow.objects.filter(expires_at__lt=now or timezone.now()).delete()
    return deleted
