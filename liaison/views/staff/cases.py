"""The case page and the liaison officer's actions on it.

Every view starts with the access check; a change is a POST handed to a service, followed by
a redirect. A form with errors shows the case page again with the errors at the field.
"""

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, Q
from django.forms import ModelChoiceField
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from karlshamn_portal.roles import is_liaison, liaison_officers, officials
from karlshamn_portal.signing import InvalidLink
from karlshamn_portal.staff_request import StaffRequest
from liaison.access import get_case_for, get_case_for_update, referrals_visible_to
from liaison.forms.staff import (
    AssignForm,
    CloseForm,
    DiariumNumberForm,
    ReferForm,
    StatusForm,
    TextForm,
    TopicForm,
    offer_fetched,
)
from liaison.models import Case, CaseStatus, Department, Referral, Topic
from liaison.services import referrals as referral_services
from liaison.services import triage
from liaison.services.personal_data import reveal_personnummer
from liaison.staff_links import read_staff_link
from liaison.timeline import timeline_entries
from liaison.views.staff.attachments import attachment_rows
from liaison.working_days import local_today

TEXT_FORMS = {
    "reply": (gettext_lazy("Reply to the company"), True),
    "note": (gettext_lazy("Internal note"), True),
    "close": (gettext_lazy("Summary of what was done (sent to the company)"), True),
}


def _text_form(name: str, data: Any = None) -> TextForm:
    label, required = TEXT_FORMS[name]
    return TextForm(data, prefix=name, label=str(label), required=required)


def _close_form(data: Any = None) -> CloseForm:
    label, required = TEXT_FORMS["close"]
    return CloseForm(data, prefix="close", label=str(label), required=required)


def _case_page_choices(case: Case) -> tuple[list[Any], list[User], list[User]]:
    """The departments (active ones, and the topic's even if inactive, flagged `in_topic`), the
    officials and the liaison officers the case page offers: a query for each, whatever their
    number."""
    in_topic = Exists(
        Topic.departments.through.objects.filter(topic_id=case.topic_id or 0, department_id=OuterRef("pk"))
    )
    departments = list(
        Department.objects.annotate(in_topic=in_topic).filter(Q(is_active=True) | Q(in_topic=True))
    )
    return departments, list(officials()), list(liaison_officers())


def _diarium_form(case: Case) -> DiariumNumberForm:
    return DiariumNumberForm(initial={"diarium_number": case.diarium_number}, prefix="diarium")


def _liaison_forms(case: Case, referrals: list[Referral]) -> dict[str, Any]:
    departments, official_choices, liaison_choices = _case_page_choices(case)
    suggested_departments = [d for d in departments if getattr(d, "in_topic", False)] if case.topic else []
    # The topic's departments are ticked unless the case already went to them (whatever came
    # of it: done, declined or still open).
    referred = {referral.department_id for referral in referrals}
    assign_form = AssignForm(initial={"owner": case.owner_id}, prefix="assign")
    refer_form = ReferForm(
        initial={"departments": [d.pk for d in suggested_departments if d.pk not in referred]}, prefix="refer"
    )
    offer_fetched(cast(ModelChoiceField, assign_form.fields["owner"]), liaison_choices)
    offer_fetched(
        cast(ModelChoiceField, refer_form.fields["departments"]), [d for d in departments if d.is_active]
    )
    offer_fetched(cast(ModelChoiceField, refer_form.fields["official"]), official_choices)
    return {
        "topic_form": TopicForm(initial={"topic": case.topic_id}, prefix="topic"),
        "assign_form": assign_form,
        "status_form": StatusForm(case=case, prefix="status"),
        "diarium_form": _diarium_form(case),
        "refer_form": refer_form,
        "reply_form": _text_form("reply"),
        "note_form": _text_form("note"),
        "close_form": _close_form(),
        "suggested_departments": suggested_departments,
    }


def _render_case(
    request: StaffRequest, case: Case, bound: dict[str, forms.Form] | None = None, full_number: str = ""
) -> HttpResponse:
    today = local_today(timezone.now())
    referrals = list(case.referrals.select_related("department", "official").with_overdue_flag(today))
    context: dict[str, Any] = {
        "case": case,
        "is_overdue": case.is_first_response_overdue(today),
        "referrals": referrals,
        "timeline": timeline_entries(case.events.select_related("actor", "referral__department")),
        "can_close": case.can_move_to(CaseStatus.CLOSED),
        "attachments": attachment_rows(case),
        "can_reveal_number": is_liaison(request.user) and case.company.is_sole_trader,
        "full_number": full_number,
    }
    if is_liaison(request.user):
        if case.anonymised_at is None:
            context.update(_liaison_forms(case, referrals))
        else:
            context["diarium_form"] = _diarium_form(case)
        context["openable_referral_ids"] = {referral.pk for referral in referrals}
    else:
        # Another department's referral is named on the page but not linked: its page would
        # only answer 403. So is one's own department's declined one.
        openable = referrals_visible_to(request.user).filter(case=case).values_list("pk", flat=True)
        context["openable_referral_ids"] = set(openable)
    context.update(bound or {})
    return render(request, "liaison/staff/case_detail.html", context)


