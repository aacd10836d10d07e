"""Visits: the list, planning one, its page, moving or cancelling it, recording it and the
follow-up e-mail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from companies.access import get_company_for, get_visit_for, get_visit_for_update, register_required
from companies.forms.visits import (
    FollowUpEmailForm,
    FollowUpForm,
    MoveVisitForm,
    PlanVisitForm,
    RecordVisitForm,
)
from companies.models import Visit, VisitStatus
from companies.services.follow_ups import (
    FollowUpError,
    add_follow_up,
    follow_up_email_context,
    send_follow_up_email,
)
from companies.services.register import add_contact
from companies.services.visits import VisitError, cancel_visit, move_visit, plan_visit, record_visit
from karlshamn_portal.numbers import parse_id
from karlshamn_portal.roles import can_use_register
from karlshamn_portal.staff_request import StaffRequest
from liaison.forms.meetings import CancelMeetingForm
from liaison.working_days import local_today
from meetings.models import Invitation

LISTED = 100


@register_required
def visit_list(request: StaffRequest) -> HttpResponse:
    visits = Visit.objects.with_meeting().order_by("-meeting__start", "-id")
    if request.GET.get("not_followed_up"):
        visits = visits.not_followed_up()
    context = {"visits": list(visits[:LISTED]), "not_followed_up": bool(request.GET.get("not_followed_up"))}
    return render(request, "companies/visit_list.html", context)


@register_required
def visit_new(request: StaffRequest) -> HttpResponse:
    raw = request.POST.get("company") or request.GET.get("company") or ""
    pk = parse_id(raw)
    if pk is None:
        raise Http404
    company = get_company_for(request.user, pk)
    form = PlanVisitForm(request.POST or None, company=company)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        contact = data["contact"]
        if data["new_contact_name"]:
            contact = add_contact(
                company, name=data["new_contact_name"].strip(), email=data["new_contact_email"]
            )
        visit = plan_visit(
            company,
            planned_by=request.user,
            start=data["start"],
            end=data["end"],
            place=data["place"],
            purpose=data["purpose"],
            contact=contact,
            staff=list(data["staff"]),
            guests=data["guests"],
        )
        messages.success(request, _("The visit is planned and the invitations are on their way."))
        return redirect("companies:visit", visit.pk)
    status = 400 if form.is_bound else 200
    return render(request, "companies/visit_new.html", {"company": company, "form": form}, status=status)


def _visit_page(request: StaffRequest, visit: Visit, **forms: object) -> HttpResponse:
    staff = can_use_register(request.user)
    now = timezone.now()
    follow_ups = list(visit.follow_ups.select_related("owner_user", "owner_department", "case"))
    context = {
        "visit": visit,
        "meeting": visit.meeting,
        "invitations": list(visit.meeting.invitations.all()),
        "follow_ups": follow_ups,
        "today": local_today(now),
        # Officials invited to the visit cannot move or cancel it.
        "can_move": staff and visit.can_be_moved(now),
        # Officials invited to the visit read it, never its internal notes.
        "show_internal": staff,
        "record_form": forms.get("record_form") or RecordVisitForm(),
        "follow_up_form": forms.get("follow_up_form") or FollowUpForm(),
        "move_form": forms.get("move_form") or MoveVisitForm(meeting=visit.meeting),
        "cancel_form": forms.get("cancel_form") or CancelMeetingForm(),
    }
    return render(request, "companies/visit.html", context, status=400 if forms else 200)


@login_required
def visit_detail(request: StaffRequest, pk: int) -> HttpResponse:
    return _visit_page(request, get_visit_for(request.user, pk))


@register_required
@require_POST
def visit_record(request: StaffRequest, pk: int) -> HttpResponse:
    visit = get_visit_for_update(request.user, pk)
    form = RecordVisitForm(request.POST)
    if not form.is_valid():
        return _visit_page(request, visit, record_form=form)
    data = form.cleaned_data
    try:
        if data["held"]:
            record_visit(
                visit,
                recorded_by=request.user,
                what_works=data["what_works"],
                what_does_not_work=data["what_does_not_work"],
                plans=data["plans"],
                worries=data["worries"],
                flags=data["flags"],
                focus_areas=data["focus_areas"],
                internal_notes=data["internal_notes"],
            )
        else:
            cancel_visit(visit, recorded_by=request.user, reason=data["cancel_reason"])
    except VisitError:
        messages.error(request, _("This visit is already recorded."))
    return redirect("companies:visit", visit.pk)


def _cannot_change(request: StaffRequest, visit: Visit) -> HttpResponse:
    """Why a visit cannot be moved or cancelled any more, in words the business developer can act on."""
    visit.refresh_from_db(fields=["status"])
    if visit.status == VisitStatus.HELD:
        reason = _("This visit is already recorded as held: it can no longer be moved or cancelled.")
    elif visit.status == VisitStatus.CANCELLED:
        reason = _("This visit is already cancelled.")
    else:
        reason = _("The time of this visit has passed: record whether it was held instead.")
    messages.error(request, reason)
    return redirect("companies:visit", visit.pk)


@register_required
@require_POST
def visit_move(request: StaffRequest, pk: int) -> HttpResponse:
    visit = get_visit_for_update(request.user, pk)
    if not visit.can_be_moved(timezone.now()):
        return _cannot_change(request, visit)
    form = MoveVisitForm(request.POST, meeting=visit.meeting)
    if not form.is_valid():
        return _visit_page(request, visit, move_form=form)
    data = form.cleaned_data
    sequence = visit.meeting.sequence
    try:
        meeting = move_visit(visit, start=data["start"], end=data["end"], place=data["place"])
    except VisitError:
        return _cannot_change(request, visit)
    if meeting.sequence == sequence:
        messages.info(request, _("Nothing was changed."))
    else:
        told = Invitation.objects.told_of_current_version(meeting).order_by("name")
        names = ", ".join(invitation.name for invitation in told) or _("nobody yet")
        messages.success(request, _("The visit is moved. Sent the update: %(names)s.") % {"names": names})
    return redirect("companies:visit", visit.pk)


@register_required
@require_POST
def visit_cancel(request: StaffRequest, pk: int) -> HttpResponse:
    visit = get_visit_for_update(request.user, pk)
    if not visit.can_be_moved(timezone.now()):
        return _cannot_change(request, visit)
    form = CancelMeetingForm(request.POST)
    if not form.is_valid():
        return _visit_page(request, visit, cancel_form=form)
    try:
        cancel_visit(visit, recorded_by=request.user, reason=form.cleaned_data["reason"])
    except VisitError:
        return _cannot_change(request, visit)
    messages.success(request, _("The visit is cancelled and everyone invited is told."))
    return redirect("companies:visit", visit.pk)


def _email_form(visit: Visit, data: object = None) -> FollowUpEmailForm:
    follow_ups = visit.follow_ups.all()
    return FollowUpEmailForm(
        data, follow_ups=follow_ups, initial={"follow_ups": follow_ups.filter(tell_company=True)}
    )


@register_required
def visit_email(request: StaffRequest, pk: int) -> HttpResponse:
    """The follow-up e-mail: choose what to tell, preview it, then send it."""
    visit = get_visit_for_update(request.user, pk)
    form = _email_form(visit, request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["follow_ups"])
        if request.POST.get("send"):
            try:
                send_follow_up_email(visit, chosen)
            except FollowUpError:
                messages.error(
                    request,
                    _(
                        "The e-mail cannot be sent: it went out already, or the visit has no company contact with an e-mail address."
                    ),
                )
                return redirect("companies:visit", visit.pk)
            messages.success(request, _("The follow-up e-mail is on its way to the company."))
            return redirect("companies:visit", visit.pk)
    else:
        chosen = list(visit.follow_ups.filter(tell_company=True))
    preview = render_to_string("emails/visit_follow_up/body.txt", follow_up_email_context(visit, chosen))
    context = {
        "visit": visit,
        "form": form,
        "preview": preview,
        "can_send": visit.status == VisitStatus.HELD
        and not visit.followed_up_at
        and bool(visit.contact and visit.contact.email),
    }
    return render(request, "companies/visit_email.html", context)


@register_required
@require_POST
def follow_up_add(request: StaffRequest, pk: int) -> HttpResponse:
    visit = get_visit_for_update(request.user, pk)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return _visit_page(request, visit, follow_up_form=form)
    add_follow_up(visit, **form.cleaned_data)
    messages.success(request, _("The follow-up is added."))
    return redirect(reverse("companies:visit", args=[visit.pk]) + "#follow-ups")
