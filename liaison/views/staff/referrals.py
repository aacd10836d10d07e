"""Officials' referral pages: their departments' work queue, and one referral to act on."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from karlshamn_portal.roles import is_liaison, is_official
from karlshamn_portal.staff_request import StaffRequest
from liaison.access import get_referral_for, get_referral_for_update
from liaison.forms.staff import TextForm
from liaison.models import Referral, ReferralStatus
from liaison.rows import ReferralRow
from liaison.services import referrals as referral_services
from liaison.timeline import timeline_entries
from liaison.views.staff.common import safe_next
from liaison.working_days import local_today

PAGE_SIZE = 100
LABELS = {
    "decline": (gettext_lazy("Reason for declining"), True),
    "note": (gettext_lazy("Note"), True),
    "done": (gettext_lazy("What your department did (optional)"), False),
}


def _form(name: str, data: object = None) -> TextForm:
    label, required = LABELS[name]
    return TextForm(data, prefix=name, label=str(label), required=required)


@login_required
def referral_list(request: StaffRequest) -> HttpResponse:
    """Pending and overdue first. Officials see their departments' referrals; liaison officers all."""
    if not (is_liaison(request.user) or is_official(request.user)):
        raise PermissionDenied
    today = local_today(timezone.now())
    referrals = (
        Referral.objects.all()
        if is_liaison(request.user)
        else Referral.objects.visible_to_official(request.user)
    )
    show_done = request.GET.get("done") == "1"
    if not show_done:
        referrals = referrals.active()
    page = _page_number(request.GET.get("page"))
    offset = (page - 1) * PAGE_SIZE
    # One row more than a page tells whether there is a next page, without counting them all.
    found = list(referrals.with_row_details().work_queue_order(today)[offset : offset + PAGE_SIZE + 1])
    return render(
        request,
        "liaison/staff/referral_list.html",
        {
            "rows": [ReferralRow.of(referral, today) for referral in found[:PAGE_SIZE]],
            "show_done": show_done,
            "previous_page": page - 1 if page > 1 else None,
            "next_page": page + 1 if len(found) > PAGE_SIZE else None,
        },
    )


def _page_number(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 10_000))
    except ValueError:
        return 1


def _render_referral(
    request: StaffRequest, referral: Referral, bound: dict[str, TextForm] | None = None
) -> HttpResponse:
    today = local_today(timezone.now())
    context = {
        "referral": referral,
        "case": referral.case,
        "is_overdue": referral.is_overdue_on(today),
        "can_act": referral.department.officials.filter(pk=request.user.pk).exists(),
        "timeline": timeline_entries(referral.events.select_related("actor", "referral__department")),
        # What the official may do next, from the referral's transitions.
        "can_accept": referral.can_move_to(ReferralStatus.ACCEPTED),
        "can_complete": referral.can_move_to(ReferralStatus.DONE),
        "can_decline": referral.can_move_to(ReferralStatus.DECLINED),
        "decline_form": _form("decline"),
        "note_form": _form("note"),
        "done_form": _form("done"),
        **(bound or {}),
    }
    return render(request, "liaison/staff/referral_detail.html", context)


@login_required
def referral_detail(request: StaffRequest, referral_id: int) -> HttpResponse:
    referral = get_referral_for(request.user, referral_id)
    return _render_referral(request, referral)


def _referral_action(
    name: str | None,
    act: Callable[[StaffRequest, Referral, str], str],
    *,
    officials_only: bool = True,
    then: str = "",
) -> Callable[[StaffRequest, int], HttpResponse]:
    """A POST-only view: check access, validate the text (if any), call the service, redirect."""

    @require_POST
    @login_required
    def view(request: StaffRequest, referral_id: int) -> HttpResponse:
        load = get_referral_for_update if officials_only else get_referral_for
        referral = load(request.user, referral_id)
        text = ""
        if name:
            form = _form(name, request.POST)
            if not form.is_valid():
                return _render_referral(request, referral, {f"{name}_form": form})
            text = form.cleaned_data["text"]
        try:
            messages.success(request, act(request, referral, text))
        except referral_services.ReferralNotAllowed:
            messages.error(request, _("That change is not possible in the referral's current status."))
        if then:
            return redirect(then)
        return redirect(safe_next(request, reverse("referral-detail", args=[referral.pk])))

    return view


def _accept(request: StaffRequest, referral: Referral, text: str) -> str:
    referral_services.accept_referral(referral, request.user)
    return _("You have accepted the referral and are its handling official.")


def _decline(request: StaffRequest, referral: Referral, text: str) -> str:
    referral_services.decline_referral(referral, request.user, text)
    return _("The referral is declined and back with the liaison officer.")


def _note(request: StaffRequest, referral: Referral, text: str) -> str:
    referral_services.add_referral_note(referral, request.user, text)
    return _("Note saved.")


def _done(request: StaffRequest, referral: Referral, text: str) -> str:
    referral_services.complete_referral(referral, request.user, text)
    return _("Your department's part is marked as done.")


referral_accept = _referral_action(None, _accept)
# Declining ends the department's access to the case, so the official goes back to the list.
referral_decline = _referral_action("decline", _decline, then="referral-list")
referral_note = _referral_action("note", _note, officials_only=False)
referral_done = _referral_action("done", _done)
