"""A per-client-address limit on public forms, counted in the Django cache.

Fixed one-hour windows: simple, shared by every web process through the cache, and good enough
to stop a script from filling the liaison officers' queue.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

WINDOW_SECONDS = 3600
logger = logging.getLogger(__name__)


def client_address(request: HttpRequest) -> str:
    # REMOTE_ADDR, not X-Forwarded-For: a client can write any header, and the reverse proxy
    # in front of the portal sets REMOTE_ADDR to the real peer.
    return request.META.get("REMOTE_ADDR") or "unknown"


def _key(scope: str, request: HttpRequest) -> str:
    return f"ratelimit:{scope}:{client_address(request)}"


def is_limited(scope: str, request: HttpRequest, limit: int | None = None) -> bool:
    """True when this address has used up its allowance in the current window."""
    limit = settings.SUBMISSIONS_PER_HOUR if limit is None else limit
    return int(cache.get(_key(scope, request), 0)) >= limit


def record_use(scope: str, request: HttpRequest) -> None:
    """Count one accepted use; only successful submissions count, not forms sent back with errors."""
    key = _key(scope, request)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, WINDOW_SECONDS)


def address_key(address: str) -> str:
    """An e-mail address as a limit key: hashed, so the cache holds no addresses."""
    return salted_hmac("karlshamn.ratelimit.address", address.strip().lower()).hexdigest()


def use_allowance(scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one use of `key` (an address_key, a subscriber id) in `scope`; False when this use is
    beyond `limit` in the window. Counted before the work, in one atomic step, so parallel
    requests cannot all slip under the limit; a store that cannot be reached lets the use through."""
    cache_key = f"ratelimit:{scope}:key:{key}"
    try:
        if cache.add(cache_key, 1, window_seconds):
            return limit >= 1
        return int(cache.incr(cache_key)) <= limit
    except ValueError:  # expired between add() and incr()
        return True
    except Exception:  # noqa: BLE001 - any cache failure; a limit must not take the form down
        logger.warning("Rate limit store unreachable; %s allowed", scope, exc_info=True)
        return True
