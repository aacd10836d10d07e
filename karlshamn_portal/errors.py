"""The error pages a person can run into (400, 403 and its CSRF variant, 405), in the portal's
layout and the user's language, each saying what to do next with a link back.

404 and 500 are in `pages`; the 500 page is static, as the database may be what failed.
"""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from karlshamn_portal.roles import is_staff_member


def _links(request: HttpRequest) -> dict[str, str]:
    """Where the page leads: back to the page the person came from, when it is one of ours, and
    to their own start page (staff: their work queue, through LOGIN_REDIRECT_URL's view)."""
    # A CSRF failure is answered before the authentication middleware has set request.user.
    user = getattr(request, "user", None) or AnonymousUser()
    start = reverse("signed-in") if is_staff_member(user) else reverse("home")
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:  # the 400 for an unknown Host header: nothing of the request is trusted
        host = ""
    same_site = bool(host) and url_has_allowed_host_and_scheme(
        referer, {host}, require_https=request.is_secure()
    )
    back = referer if same_site and referer != request.build_absolute_uri() else ""
    return {"back_url": back, "start_url": start}


def _page(template: str, status: int, request: HttpRequest, **context: object) -> HttpResponse:
    return render(request, template, {**_links(request), **context}, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page("400.html", 400, request)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page("403.html", 403, request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent from an old page (or after signing out) is refused, and
    the person is told to reload the form rather than shown Django's page for developers."""
    return _page("403.html", 403, request, form_expired=True)


class MethodNotAllowedPage:
    """Gives the empty 405 of `require_POST` and the like a page: a GET of a form's address
    (a bookmark, a reloaded page after a POST) explains itself. The Allow header stays."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            page = _page("405.html", 405, request)
            page["Allow"] = response["Allow"]
            return page
        return response