# The case whose personnummer the liaison officer just asked to see: shown on the next view of
# the page only. The session keeps the case id, never the number.
REVEALED_CASE = "liaison.revealed_personnummer"


@login_required
def case_detail(request: StaffRequest, reference: str) -> HttpResponse:
    case = get_case_for(request.user, reference)
    full_number = ""
    if request.session.get(REVEALED_CASE) == case.pk and is_liaison(request.user):
        del request.session[REVEALED_CASE]
        full_number = case.company.organisation_number
    return _render_case(request, case, full_number=full_number)


@require_POST
@login_required
def case_reveal_number(request: StaffRequest, reference: str) -> HttpResponse:
    """A deliberate request to see a sole trader's full personnummer, recorded before it is shown."""
    case = get_case_for_update(request.user, reference)
    reveal_personnummer(case, request.user)
    request.session[REVEALED_CASE] = case.pk
    return redirect(reverse("case-detail", args=[case.reference]) + "#company")


def _case_action(
    form_name: str,
    build: Callable[[StaffRequest, Case], forms.Form],
    act: Callable[[StaffRequest, Case, dict], str],
) -> Callable[[StaffRequest, str], HttpResponse]:
    """A POST-only view: check access, validate the form, call the service, redirect to the case."""

    @require_POST
    @login_required
    def view(request: StaffRequest, reference: str) -> HttpResponse:
        case = get_case_for_update(request.user, reference)
        form = build(request, case)
        if not form.is_valid():
            return _render_case(request, case, {form_name: form})
        try:
            message = act(request, case, form.cleaned_data)
        except triage.CaseAnonymised:
            messages.error(
                request, _("The case is anonymised by the retention plan; nothing new is added to it.")
            )
        except (triage.TransitionNotAllowed, referral_services.ReferralNotAllowed):
            messages.error(request, _("That change is not possible in the case's current status."))
        else:
            messages.success(request, message)
        return redirect("case-detail", reference=case.reference)

    return view


def _set_topic(request: StaffRequest, case: Case, data: dict) -> str:
    triage.set_topic(case, data["topic"], request.user)
    return _("Topic saved.")


def _assign(request: StaffRequest, case: Case, data: dict) -> str:
    owner = request.user if request.POST.get("assign-to-me") else data["owner"]
    triage.assign_case(case, owner, request.user)
    return _("Liaison officer saved.")


def _change_status(request: StaffRequest, case: Case, data: dict) -> str:
    triage.change_status(case, data["status"], request.user)
    return _("Status changed.")


def _set_diarium_number(request: StaffRequest, case: Case, data: dict) -> str:
    triage.set_diarium_number(case, data["diarium_number"], request.user)
    return _("Diarium number saved.")


def _refer(request: StaffRequest, case: Case, data: dict) -> str:
    created = referral_services.route_case(
        case, data["departments"], request.user, official=data["official"], message=data["message"]
    )
    if not created:
        return _("The chosen departments already have the case.")
    return _("Referred to %s.") % ", ".join(str(referral.department) for referral in created)


def _reply(request: StaffRequest, case: Case, data: dict) -> str:
    triage.reply_to_company(case, data["text"], request.user)
    return _("Reply sent to the company.")


def _note(request: StaffRequest, case: Case, data: dict) -> str:
    triage.add_internal_note(case, data["text"], request.user)
    return _("Internal note saved.")


def _close(request: StaffRequest, case: Case, data: dict) -> str:
    triage.close_case(case, data["text"], request.user, outcome=data["outcome"])
    return _("Case closed; the company has been told.")


case_set_topic = _case_action("topic_form", lambda r, c: TopicForm(r.POST, prefix="topic"), _set_topic)
case_assign = _case_action("assign_form", lambda r, c: AssignForm(r.POST, prefix="assign"), _assign)
case_change_status = _case_action(
    "status_form", lambda r, c: StatusForm(r.POST, case=c, prefix="status"), _change_status
)
case_set_diarium_number = _case_action(
    "diarium_form", lambda r, c: DiariumNumberForm(r.POST, prefix="diarium"), _set_diarium_number
)
case_refer = _case_action("refer_form", lambda r, c: ReferForm(r.POST, prefix="refer"), _refer)
case_reply = _case_action("reply_form", lambda r, c: _text_form("reply", r.POST), _reply)
case_note = _case_action("note_form", lambda r, c: _text_form("note", r.POST), _note)
case_close = _case_action("close_form", lambda r, c: _close_form(r.POST), _close)


@login_required
def staff_link(request: StaffRequest, token: str) -> HttpResponse:
    """Opens the case page from a staff e-mail; the case page checks access as always."""
    try:
        target = read_staff_link(token)
    except InvalidLink:
        raise Http404 from None
    return redirect(target)
