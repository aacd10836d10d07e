"""Follow-ups: marking one done, and handing one over to the business liaison as a case."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from companies.access import get_follow_up_for_update, register_required
from companies.services.follow_ups import FollowUpError, complete_follow_up, turn_follow_up_into_case
from karlshamn_portal.staff_request import StaffRequest


def _back(visit_id: int) -> HttpResponse:
    return redirect(reverse("companies:visit", args=[visit_id]) + "#follow-ups")


@register_required
@require_POST
def follow_up_done(request: StaffRequest, pk: int) -> HttpResponse:
    follow_up = get_follow_up_for_update(request.user, pk)
    try:
        complete_follow_up(follow_up)
    except FollowUpError:
        messages.error(request, _("This follow-up is done already."))
        return _back(follow_up.visit_id)
    messages.success(request, _("The follow-up is done."))
    return _back(follow_up.visit_id)


@register_required
@require_POST
def follow_up_case(request: StaffRequest, pk: int) -> HttpResponse:
    follow_up = get_follow_up_for_update(request.user, pk)
    try:
        case = turn_follow_up_into_case(follow_up)
    except FollowUpError:
        messages.error(
            request,
            _(
                "No case was made: the follow-up is a case or done already, or the visit has no company contact with an e-mail address."
            ),
        )
        return _back(follow_up.visit_id)
    messages.success(
        request,
        _("Case %(reference)s is made and waits for the liaison officers.") % {"reference": case.reference},
    )
    return _back(follow_up.visit_id)
