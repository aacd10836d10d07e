"""Referrals to departments (for the officials who answer them), activities for newcomers and
the unit's figures."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from karlshamn_portal.staff_request import StaffRequest
from liaison.models import ReferralStatus
from liaison.services.referrals import ReferralNotAllowed
from liaison.working_days import local_today
from meetings.models import Answer
from relocation.access import (
    get_relocation_referral_for,
    get_relocation_referral_for_update,
    relocation_referrals_for,
    require_host,
)
from relocation.figures import unit_figures
from relocation.forms import ActivityForm, ReferralAnswerForm
from relocation.models import Activity
from relocation.rows import referral_list_row
from relocation.services.activities import invite_partners, schedule_activity
from relocation.services.referrals import answer_relocation_referral

ANSWER_STATUS = {
    ReferralAnswerForm.ACCEPT: ReferralStatus.ACCEPTED,
    ReferralAnswerForm.DECLINE: ReferralStatus.DECLINED,
    ReferralAnswerForm.DONE: ReferralStatus.DONE,
}

# The list is one page, not a history: the open referrals (a department has few at a time) and
# the answers of the last three months, each part bounded.
REFERRAL_LIST_LIMIT = 50
ANSWERED_SHOWN_FOR = timedelta(days=90)


def _referral_page(
    request: StaffRequest, referral_id: int, form: ReferralAnswerForm | None = None
) -> HttpResponse:
    referral = get_relocation_referral_for(request.user, referral_id)
    can_answer = referral.department.officials.filter(pk=request.user.pk).exists()
    context = {"referral": referral, "partner": referral.partner, "can_answer": can_answer, "form": form}
    return render(request, "relocation/staff/referral.html", context)


@login_required
def referral_detail(request: StaffRequest, referral_id: int) -> HttpResponse:
    return _referral_page(request, referral_id)


@login_required
def referral_list(request: StaffRequest) -> HttpResponse:
    """An official's way to their departments' relocation referrals besides the e-mail's link."""
    referrals = relocation_referrals_for(request.user).with_row_details()
    now = timezone.now()
    today = local_today(now)
    open_rows = [referral_list_row(r, today) for r in referrals.open()[:REFERRAL_LIST_LIMIT]]
    answered = referrals.answered_since(now - ANSWERED_SHOWN_FOR)[:REFERRAL_LIST_LIMIT]
    answered_rows = [referral_list_row(r, today) for r in answered]
    context = {"open_rows": open_rows, "answered_rows": answered_rows, "limit": REFERRAL_LIST_LIMIT}
    return render(request, "relocation/staff/referrals.html", context)


@login_required
@require_POST
def referral_answer(request: StaffRequest, referral_id: int) -> HttpResponse:
    referral = get_relocation_referral_for_update(request.user, referral_id)
    form = ReferralAnswerForm(request.POST)
    if not form.is_valid():
        return _referral_page(request, referral_id, form)
    try:
        answer_relocation_referral(
            referral, request.user, ANSWER_STATUS[form.cleaned_data["action"]], form.cleaned_data["reason"]
        )
    except ReferralNotAllowed:
        messages.error(request, _("The referral cannot make that move from where it is."))
    else:
        messages.success(request, _("Your answer is saved and the host is told."))
    return redirect("relocation-referral", referral_id=referral_id)


@login_required
def activities(request: StaffRequest) -> HttpResponse:
    require_host(request.user)
    now = timezone.now()
    form = ActivityForm(now=now)
    if request.method == "POST":
        form = ActivityForm(request.POST, now=now)
        if form.is_valid():
            data = form.cleaned_data
            activity = schedule_activity(
                title=data["title"],
                description=data["description"],
                start=data["start"],
                end=data["end"],
                place=data["place"],
                organizer=request.user,
            )
            count = activity.partner_invitations.count()
            messages.success(
                request, _("The activity is scheduled; %(count)s partners are invited.") % {"count": count}
            )
            return redirect("relocation-activities")
    answered = Q(meeting__invitations__answer=Answer.ACCEPTED)
    rows = (
        Activity.objects.select_related("meeting")
        .annotate(
            invited=Count("meeting__invitations"), coming=Count("meeting__invitations", filter=answered)
        )
        .order_by("-meeting__start")[:50]
    )
    return render(request, "relocation/staff/activities.html", {"form": form, "activities": rows, "now": now})


@login_required
@require_POST
def activity_invite(request: StaffRequest, activity_id: int) -> HttpResponse:
    require_host(request.user)
    activity = Activity.objects.select_related("meeting").filter(pk=activity_id).first()
    if activity is None or not activity.meeting.is_open_for_answers(timezone.now()):
        messages.error(request, _("Nobody can be invited to this activity any more."))
        return redirect("relocation-activities")
    count = invite_partners(activity, request.user)
    messages.success(request, _("%(count)s more partners are invited.") % {"count": count})
    return redirect("relocation-activities")


@login_required
def figures(request: StaffRequest) -> HttpResponse:
    require_host(request.user)
    return render(request, "relocation/staff/figures.html", unit_figures(timezone.now()))
