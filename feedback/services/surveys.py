"""Offering the survey when a case closes, recording the answer, and opting out."""

import logging
from datetime import datetime, time, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from feedback.links import VALIDITY, opt_out_url, survey_url
from feedback.models import FACTORS, QUESTIONS, Survey, SurveyOptOut, SurveyReminder, SurveyResponse
from feedback.nki import respondent_index
from karlshamn_portal.outbox.models import OutboxMessage
from karlshamn_portal.outbox.services import queue_email
from liaison.announcements import CloseOutcome
from liaison.models import Case, CaseEvent, CaseStatus, EventKind
from liaison.working_days import STOCKHOLM, add_working_days, local_today

logger = logging.getLogger(__name__)

REMINDERS = 3
REMINDER_WORKING_DAYS = 5
REMINDER_TIME = time(9, 0)  # in Stockholm: a reminder lands at the start of a working day
# The sweep for surveys a close did not offer: it leaves the close's own offer a few minutes,
# and does not reach back further than a contact would still remember the case.
MISSED_SURVEY_GRACE = timedelta(minutes=10)
MISSED_SURVEY_WINDOW = timedelta(days=7)


class SurveyClosed(Exception):
    """The survey's link expired; the answer can no longer be given or changed."""


def has_opted_out(email: str) -> bool:
    return SurveyOptOut.objects.filter(email=email.strip().lower()).exists()


def is_unreachable(case: Case) -> bool:
    """An e-mail to the contact failed for good (a bounce, a refused address) since the case came
    in: the survey would fail the same way."""
    return (
        OutboxMessage.objects.failed()
        .filter(recipient__iexact=case.contact_email, created_at__gte=case.created_at)
        .exists()
    )


def why_not_survey(case: Case, outcome: str) -> str:
    """Why this closed case gets no survey; empty when it does."""
    if outcome != CloseOutcome.HANDLED:
        return outcome
    if Survey.objects.filter(case=case).exists():
        return "already surveyed"  # a reopened case closed again is not asked twice
    if has_opted_out(case.contact_email):
        return "opted out"
    if is_unreachable(case):
        return "unreachable"
    return ""


def reminder_times(sent_at: datetime) -> list[datetime]:
    """Every REMINDER_WORKING_DAYS working days after sending, at REMINDER_TIME in Stockholm."""
    day = local_today(sent_at)
    times = []
    for _number in range(REMINDERS):
        day = add_working_days(day, REMINDER_WORKING_DAYS)
        times.append(datetime.combine(day, REMINDER_TIME, tzinfo=STOCKHOLM))
    return times


def survey_context(survey: Survey) -> dict[str, Any]:
    return {
        "case": survey.case,
        "survey_url": survey_url(survey),
        "opt_out_url": opt_out_url(survey),
        "expires_at": survey.expires_at,
    }


@transaction.atomic
def offer_survey(
    case_id: int, outcome: str = CloseOutcome.HANDLED, now: datetime | None = None
) -> Survey | None:
    """Send the closed case's contact the survey and plan its reminders; None when the case is
    not to be surveyed (see why_not_survey)."""
    now = now or timezone.now()
    case = Case.objects.get(pk=case_id)
    reason = why_not_survey(case, outcome)
    if reason:
        logger.info("Case %s not surveyed: %s", case_id, reason)
        return None
    try:
        with transaction.atomic():
            survey = Survey.objects.create(
                case=case,
                email=case.contact_email,
                language=case.language,
                sent_at=now,
                expires_at=now + VALIDITY,
            )
    except IntegrityError:
        return None  # surveyed meanwhile by a second close
    SurveyReminder.objects.bulk_create(
        SurveyReminder(survey=survey, number=number, due_at=due)
        for number, due in enumerate(reminder_times(now), start=1)
    )
    queue_email(
        "survey_invitation",
        survey.email,
        survey_context(survey),
        language=survey.language,
        dedupe_key=f"survey:{survey.pk}:invitation",
    )
    return survey


def offer_missed_surveys(now: datetime | None = None) -> int:
    """Offer the survey of every case closed in the last week that has none and should: the
    close offers it only once its transaction commits, so a web process that dies in between
    would leave the case unsurveyed. Returns how many were offered. Two sweeps at once, or a
    sweep beside the close's own offer, offer once: a case has one survey."""
    now = now or timezone.now()
    closed_how = CaseEvent.objects.filter(case=OuterRef("pk"), kind=EventKind.CLOSED).order_by("-created_at")
    missed = (
        Case.objects.filter(
            status=CaseStatus.CLOSED,
            closed_at__gte=now - MISSED_SURVEY_WINDOW,
            closed_at__lte=now - MISSED_SURVEY_GRACE,
            survey__isnull=True,
            anonymised_at__isnull=True,
        )
        .annotate(outcome=Subquery(closed_how.values("data__outcome")[:1]))
        .values_list("pk", "outcome")
    )
    offered = 0
    for case_id, outcome in missed:
        if offer_survey(case_id, outcome or CloseOutcome.HANDLED, now=now):
            offered += 1
    return offered


@transaction.atomic
def record_answer(survey: Survey, answers: dict[str, Any], now: datetime | None = None) -> SurveyResponse:
    """Store the contact's answer, or change the one given before; SurveyClosed once expired."""
    now = now or timezone.now()
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.expires_at <= now:
        raise SurveyClosed
    fields: dict[str, Any] = {name: answers.get(name) for name in (*QUESTIONS, *FACTORS)}
    fields["comment"] = (answers.get("comment") or "").strip()
    fields["nki"] = respondent_index(*(fields[name] for name in QUESTIONS))
    response, created = SurveyResponse.objects.get_or_create(
        survey=survey, defaults={**fields, "answered_at": now, "updated_at": now}
    )
    if not created:
        for name, value in fields.items():
            setattr(response, name, value)
        response.updated_at = now
        response.save()
    return response


@transaction.atomic
def opt_out_of_surveys(email: str) -> None:
    """No more surveys or reminders to this address (its pending reminders are skipped by the
    scan)."""
    SurveyOptOut.objects.get_or_create(email=email.strip().lower())
