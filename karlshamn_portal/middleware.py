"""Refusals that must come before a request's body is read, and headers for staff pages.

Placed before CsrfViewMiddleware, which is the first to read a POST body: a body that is too
large, or a POST from a client that has used up its allowance, is answered without reading it,
so a flood costs the portal a cache lookup rather than parsing megabytes.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from karlshamn_portal.proxies import client_address
from liaison import ratelimit

View = TypeVar("View", bound=Callable[..., Any])
# The API answers in JSON, its clients read no pages (api/urls.py).
API_PREFIX = "/api/"


def rate_limited(scope: str, limit_setting: str = "SUBMISSIONS_PER_HOUR") -> Callable[[View], View]:
    """Mark a view whose POSTs count against a per-client allowance (`scope`, at most the value of
    setting `limit_setting` an hour). The middleware refuses a client over it before the body is
    read (without counting); the view itself counts each use atomically with ratelimit.try_use."""

    def mark(view: View) -> View:
        view.rate_limit = (scope, limit_setting)  # type: ignore[attr-defined]
        return view

    return mark


def too_many_requests(request: HttpRequest, refusal: ratelimit.Use) -> HttpResponse:
    return ratelimit.refused(render(request, "429.html", {"retry_at": refusal.retry_at}, status=429), refusal)


class RequestLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _declared_length(request) > settings.REQUEST_MAX_BYTES:
            if request.path_info.startswith(API_PREFIX):
                return JsonResponse({"detail": "The body is too large."}, status=413)
            return render(
                request,
                "413.html",
                {"limit_megabytes": settings.REQUEST_MAX_BYTES // (1024 * 1024)},
                status=413,
            )
        response = self.get_response(request)
        if _signed_in(request):
            # Staff pages show personal data: no browser or proxy may keep a copy.
            add_never_cache_headers(response)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        limit = getattr(view, "rate_limit", None)
        if request.method != "POST" or limit is None:
            return None
        scope, limit_setting = limit
        address = client_address(request) or "unknown"  # as ratelimit.try_use_by_client counts it
        refusal = ratelimit.is_used_up(scope, address, getattr(settings, limit_setting))
        return too_many_requests(request, refusal) if refusal else None


def _signed_in(request: HttpRequest) -> bool:
    # Only staff sign in. A visitor without a session cookie costs no lookup; when the database
    # is gone the answer is an error page, which may as well not be stored either.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    try:
        return bool(request.user.is_authenticated)
    except DatabaseError:
        return True


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
