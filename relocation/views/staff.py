"""The host's queue and partner page, and the signed links of the staff e-mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from karlshamn_portal.signing import InvalidLink
from karlshamn_portal.staff_request import StaffRequest
from liaison.services.referrals import ReferralNotAllowed
from liaison.working_days import local_today
from relocation.access import get_partner_for, require_host
from relocation.forms import ContactForm, HostForm, IntroduceForm, NoteForm, ReferForm, StatusForm
from relocation.links import read_staff_link
from relocation.models import Partner, PartnerStatus
from relocation.rows import timeline
from relocation.services.hosting import (
    PartnerChangeNotAllowed,
    add_partner_note,
    assign_host,
    change_partner_status,
    record_contact,
)
from relocation.services.network import IntroductionNotAllowed, PartnerClosed, introduce_partner
from relocation.services.referrals import refer_partner

ALL = "all"


@login_required
def queue(request: StaffRequest) -> HttpResponse:
    require_host(request.user)
    today = local_today(timezone.now())
    status = request.GET.get("status", "open")
    partners = Partner.objects.queue_order(today).select_related("host")
    if status in PartnerStatus.values:
        partners = partners.filter(status=status)
    elif status != ALL:
        status = "open"
        partners = partners.open()
    context = {
        "partners": partners[:200],
        "status": status,
        "statuses": PartnerStatus.choices,
        "overdue_count": Partner.objects.overdue(today).count(),
    }
    return render(request, "relocation/staff/queue.html", context)


def _partner_page(request: StaffRequest, partner: Partner, **forms: object) -> HttpResponse:
    context = {
        "partner": partner,
        "timeline": timeline(partner),
        "referrals": partner.referrals.select_related("department", "official"),
        "introductions": partner.introductions.select_related("employer__company"),
        "today": local_today(timezone.now()),
        "host_form": HostForm(initial={"host": partner.host_id}, prefix="host"),
        "status_form": StatusForm(initial={"status": partner.status}, prefix="status"),
        "contact_form": ContactForm(prefix="contact"),
        "note_form": NoteForm(prefix="note"),
        "refer_form": ReferForm(prefix="refer"),
        "introduce_form": IntroduceForm(partner=partner, prefix="introduce"),
        **forms,
    }
    return render(request, "relocation/staff/partner.html", context)


@login_required
def partner_detail(request: StaffRequest, reference: str) -> HttpResponse:
    return _partner_page(request, get_partner_for(request.user, reference))


@login_required
@require_POST
def partner_host(request: StaffRequest, reference: str) -> HttpResponse:
    partner = get_partner_for(request.user, reference)
    form = HostForm(request.POST, prefix="host")
    if not form.is_valid():
        return _partner_page(request, partner, host_form=form)
    assign_host(partner, form.cleaned_data["host"], request.user)
    messages.success(request, _("The host is saved."))
    return redirect("relocation-partner-detail", reference=reference)


@login_required
@require_POST
def partner_status(request: StaffRequest, reference: str) -> HttpResponse:
    partner = get_partner_for(request.user, reference)
    form = StatusForm(request.POST, prefix="status")
    if not form.is_valid():
        return _partner_page(request, partner, status_form=form)
    try:
        change_partner_status(partner, form.cleaned_data["status"], request.user)
    except PartnerChangeNotAllowed:
        messages.error(request, _("The partner cannot move to that status from where they are."))
    else:
        messages.success(request, _("The status is saved."))
    return redirect("relocation-partner-detail", reference=reference)


@login_required
@require_POST
def partner_contact(request: StaffRequest, reference: str) -> HttpResponse:
    partner = get_partner_for(request.user, reference)
    form = ContactForm(request.POST, prefix="contact")
    if not form.is_valid():
        return _partner_page(request, partner, contact_form=form)
    record_contact(partner, request.user, form.cleaned_data["way"], form.cleaned_data["text"])
    messages.success(request, _("The contact is on the timeline."))
    return redirect("relocation-partner-detail", reference=reference)


@login_required
@require_POST
def partner_note(request: StaffRequest, reference: str) -> HttpResponse:
    partner = get_partner_for(request.user, reference)
    form = NoteForm(request.POST, prefix="note")
    if not form.is_valid():
        return _partner_page(request, partner, note_form=form)
    add_partner_note(partner, request.user, form.cleaned_data["text"])
    messages.success(request, _("The note is on the timeline."))
    return redirect("relocation-partner-detail", reference=reference)


@login_required
@require_POST
def partner_refer(request: StaffRequest, reference: str) -> HttpResponse:
    partner = get_partner_for(request.user, reference)
    form = ReferForm(request.POST, prefix="refer")
    if not form.is_valid():
        return _partner_page(request, partner, refer_form=form)
    data = form.cleaned_data
    try:
        refer_partner(partner, data["department"], data["need"], data["message"], request.user)
    except ReferralNotAllowed:
        messages.error(request, _("A closed partner cannot be referred; reopen first."))
    else:
        messages.success(
            request, _("The referral is sent to %(department)s.") % {"department": data["department"]}
        )
    return redirect("relocation-partner-detail", reference=reference)


@login_required
@require_POST
def partner_introduce(request: StaffRequest, reference: str) -> HttpResponse:
    partner = get_partner_for(request.user, reference)
    form = IntroduceForm(request.POST, partner=partner, prefix="introduce")
    if not form.is_valid():
        return _partner_page(request, partner, introduce_form=form)
    try:
        introduce_partner(partner, form.cleaned_data["employer"], request.user, form.cleaned_data["message"])
    except PartnerClosed:
        messages.error(request, _("A closed partner cannot be introduced; reopen first."))
    except IntroductionNotAllowed:
        messages.error(request, _("The partner is already introduced to this employer."))
    else:
        messages.success(request, _("The partner is asked whether they accept the contact."))
    return redirect("relocation-partner-detail", reference=reference)


@login_required
def staff_link(request: StaffRequest, token: str) -> HttpResponse:
    """A link in a staff e-mail leads on to the page, which checks access itself."""
    try:
        page, object_id = read_staff_link(token)
    except InvalidLink:
        return render(request, "relocation/staff/link_invalid.html", status=404)
    if page == "referral":
        return redirect("relocation-referral", referral_id=object_id)
    partner = Partner.objects.filter(pk=object_id).only("reference").first() if page == "partner" else None
    if partner is None:
        return redirect("relocation-queue")
    return redirect("relocation-partner-detail", reference=partner.reference)
