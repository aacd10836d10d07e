"""Answering invitations: through the signed e-mail link, or logged in from /meetings/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from karlshamn_portal.signing import InvalidLink
from karlshamn_portal.staff_request import StaffRequest
from meetings import ics
from meetings.forms import AnswerForm, list_prefix
from meetings.links import invitation_from_link
from meetings.models import Invitation
from meetings.services import MeetingError, record_answer


def _save_answer(request: HttpRequest, invitation: Invitation, form: AnswerForm) -> bool:
    if not form.is_valid():
        return False
    actor = request.user if request.user.is_authenticated else None
    try:
        record_answer(invitation, form.cleaned_data["answer"], form.cleaned_data["comment"], actor=actor)
    except MeetingError:
        messages.error(request, _("The meeting is cancelled or over; your answer was not saved."))
        return True
    messages.success(
        request,
        _("Thank you, your answer is saved: %(answer)s.") % {"answer": invitation.get_answer_display()},
    )
    return True


def answer_by_link(request: HttpRequest, invitation_id: int, token: str) -> HttpResponse:
    """GET only shows the confirmation page (mail scanners open every link); POST records the answer."""
    try:
        invitation = invitation_from_link(invitation_id, token)
    except InvalidLink:
        return render(request, "meetings/link_invalid.html", status=404)
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if _save_answer(request, invitation, form):
            return redirect(request.path)
    else:
        form = AnswerForm.for_invitation(invitation, request.GET.get("answer"))
    context = {"invitation": invitation, "meeting": invitation.meeting, "form": form, "token": token}
    return render(request, "meetings/answer.html", context)


def calendar_by_link(request: HttpRequest, invitation_id: int, token: str) -> HttpResponse:
    """The meeting as a calendar file, for someone who answered on the web and wants it in their calendar."""
    try:
        invitation = invitation_from_link(invitation_id, token)
    except InvalidLink:
        return render(request, "meetings/link_invalid.html", status=404)
    response = HttpResponse(
        ics.single_event_ics(invitation.meeting), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="meeting.ics"'
    return response


@login_required
def my_invitations(request: StaffRequest) -> HttpResponse:
    now = timezone.now()
    invitations = (
        Invitation.objects.for_user(request.user)
        .filter(meeting__end__gt=now)
        .select_related("meeting")
        .order_by("meeting__start", "pk")
    )
    rows = [
        (invitation, AnswerForm.for_invitation(invitation, prefix=list_prefix(invitation.pk)))
        for invitation in invitations
    ]
    return render(request, "meetings/my_invitations.html", {"rows": rows, "now": now})


@login_required
@require_POST
def answer_own(request: StaffRequest, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.for_user(request.user).select_related("meeting"), pk=invitation_id
    )
    form = AnswerForm(request.POST, prefix=list_prefix(invitation.pk))
    if not _save_answer(request, invitation, form):
        messages.error(request, _("Choose an answer."))
    return redirect("meetings:mine")
