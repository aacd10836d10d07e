"""The retention plan clears a survey's address and comment after its time; the ratings, and so
the index and the statistics, stay."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from feedback.models import Export, Survey, SurveyResponse
from feedback.retention import SurveyPersonalData
from retention.registry import Person
from retention.services.clearing import clear_kind
from tests.factories import make_liaison
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


def test_an_export_and_its_file_go_a_week_after_it_was_made(django_capture_on_commit_callbacks):
    lina = make_liaison("lina")
    old = Export.objects.create(requested_by=lina, kind="cases", file_format="csv", status="done")
    old.file.save("cases-old.csv", ContentFile(b"NL-2026-0001,Karin Bagare"), save=True)
    Export.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    new = Export.objects.create(requested_by=lina, kind="cases", file_format="csv", status="done")
    new.file.save("cases-new.csv", ContentFile(b"NL-2026-0002,Bo Bagare"), save=True)

    with django_capture_on_commit_callbacks(execute=True):
        clear_kind("staff_exports")

    assert list(Export.objects.values_list("pk", flat=True)) == [new.pk]
    assert not default_storage.exists(old.file.name)
    assert default_storage.exists(new.file.name)
