"""Pages for companies, no account needed: the request form, the private track page, and the
list of one's own cases behind a sign-in link sent by e-mail."""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from karlshamn_portal.middleware import rate_limited
from karlshamn_portal.signing import InvalidLink
from liaison import ratelimit
from liaison.forms.intake import CaseForm, CompanyMessageForm, ContactEmailForm
from liaison.models import Case
from liaison.models.events import MEETING_KINDS
from liaison.services.intake import Submission, submit_case
from liaison.services.tracking import (
    LinkExpired,
    add_company_message,
    case_for_track_token,
    cases_for_contact,
    company_event_title,
    company_status,
    email_for_sign_in_token,
    make_track_token,
    public_timeline,
    record_company_activity,
    request_case_links,
)
from liaison.timeline import event_summary
from liaison.uploads import attachment_response

logger = logging.getLogger(__name__)

# Pages opened by a private link are marked never_cache so no shared cache or back button keeps
# a copy of a company's case.
SUBMIT_SCOPE = "case-submit"
LINK_SCOPE = "case-links"
MESSAGE_SCOPE = "case-message"
# The reference of the request just sent, for the confirmation page: a signed cookie rather than
# the session, so a company's submission writes no session row.
SUBMITTED_COOKIE = "submitted_case"
CONTACT_EMAIL = "liaison.contact_email"


def _case_form_page(request: HttpRequest, form: CaseForm, status: int = 200, **extra: object) -> HttpResponse:
    context = {"form": form, "first_response_days": settings.FIRST_RESPONSE_WORKING_DAYS, **extra}
    return render(request, "liaison/public/case_form.html", context, status=status)


