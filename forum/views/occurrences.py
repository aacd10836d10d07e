"""Liaison pages for one forum meeting: answers, cancel, move, agenda, attendance, minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from forum.access import get_occurrence_for
from forum.forms import CancelOccurrenceForm, MinutesForm, MoveOccurrenceForm
from forum.models import AgendaItemStatus, MinutesMailing, Occurrence
from forum.services.agenda import (
    decide_agenda_item,
    move_agenda_item,
    publish_agenda,
    publish_minutes,
    record_attendance,
)
from forum.services.occurrences import OccurrenceError, cancel_occurrence, move_occurrence
from karlshamn_portal.numbers import parse_id
from karlshamn_portal.staff_request import StaffRequest
from meetings.models import Invitation


def _page(request: StaffRequest, occurrence: Occurrence, **forms: object) -> HttpResponse:
    meeting = occurrence.meeting
    start = timezone.localtime(meeting.start)
    context = {
        "occurrence": occurrence,
        "series": occurrence.series,
        "meeting": meeting,
        "invitations": meeting.invitations.select_related("forum_waiting").order_by("name"),
        "attended": set(occurrence.attended.values_list("pk", flat=True)),
        # The agenda as it stands first, in its order; then the proposals waiting for a decision.
        "items": sorted(
            occurrence.agenda_items.select_related("subscriber"),
            key=lambda item: (item.status != AgendaItemStatus.ACCEPTED, item.status, item.position, item.pk),
        ),
        "is_over": meeting.end <= timezone.now(),
        "cancel_form": forms.get("cancel_form") or CancelOccurrenceForm(),
        "move_form": forms.get("move_form")
        or MoveOccurrenceForm(
            initial={
                "date": start.date(),
                "start_time": start.strftime("%H:%M"),
                "duration_minutes": int((meeting.end - meeting.start).total_seconds() // 60),
                "place": meeting.place,
            }
        ),
        "minutes_form": forms.get("minutes_form") or MinutesForm(initial={"minutes": occurrence.minutes}),
        "mailing": MinutesMailing.objects.filter(occurrence=occurrence).first(),
    }
    return render(request, "forum/manage/occurrence_detail.html", context, status=400 if forms else 200)


@login_required
def occurrence_detail(request: StaffRequest, slug: str, pk: int) -> HttpResponse:
    return _page(request, get_occurrence_for(request.user, slug, pk))


@login_required
@require_POST
def occurrence_cancel(request: StaffRequest, slug: str, pk: int) -> HttpResponse:
    occurrence = get_occurrence_for(request.user, slug, pk)
    form = CancelOccurrenceForm(request.POST)
    if not form.is_valid():
        return _page(request, occurrence, cancel_form=form)
    try:
        cancel_occurrence(occurrence, form.cleaned_data["reason"])
    except OccurrenceError:
        messages.error(request, _("This meeting can no longer be cancelled."))
    else:
        messages.success(request, _("The meeting was cancelled; the invitees have been told."))
    return redirect("forum:series-detail", slug)


@login_required
@require_POST
def occurrence_move(request: StaffRequest, slug: str, pk: int) -> HttpResponse:
    occurrence = get_occurrence_for(request.user, slug, pk)
    form = MoveOccurrenceForm(request.POST)
    if not form.is_valid():
        return _page(request, occurrence, move_form=form)
    data = form.cleaned_data
    try:
        move_occurrence(
            occurrence, data["start"], data["end"], place=data["place"] or occurrence.meeting.place
        )
    except OccurrenceError:
        messages.error(request, _("This meeting can no longer be moved."))
    else:
        meeting = occurrence.meeting
        meeting.refresh_from_db()
        told = Invitation.objects.told_of_current_version(meeting).count()
        messages.success(
            request,
            ngettext(
                "The meeting was moved; %(count)d invitee, those who had declined included, was sent an update.",
                "The meeting was moved; %(count)d invitees, those who had declined included, were sent an update.",
                told,
            )
            % {"count": told},
        )
    return redirect("forum:occurrence-detail", slug, pk)


@login_required
@require_POST
def agenda_item_decide(request: StaffRequest, slug: str, pk: int, item_id: int) -> HttpResponse:
    occurrence = get_occurrence_for(request.user, slug, pk)
    item = get_object_or_404(occurrence.agenda_items, pk=item_id)
    action = request.POST.get("action", "")
    if action in ("up", "down"):
        move_agenda_item(item, -1 if action == "up" else 1)
    elif action in (AgendaItemStatus.ACCEPTED, AgendaItemStatus.REJECTED):
        decide_agenda_item(item, action)
    return redirect(f"{occurrence_url(slug, pk)}#agenda")


@login_required
@require_POST
def agenda_publish(request: StaffRequest, slug: str, pk: int) -> HttpResponse:
    occurrence = get_occurrence_for(request.user, slug, pk)
    publish_agenda(occurrence)
    messages.success(request, _("The agenda is published; it goes out with the last reminder."))
    return redirect(f"{occurrence_url(slug, pk)}#agenda")


@login_required
@require_POST
def attendance_record(request: StaffRequest, slug: str, pk: int) -> HttpResponse:
    occurrence = get_occurrence_for(request.user, slug, pk)
    ids = [found for value in request.POST.getlist("attended") if (found := parse_id(value)) is not None]
    record_attendance(occurrence, ids)
    messages.success(request, _("Attendance saved."))
    return redirect(f"{occurrence_url(slug, pk)}#attendance")


@login_required
@require_POST
def minutes_publish(request: StaffRequest, slug: str, pk: int) -> HttpResponse:
    occurrence = get_occurrence_for(request.user, slug, pk)
    form = MinutesForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, occurrence, minutes_form=form)
    mailing = publish_minutes(occurrence, form.cleaned_data["minutes"], form.cleaned_data["file"])
    if mailing is None:
        messages.success(request, _("The corrected minutes are published; subscribers were told before."))
    else:
        messages.success(request, _("The minutes are published; the subscribers are being told."))
    return redirect(f"{occurrence_url(slug, pk)}#minutes")


@login_required
def minutes_progress(request: StaffRequest, slug: str, pk: int) -> HttpResponse:
    """How far telling the subscribers has got: polled by the minutes section (htmx) until done."""
    occurrence = get_occurrence_for(request.user, slug, pk)
    mailing = MinutesMailing.objects.filter(occurrence=occurrence).first()
    return render(
        request, "forum/manage/includes/minutes_progress.html", {"mailing": mailing, "occurrence": occurrence}
    )


def occurrence_url(slug: str, pk: int) -> str:
    from django.urls import reverse

    return reverse("forum:occurrence-detail", args=[slug, pk])
