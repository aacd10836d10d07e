"""Case meetings for liaison officers: schedule, see everyone's answer, move, cancel, edit invitees."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from karlshamn_portal.staff_request import StaffRequest
from liaison.access import get_case_for_update
from liaison.forms.meetings import AddOfficialForm, CancelMeetingForm, MeetingTimeForm, ScheduleMeetingForm
from liaison.models import Case, CaseMeeting
from liaison.services import meetings as services
from meetings.models import Invitation
from meetings.services import MeetingError


def _case_for_liaison(request: StaffRequest, reference: str) -> Case:
    """The one access check of these views: only liaison officers schedule and change meetings."""
    return get_case_for_update(request.user, reference)


def _case_meeting(case: Case, meeting_id: int) -> CaseMeeting:
    return get_object_or_404(
        CaseMeeting.objects.select_related("meeting", "case"), case=case, meeting_id=meeting_id
    )


@login_required
def case_meetings(request: StaffRequest, reference: str) -> HttpResponse:
    case = _case_for_liaison(request, reference)
    return render(request, "liaison/meetings/list.html", {"case": case})


@login_required
def schedule(request: StaffRequest, reference: str) -> HttpResponse:
    case = _case_for_liaison(request, reference)
    if case.anonymised_at is not None:
        # Its contact is gone, and a meeting would write names and answers back onto it.
        messages.error(
            request, _("The case is anonymised by the retention plan; nothing new is added to it.")
        )
        return redirect("case-detail", reference=case.reference)
    contact = f"{case.contact_name} <{case.contact_email}>"
    if request.method == "POST":
        form = ScheduleMeetingForm(request.POST, contact_label=contact)
        if form.is_valid():
            data = form.cleaned_data
            invitees = [services.official_invitee(user) for user in data["officials"]]
            if data["invite_contact"]:
                invitees.insert(0, services.contact_invitee(case))
            fields = {
                name: data[name]
                for name in ("title", "start", "end", "place", "online_url", "description", "reminder_hours")
            }
            case_meeting = services.schedule_meeting(
                case, organizer=request.user, invitees=invitees, **fields
            )
            messages.success(request, _("The meeting is scheduled and the invitations are sent."))
            return redirect("case-meeting", reference=case.reference, meeting_id=case_meeting.meeting_id)
    else:
        initial = {
            "title": _("Meeting about %(reference)s: %(subject)s")
            % {"reference": case.reference, "subject": case.subject},
            "officials": services.handling_officials(case),
        }
        form = ScheduleMeetingForm(initial=initial, contact_label=contact)
    return render(request, "liaison/meetings/schedule.html", {"case": case, "form": form})


def _detail(
    request: StaffRequest, case_meeting: CaseMeeting, status: int = 200, **forms: object
) -> HttpResponse:
    meeting = case_meeting.meeting
    context = {
        "case": case_meeting.case,
        "case_meeting": case_meeting,
        "meeting": meeting,
        "invitations": meeting.invitations.select_related("user").order_by("name"),
        "move_form": forms.get("move_form") or MeetingTimeForm(initial=MeetingTimeForm.initial_for(meeting)),
        "cancel_form": forms.get("cancel_form") or CancelMeetingForm(),
        "add_form": forms.get("add_form") or AddOfficialForm(meeting=meeting),
    }
    return render(request, "liaison/meetings/detail.html", context, status=status)


@login_required
def meeting_detail(request: StaffRequest, reference: str, meeting_id: int) -> HttpResponse:
    case = _case_for_liaison(request, reference)
    return _detail(request, _case_meeting(case, meeting_id))


@login_required
@require_POST
def move(request: StaffRequest, reference: str, meeting_id: int) -> HttpResponse:
    case_meeting = _case_meeting(_case_for_liaison(request, reference), meeting_id)
    form = MeetingTimeForm(request.POST)
    if not form.is_valid():
        return _detail(request, case_meeting, status=400, move_form=form)
    data = form.cleaned_data
    sequence = case_meeting.meeting.sequence
    try:
        meeting = services.move_case_meeting(
            case_meeting,
            actor=request.user,
            start=data["start"],
            end=data["end"],
            place=data["place"],
            online_url=data["online_url"],
        )
    except MeetingError:
        messages.error(request, _("A cancelled meeting, or one that is over, cannot be moved."))
    else:
        if meeting.sequence == sequence:
            messages.info(request, _("Nothing was changed."))
        else:
            told = Invitation.objects.told_of_current_version(meeting).order_by("name")
            names = ", ".join(invitation.name for invitation in told) or _("nobody yet")
            messages.success(
                request, _("The meeting is changed. Sent the update: %(names)s.") % {"names": names}
            )
    return redirect("case-meeting", reference=reference, meeting_id=meeting_id)


@login_required
@require_POST
def cancel(request: StaffRequest, reference: str, meeting_id: int) -> HttpResponse:
    case_meeting = _case_meeting(_case_for_liaison(request, reference), meeting_id)
    form = CancelMeetingForm(request.POST)
    if not form.is_valid():
        return _detail(request, case_meeting, status=400, cancel_form=form)
    services.cancel_case_meeting(case_meeting, actor=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("The meeting is cancelled and everyone invited is told."))
    return redirect("case-meeting", reference=reference, meeting_id=meeting_id)


@login_required
@require_POST
def add_official(request: StaffRequest, reference: str, meeting_id: int) -> HttpResponse:
    case_meeting = _case_meeting(_case_for_liaison(request, reference), meeting_id)
    form = AddOfficialForm(request.POST, meeting=case_meeting.meeting)
    if not form.is_valid():
        return _detail(request, case_meeting, status=400, add_form=form)
    try:
        services.add_official(case_meeting, form.cleaned_data["official"])
    except MeetingError:
        messages.error(request, _("Nobody can be invited to a cancelled or past meeting."))
    else:
        messages.success(request, _("The invitation is sent."))
    return redirect("case-meeting", reference=reference, meeting_id=meeting_id)


@login_required
@require_POST
def remove_invitee(
    request: StaffRequest, reference: str, meeting_id: int, invitation_id: int
) -> HttpResponse:
    case_meeting = _case_meeting(_case_for_liaison(request, reference), meeting_id)
    invitation = get_object_or_404(case_meeting.meeting.invitations, pk=invitation_id)
    services.remove_invitee(case_meeting, invitation)
    messages.success(request, _("%(name)s is taken off the meeting and told so.") % {"name": invitation.name})
    return redirect("case-meeting", reference=reference, meeting_id=meeting_id)