# Kept out of Django's error reports: a sole trader's number is their personnummer.
@sensitive_post_parameters("organisation_number")
@rate_limited(SUBMIT_SCOPE)
def case_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _case_form_page(request, CaseForm())
    form = CaseForm(request.POST, request.FILES)
    # Nothing from a rejected submission is stored: both checks come before any service call.
    use = ratelimit.try_use_by_client(SUBMIT_SCOPE, request, settings.SUBMISSIONS_PER_HOUR)
    if not use.allowed:
        return ratelimit.refused(_case_form_page(request, form, status=429, retry_at=use.retry_at), use)
    if form.is_spam():
        return _case_form_page(request, form, status=400, rejected=True)
    if not form.is_valid():
        ratelimit.give_back(use)  # only accepted submissions count against the limit
        return _case_form_page(request, form)
    data = form.cleaned_data
    try:
        case = submit_case(
            Submission(
                company_name=data["company_name"],
                organisation_number=data["organisation_number"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
                topic=data["topic"],
                subject=data["subject"],
                description=data["description"],
                language=translation.get_language() or "sv",
                files=data["attachments"],
            )
        )
    except OSError:
        # The disk is full or read-only: the files could not be written, so nothing was stored.
        logger.exception("Could not store the files of a submission")
        ratelimit.give_back(use)
        return _case_form_page(request, form, status=503, storage_failed=True)
    response = redirect("case-sent")
    response.set_signed_cookie(
        SUBMITTED_COOKIE,
        case.reference,
        salt=SUBMITTED_COOKIE,
        max_age=settings.SESSION_COOKIE_AGE,
        path=reverse("case-sent"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def case_sent(request: HttpRequest) -> HttpResponse:
    reference = request.get_signed_cookie(
        SUBMITTED_COOKIE, default=None, salt=SUBMITTED_COOKIE, max_age=settings.SESSION_COOKIE_AGE
    )
    case = (
        Case.objects.filter(reference=reference)
        .only("reference", "contact_email", "first_response_due")
        .first()
    )
    if case is None:
        return redirect("case-new")
    return render(request, "liaison/public/case_sent.html", {"case": case})


def _invalid_link(request: HttpRequest, error: InvalidLink) -> HttpResponse:
    expired = isinstance(error, LinkExpired)
    return render(
        request,
        "liaison/public/link_invalid.html",
        {"expired": expired, "form": ContactEmailForm()},
        status=410 if expired else 404,
    )


@never_cache
@rate_limited(MESSAGE_SCOPE, "COMPANY_MESSAGES_PER_HOUR")
def track(request: HttpRequest, token: str) -> HttpResponse:
    try:
        case = case_for_track_token(token)
    except InvalidLink as error:
        return _invalid_link(request, error)
    form = CompanyMessageForm()
    use = None
    storage_failed = False
    if request.method == "POST":
        form = CompanyMessageForm(request.POST, request.FILES)
        use = ratelimit.try_use_by_client(MESSAGE_SCOPE, request, settings.COMPANY_MESSAGES_PER_HOUR)
        if use.allowed and form.is_valid():
            try:
                add_company_message(case, form.cleaned_data["text"], form.cleaned_data["attachments"])
            except OSError:
                logger.exception("Could not store the files of a company message")
                storage_failed = True
            else:
                messages.success(request, _("Thank you. Your message has been sent to the business liaison."))
                return redirect("track", token=token)
        ratelimit.give_back(use)
    else:
        record_company_activity(case)
    # The title names a status change in the company's words; a meeting's time and place follow it.
    events = [
        (event, company_event_title(event), event_summary(event) if event.kind in MEETING_KINDS else "")
        for event in public_timeline(case)
    ]
    refusal = use if use is not None and not use.allowed else None
    response = render(
        request,
        "liaison/public/track.html",
        {
            "case": case,
            "status": company_status(case.status),
            "events": events,
            "form": form,
            "token": token,
            "retry_at": refusal.retry_at if refusal else None,
            "storage_failed": storage_failed,
        },
        status=429 if refusal else 503 if storage_failed else 200,
    )
    return ratelimit.refused(response, refusal) if refusal else response


@never_cache
def track_attachment(request: HttpRequest, token: str, attachment_id: int) -> HttpResponseBase:
    try:
        case = case_for_track_token(token)
    except InvalidLink as error:
        return _invalid_link(request, error)
    attachment = case.attachments.filter(pk=attachment_id, is_public=True).first()
    if attachment is None:
        raise Http404
    attachment.case = case
    return attachment_response(attachment)


@require_POST
@rate_limited(LINK_SCOPE)
def request_links(request: HttpRequest) -> HttpResponse:
    form = ContactEmailForm(request.POST)
    if not form.is_valid():
        return render(request, "liaison/public/my_cases.html", {"form": form})
    use = ratelimit.try_use_by_client(LINK_SCOPE, request, settings.SUBMISSIONS_PER_HOUR)
    if not use.allowed:
        page = render(
            request, "liaison/public/my_cases.html", {"form": form, "retry_at": use.retry_at}, status=429
        )
        return ratelimit.refused(page, use)
    email = form.cleaned_data["email"]
    per_address = ratelimit.try_use(
        LINK_SCOPE, email, settings.LINK_MAILS_PER_ADDRESS_PER_DAY, window_seconds=ratelimit.DAY
    )
    if not per_address.allowed:
        page = render(
            request, "liaison/public/my_cases.html", {"form": form, "address_limited": True}, status=429
        )
        return ratelimit.refused(page, per_address)
    # The lookup and the e-mail happen in a task, so the answer comes in the same time and is
    # the same whether or not the address is known.
    request_case_links(email, translation.get_language() or "sv")
    messages.success(
        request,
        _(
            "If we have cases submitted with %(email)s, we have sent an e-mail with links to them. "
            "It should arrive within a few minutes."
        )
        % {"email": form.cleaned_data["email"]},
    )
    return redirect("my-cases")


@never_cache
def my_cases(request: HttpRequest) -> HttpResponse:
    email = request.session.get(CONTACT_EMAIL)
    if not email:
        return render(request, "liaison/public/my_cases.html", {"form": ContactEmailForm()})
    cases = [
        (case, reverse("track", args=[make_track_token(case)]), company_status(case.status))
        for case in cases_for_contact(email).select_related("company")
    ]
    return render(request, "liaison/public/my_cases.html", {"email": email, "cases": cases})


@never_cache
def my_cases_sign_in(request: HttpRequest, token: str) -> HttpResponse:
    try:
        email = email_for_sign_in_token(token)
    except InvalidLink as error:
        return _invalid_link(request, error)
    request.session.cycle_key()
    request.session[CONTACT_EMAIL] = email
    return redirect("my-cases")


@require_POST
def my_cases_sign_out(request: HttpRequest) -> HttpResponse:
    request.session.pop(CONTACT_EMAIL, None)
    messages.info(request, _("You have signed out."))
    return redirect("my-cases")
