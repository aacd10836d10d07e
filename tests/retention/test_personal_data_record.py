"""The record of who saw personal data: a file opened, a personnummer shown, a ZIP downloaded;
administrators read and filter it, and nobody changes it."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from liaison.models import Attachment, PersonalDataSeen, PersonalDataSeenKind
from tests.factories import make_user, sign_in_past_second_factor
from tests.liaison.factories import make_case

pytestmark = pytest.mark.django_db


def test_opening_a_cases_file_is_recorded(client, liaison):
    case = make_case()
    attachment = Attachment.objects.create(
        case=case,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="a.pdf"),
        original_name="a.pdf",
        content_type="application/pdf",
        size=14,
    )
    client.force_login(liaison)
    response = client.get(reverse("case-attachment", args=[case.reference, attachment.pk]))
    assert response.status_code == 200
    seen = PersonalDataSeen.objects.get()
    assert (seen.kind, seen.case, seen.user) == (PersonalDataSeenKind.ATTACHMENT, case, liaison)
    assert seen.what == f"{case.reference} #{attachment.pk}"


def test_administrators_filter_the_record_by_kind_and_cannot_change_it(client, liaison):
    case = make_case()
    PersonalDataSeen.objects.create(
        kind=PersonalDataSeenKind.ATTACHMENT, case=case, user_name="Lina", what="x #1"
    )
    PersonalDataSeen.objects.create(
        kind=PersonalDataSeenKind.PERSONNUMMER, case=case, user_name="Lina", what="y"
    )
    admin = make_user("admin", is_superuser=True, is_staff=True)
    sign_in_past_second_factor(client, admin)
    url = reverse("admin:liaison_personaldataseen_changelist")
    page = client.get(url, {"kind__exact": "attachment"}).content.decode()
    assert "x #1" in page
    assert ">y<" not in page
    row = PersonalDataSeen.objects.first()
    assert (
        client.post(
            reverse("admin:liaison_personaldataseen_delete", args=[row.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert PersonalDataSeen.objects.count() == 2


def test_administrators_read_the_clearing_log(client, db):
    from django.core.management import call_command

    call_command("clear_by_plan")
    admin = make_user("admin", is_superuser=True, is_staff=True)
    sign_in_past_second_factor(client, admin)
    page = client.get(reverse("admin:retention_clearingrun_changelist")).content.decode()
    assert "sent_email_bodies" in page


@pytest.mark.parametrize("export", ["cases.csv", "cases.xlsx", "survey.csv"])
def test_exporting_the_cases_or_the_survey_answers_is_recorded(client, liaison, export):
    make_case(contact_name="Karin Bagare")
    client.force_login(liaison)
    response = client.get(f"/feedback/export/{export}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    seen = PersonalDataSeen.objects.get()
    assert (seen.kind, seen.user) == (PersonalDataSeenKind.EXPORT, liaison)
    assert seen.what == (
        "Cases (the dashboard's list): 1" if export.startswith("cases") else "Survey answers: 0"
    )
    assert "Karin" not in seen.what


def test_downloading_an_export_a_worker_made_is_recorded_each_time(client, liaison):
    from feedback.models import Export, ExportStatus

    export = Export.objects.create(
        requested_by=liaison,
        kind="cases",
        file_format="csv",
        status=ExportStatus.DONE,
        rows=12,
        file=ContentFile(b"Referens\n", name="cases.csv"),
    )
    client.force_login(liaison)
    for _ in range(2):
        response = client.get(f"/feedback/exports/{export.pk}/download/")
        assert response.status_code == 200
        b"".join(response.streaming_content)
    assert PersonalDataSeen.objects.filter(kind=PersonalDataSeenKind.EXPORT, user=liaison).count() == 2
