"""The partner's pages, no account needed: the public form /medflyttare/ and their own page
behind a private link, where they see and change everything stored, answer introductions,
withdraw a consent or delete everything."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from karlshamn_portal.middleware import rate_limited
from karlshamn_portal.signing import InvalidLink
from liaison import ratelimit
from relocation.forms import PartnerForm, PublicPartnerForm
from relocation.links import LinkExpired, PartnerGone, partner_from_token
from relocation.models import Partner
from relocation.rows import partner_page_context
from relocation.services.contacts import end_contact
from relocation.services.network import answer_introduction
from relocation.services.partners import (
    CONSENTS,
    PROFILE_FIELDS,
    register_partner,
    set_consent,
    update_partner,
)
from relocation.services.retention import delete_partner
from relocation.views.language import page_language

SUBMIT_SCOPE = "relocation-submit"
PARTNER_SCOPE = "relocation-partner"


def _form_page(request: HttpRequest, form: PartnerForm, status: int = 200, **extra: object) -> HttpResponse:
    context = {
        "form": form,
        "first_contact_days": settings.RELOCATION_FIRST_CONTACT_WORKING_DAYS,
        "retention_days": settings.RETENTION_PLAN["relocation_profiles"],
        **extra,
    }
    return render(request, "relocation/public/form.html", context, status=status)


def _details(form: PartnerForm) -> dict[str, object]:
    return {name: form.cleaned_data[name] for name in (*PROFILE_FIELDS, *CONSENTS)}


@rate_limited(SUBMIT_SCOPE)
def partner_form(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        language = translation.get_language() or "sv"
        return _form_page(request, PublicPartnerForm(initial={"language": language[:2]}))
    form = PublicPartnerForm(request.POST)
    use = ratelimit.try_use_by_client(SUBMIT_SCOPE, request, settings.SUBMISSIONS_PER_HOUR)
    if not use.allowed:
        return ratelimit.refused(_form_page(request, form, status=429, retry_at=use.retry_at), use)
    if form.is_spam():
        return _form_page(request, form, status=400, rejected=True)
    if not form.is_valid():
        ratelimit.give_back(use)
        return _form_page(request, form)
    register_partner(_details(form))
    # The same answer whether the address was new or already in the service: the page never
    # tells who uses the service.
    return redirect("relocation-form-sent")


def partner_form_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "relocation/public/sent.html")


def partner_deleted(request: HttpRequest) -> HttpResponse:
    # The partner's language comes along from the deleting page: nothing else is left to ask.
    chosen = request.GET.get("language", "")
    if chosen not in dict(settings.LANGUAGES):
        return render(request, "relocation/public/deleted.html")
    with translation.override(page_language(request, chosen)):
        return render(request, "relocation/public/deleted.html")


def _invalid_link(request: HttpRequest, error: InvalidLink) -> HttpResponse:
    if isinstance(error, PartnerGone):
        return render(request, "relocation/public/gone.html", status=410)
    expired = isinstance(error, LinkExpired)
    return render(
        request, "relocation/public/link_invalid.html", {"expired": expired}, status=410 if expired else 404
    )


def _partner(request: HttpRequest, token: str) -> Partner | HttpResponse:
    # The link is checked before the method, so any broken link gets its page.
    try:
        return partner_from_token(token)
    except InvalidLink as error:
        return _invalid_link(request, error)


def in_partners_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Open the partner behind the link, then run the view in their language (page_language)."""

    @wraps(view)
    def wrapped(request: HttpRequest, token: str, **kwargs: Any) -> HttpResponse:
        partner = _partner(request, token)
        if isinstance(partner, HttpResponse):
            return partner
        with translation.override(page_language(request, partner.language)):
            return view(request, partner, token, **kwargs)

    return wrapped


@never_cache
@rate_limited(PARTNER_SCOPE, "COMPANY_MESSAGES_PER_HOUR")
@in_partners_language
def partner_page(request: HttpRequest, partner: Partner, token: str) -> HttpResponse:
    if request.method == "POST":
        form = PartnerForm(request.POST, partner_id=partner.pk)
        use = ratelimit.try_use_by_client(PARTNER_SCOPE, request, settings.COMPANY_MESSAGES_PER_HOUR)
        if not use.allowed:
            return ratelimit.refused(render(request, "429.html", {"retry_at": use.retry_at}, status=429), use)
        if form.is_valid():
            update_partner(partner, _details(form))
            messages.success(request, _("Thank you. Your profile is saved."))
            return redirect("relocation-partner", token=token)
        ratelimit.give_back(use)
    else:
        form = PartnerForm(initial={name: getattr(partner, name) for name in (*PROFILE_FIELDS, *CONSENTS)})
    return render(request, "relocation/public/partner.html", partner_page_context(partner, form, token))


@never_cache
@in_partners_language
def partner_consent(request: HttpRequest, partner: Partner, token: str) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    consent, given = request.POST.get("consent", ""), request.POST.get("given") == "1"
    if consent not in CONSENTS:
        messages.error(request, _("Choose which consent to change."))
        return redirect("relocation-partner", token=token)
    set_consent(partner, consent, given)
    if given:
        messages.success(request, _("Thank you. Your consent is saved."))
    else:
        messages.success(request, _("Your consent is withdrawn."))
    return redirect("relocation-partner", token=token)


@never_cache
@in_partners_language
def partner_introduction(
    request: HttpRequest, partner: Partner, token: str, introduction_id: int
) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    introduction = partner.introductions.filter(pk=introduction_id).first()
    if introduction is None:
        raise Http404
    answer = request.POST.get("answer")
    if answer == "end":
        if end_contact(introduction):
            messages.success(request, _("The contact is ended. The employer no longer sees your profile."))
        else:
            messages.error(request, _("Only an accepted contact can be ended."))
        return redirect("relocation-partner", token=token)
    accepted = answer == "accept"
    if not answer_introduction(introduction, accepted):
        messages.error(request, _("This contact request is already answered."))
    elif accepted:
        messages.success(request, _("You accepted. The employer now sees your profile and how to reach you."))
    else:
        messages.success(request, _("You declined. The employer does not see your contact details."))
    return redirect("relocation-partner", token=token)


@never_cache
@in_partners_language
def partner_delete(request: HttpRequest, partner: Partner, token: str) -> HttpResponse:
    """GET asks for confirmation; POST deletes everything at once."""
    if request.method == "POST":
        delete_partner(partner.pk, on_request=True)
        language = urlencode({"language": translation.get_language()})
        return redirect(f"{reverse('relocation-deleted')}?{language}")
    return render(request, "relocation/public/delete.html", {"partner": partner, "token": token})
