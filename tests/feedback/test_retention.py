"""The retention plan clears a survey's address and comment after its time; the ratings, and so
the index and the statistics, stay."""

from datetime import timedelta

import pytest
from django.utils import timezone

from feedback.models import Survey, SurveyResponse
from feedback.retention import SurveyPersonalData
from retention.registry import Person
from retention.services.clearing import clear_kind
from tests.feedback.factories import answered, surveyed_case

pytestmark = pytest.mark.django_db


def test_the_address_and_comment_go_after_a_year_and_the_ratings_stay(settings):
    old = surveyed_case(at=timezone.now() - timedelta(days=800), contact_email="gammal@example.se")
    answered(old, 8, 7, 9, comment="Ring mig på 0701234567")
    new = surveyed_case(contact_email="ny@example.se")
    answered(new, 5, 5, 5, comment="Färsk kommentar")

    clear_kind("survey_personal_data")

    old.refresh_from_db()
    assert old.email == ""
    answer = SurveyResponse.objects.get(survey=old)
    assert answer.comment == "" and (answer.overall, answer.expectations, answer.ideal) == (8, 7, 9)
    assert answer.nki is not None
    assert Survey.objects.get(pk=new.pk).email == "ny@example.se"
    assert SurveyResponse.objects.get(survey=new).comment == "Färsk kommentar"
    # A second run finds nothing left to do.
    assert not list(SurveyPersonalData().due(timezone.now() - timedelta(days=730))[0])


def test_an_access_request_lists_the_persons_surveys():
    survey = surveyed_case(contact_email="karin@example.se")
    answered(survey, 9, 9, 9, comment="Bra!")
    data = SurveyPersonalData().personal_data(Person(email="Karin@example.se"))
    assert data["satisfaction_surveys"][0]["case"] == survey.case.reference
    assert data["satisfaction_surveys"][0]["comment"] == "Bra!"
