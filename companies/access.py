"""Who may see and change the register, visits and follow-ups: the one place every view asks.

Business developers and liaison officers use all of it. An official sees a visit only when
invited to it, and never its internal notes. Companies never see visits, only the e-mails sent
to them. Anonymous visitors are sent to the login page by the views' login_required.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AccountUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.http.response import HttpResponseBase

from companies.models import Company, FollowUp, RegisterImport, Visit
from karlshamn_portal.roles import can_use_register, is_official
from karlshamn_portal.staff_request import StaffRequest

User = AccountUser | AnonymousUser


def register_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Anonymous visitors go to the login page; anyone but business developers and liaison officers gets 403."""

    @login_required
    @wraps(view)
    def wrapped(request: StaffRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_use_register(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def get_company_for(user: User, company_id: int) -> Company:
    if not can_use_register(user):
        raise PermissionDenied
    try:
        return Company.objects.get(pk=company_id)
    except Company.DoesNotExist:
        raise Http404 from None


def get_visit_for(user: User, visit_id: int) -> Visit:
    """A visit for reading: register users, and officials invited to it (the view leaves out the
    notes). Who may read which visit is Visit.objects.visible_to's rule, which the API uses too."""
    if not (can_use_register(user) or is_official(user)):
        raise PermissionDenied
    try:
        return Visit.objects.visible_to(user).with_meeting().get(pk=visit_id)
    except Visit.DoesNotExist:
        if Visit.objects.filter(pk=visit_id).exists():
            raise PermissionDenied from None
        raise Http404 from None


def get_visit_for_update(user: User, visit_id: int) -> Visit:
    if not can_use_register(user):
        raise PermissionDenied
    return get_visit_for(user, visit_id)


def get_follow_up_for_update(user: User, follow_up_id: int) -> FollowUp:
    if not can_use_register(user):
        raise PermissionDenied
    try:
        return FollowUp.objects.select_related("visit__company", "visit__contact", "visit__meeting").get(
            pk=follow_up_id
        )
    except FollowUp.DoesNotExist:
        raise Http404 from None


def get_import_for(user: User, import_id: int) -> RegisterImport:
    if not can_use_register(user):
        raise PermissionDenied
    try:
        return RegisterImport.objects.get(pk=import_id)
    except RegisterImport.DoesNotExist:
        raise Http404 from None
