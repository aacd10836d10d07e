"""Who may see the feedback pages and exports."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from feedback.models import Export
from karlshamn_portal.roles import is_staff_member
from karlshamn_portal.staff_request import StaffRequest


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The staff view is for liaison officers and officials (who see their departments' comments)."""

    @login_required
    @wraps(view)
    def wrapped(request: StaffRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def get_export_for(user: Any, export_id: int) -> Export:
    """An export is its requester's alone: it holds the data they were allowed to read."""
    export = Export.objects.filter(pk=export_id).first()
    if export is None or export.requested_by_id != user.pk:
        raise PermissionDenied
    return export
