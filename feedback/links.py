"""The survey's signed link: valid SURVEY_DAYS from the day the survey was sent, for one survey
of one case only."""

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from feedback.models import Survey
from karlshamn_portal.signing import InvalidLink, make_token, read_token

PURPOSE = "feedback.survey"
SURVEY_DAYS = 60
VALIDITY = timedelta(days=SURVEY_DAYS)


def survey_token(survey: Survey) -> str:
    return make_token(PURPOSE, {"survey": survey.pk, "case": survey.case_id})


def survey_url(survey: Survey) -> str:
    return settings.SITE_URL + reverse("feedback:survey", kwargs={"token": survey_token(survey)})


def opt_out_url(survey: Survey) -> str:
    return settings.SITE_URL + reverse("feedback:opt-out", kwargs={"token": survey_token(survey)})


def survey_for_token(token: str, now: datetime | None = None) -> Survey:
    """The survey a link opens; InvalidLink if it was tampered with, made for something else,
    names another case than its survey's, or has expired."""
    payload = read_token(PURPOSE, token, VALIDITY)
    survey_id = payload.get("survey")
    if not isinstance(survey_id, int):
        raise InvalidLink("no survey in the link")
    survey = Survey.objects.select_related("case").filter(pk=survey_id).first()
    if survey is None or survey.case_id != payload.get("case"):
        raise InvalidLink("no such survey")
    if survey.expires_at <= (now or timezone.now()):
        raise InvalidLink("expired")
    return survey
