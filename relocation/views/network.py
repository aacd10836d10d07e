"""The network of employers: the host's list, and the employer's own page behind its link."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from karlshamn_portal.middleware import rate_limited
from karlshamn_portal.signing import InvalidLink
from karlshamn_portal.staff_request import StaffRequest
from liaison import ratelimit
from relocation.access import require_host
from relocation.forms import EmployerInvitationForm, NetworkEmployerForm
from relocation.links import LinkExpired, employer_id_from_token
from relocation.models import NetworkEmployer
from relocation.rows import employer_page_context
from relocation.services.network import (
    add_network_employer,
    invite_partner,
    remove_network_employer,
    send_employer_link,
)
from relocation.views.language import page_language

INVITE_SCOPE = "relocation-invite"


@login_required
def network(request: StaffRequest) -> HttpResponse:
    require_host(request.user)
    form = NetworkEmployerForm()
    if request.method == "POST":
        form = NetworkEmployerForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            employer = add_network_employer(
                data["organisation_number"],
                data["contact_name"],
                data["contact_email"],
                data["contact_language"],
            )
            send_employer_link(employer)
            messages.success(
                request,
                _("%(company)s is in the network; the contact person has their link.")
                % {"company": employer},
            )
            return redirect("relocation-network")
    employers = NetworkEmployer.objects.filter(is_active=True).select_related("company")
    return render(request, "relocation/staff/network.html", {"form": form, "employers": employers})


@login_required
@require_POST
def network_link(request: StaffRequest, employer_id: int) -> HttpResponse:
    require_host(request.user)
    employer = get_object_or_404(
        NetworkEmployer.objects.select_related("company"), pk=employer_id, is_active=True
    )
    send_employer_link(employer)
    messages.success(request, _("A new link is sent to %(name)s.") % {"name": employer.contact_name})
    return redirect("relocation-network")


@login_required
@require_POST
def network_remove(request: StaffRequest, employer_id: int) -> HttpResponse:
    require_host(request.user)
    employer = get_object_or_404(
        NetworkEmployer.objects.select_related("company"), pk=employer_id, is_active=True
    )
    remove_network_employer(employer)
    messages.success(request, _("%(company)s has left the network.") % {"company": employer})
    return redirect("relocation-network")


def _employer(request: HttpRequest, token: str) -> NetworkEmployer | HttpResponse:
    try:
        employer_id = employer_id_from_token(token)
    except InvalidLink as error:
        expired = isinstance(error, LinkExpired)
        context = {"expired": expired, "employer_link": True}
        return render(request, "relocation/public/link_invalid.html", context, status=410 if expired else 404)
    employer = (
        NetworkEmployer.objects.select_related("company").filter(pk=employer_id, is_active=True).first()
    )
    if employer is None:
        return render(
            request, "relocation/public/link_invalid.html", {"left": True, "employer_link": True}, status=410
        )
    return employer


@never_cache
@rate_limited(INVITE_SCOPE)
def employer_page(request: HttpRequest, token: str) -> HttpResponse:
    employer = _employer(request, token)
    if isinstance(employer, HttpResponse):
        return employer
    with translation.override(page_language(request, employer.contact_language)):
        return _employer_page(request, employer, token)


def _employer_page(request: HttpRequest, employer: NetworkEmployer, token: str) -> HttpResponse:
    form = EmployerInvitationForm(initial={"language": "en"})
    if request.method == "POST":
        form = EmployerInvitationForm(request.POST)
        use = ratelimit.try_use_by_client(INVITE_SCOPE, request, settings.SUBMISSIONS_PER_HOUR)
        if not use.allowed:
            return ratelimit.refused(render(request, "429.html", {"retry_at": use.retry_at}, status=429), use)
        if form.is_valid():
            invite_partner(employer, form.cleaned_data)
            messages.success(request, _("The invitation is sent."))
            return redirect("relocation-employer", token=token)
        ratelimit.give_back(use)
    context = {**employer_page_context(employer), "form": form, "token": token}
    return render(request, "relocation/employer/page.html", context)
