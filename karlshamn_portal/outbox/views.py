"""A staff page listing outgoing e-mail, so invitation and reminder flows can be tried without a
mail server (on when OUTBOX_BROWSER is set, which DJANGO_DEBUG=1 implies)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from karlshamn_portal.outbox.models import OutboxMessage
from karlshamn_portal.roles import is_staff_member
from karlshamn_portal.staff_request import StaffRequest


def _check(request: StaffRequest) -> None:
    if not settings.OUTBOX_BROWSER:
        raise Http404
    if not is_staff_member(request.user):
        raise PermissionDenied


def outbox_list(request: StaffRequest) -> HttpResponse:
    _check(request)
    messages = OutboxMessage.objects.defer("body_text", "body_html", "attachments")
    page = Paginator(messages, 50).get_page(request.GET.get("page"))
    return render(request, "outbox/list.html", {"page": page})


def outbox_detail(request: StaffRequest, pk: int) -> HttpResponse:
    _check(request)
    message = get_object_or_404(OutboxMessage, pk=pk)
    return render(request, "outbox/detail.html", {"message": message})
