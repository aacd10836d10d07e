"""Closed cases with surveys and answers, for the feedback tests."""

from datetime import datetime

from django.utils import timezone

from feedback.models import Survey, SurveyResponse
from feedback.services.surveys import offer_survey, record_answer
from liaison.models import Case, CaseStatus, Department, Referral, Topic
from tests.liaison.factories import make_case


def closed_case(
    *,
    topic: Topic | None = None,
    departments: tuple[Department, ...] = (),
    at: datetime | None = None,
    received: datetime | None = None,
    **fields: object,
) -> Case:
    """A case closed at `at` (now), received at `received` (the same moment unless given)."""
    at = at or timezone.now()
    case = make_case(topic=topic, created_at=received or at, **fields)
    for department in departments:
        Referral.objects.create(
            case=case, department=department, due_date=at.date(), status="done", done_at=at
        )
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closed_at=at)
    return case


def surveyed_case(at: datetime | None = None, **fields: object) -> Survey:
    case = closed_case(at=at, **fields)
    survey = offer_survey(case.pk, now=at or timezone.now())
    assert survey is not None
    return survey


def answered(
    survey: Survey, overall: int | None, expectations: int | None, ideal: int | None, **more: object
) -> SurveyResponse:
    return record_answer(
        survey, {"overall": overall, "expectations": expectations, "ideal": ideal, **more}, now=survey.sent_at
    )
