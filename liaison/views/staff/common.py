"""Small helpers the staff views share."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

from karlshamn_portal.roles import is_liaison
from karlshamn_portal.staff_request import StaffRequest


def liaison_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors go to the login page; signed-in users who are not liaison officers get 403."""

    @login_required
    @wraps(view)
    def wrapped(request: StaffRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_liaison(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def safe_next(request: StaffRequest, fallback: str) -> str:
    """The `next` field of a POST if it points into the portal, otherwise `fallback`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
