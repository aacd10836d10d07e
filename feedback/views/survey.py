"""The survey a closed case's contact answers from the e-mailed link, and the opt-out.

The link is the credential; the page speaks the survey's language unless the visitor chose one.
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from feedback.forms import SurveyForm
from feedback.links import survey_for_token
from feedback.models import Survey, SurveyResponse
from feedback.services.surveys import SurveyClosed, has_opted_out, opt_out_of_surveys, record_answer
from karlshamn_portal.signing import InvalidLink


def _language(request: HttpRequest, survey: Survey) -> str:
    return request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or survey.language


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/link_invalid.html", status=404)


def survey(request: HttpRequest, token: str) -> HttpResponse:
    try:
        survey = survey_for_token(token)
    except InvalidLink:
        return _invalid(request)
    response = SurveyResponse.objects.filter(survey=survey).first()
    with translation.override(_language(request, survey)):
        if request.method == "POST":
            form = SurveyForm(request.POST)
            if form.is_valid():
                try:
                    record_answer(survey, form.cleaned_data)
                except SurveyClosed:
                    return _invalid(request)
                messages.success(
                    request, _("Thank you! Your answer is saved. You can change it until the link expires.")
                )
                return redirect(request.path)
        else:
            form = SurveyForm.for_answer(response)
        context = {"survey": survey, "case": survey.case, "form": form, "answered": response, "token": token}
        return render(request, "feedback/survey.html", context)


def opt_out(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (mail scanners open every link); POST records that no more surveys are wanted."""
    try:
        survey = survey_for_token(token)
    except InvalidLink:
        return _invalid(request)
    with translation.override(_language(request, survey)):
        if request.method == "POST":
            opt_out_of_surveys(survey.email)
            messages.success(request, _("You will get no more satisfaction surveys from us."))
            return redirect(request.path)
        context = {"survey": survey, "opted_out": has_opted_out(survey.email), "token": token}
        return render(request, "feedback/opt_out.html", context)
