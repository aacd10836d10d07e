"""A closed case past its time is anonymised: it still opens and counts, and nothing personal is
left on its page, its track link, its e-mails, the staff exports, its survey, an access request
or the API."""

import html
import io
import zipfile
from datetime import timedelta

import pytest
import rest_framework.throttling  # noqa: F401 - imported before the frozen clock, which its timer would keep
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import Attachment, Case, CaseStatus
from liaison.services.tracking import make_track_token
from meetings.models import Invitation
from retention.export import write_access_zip
from retention.registry import Person
from retention.services.clearing import clear_kind
from tests.api.factories import api, token_for
from tests.retention.people import KARIN, KARIN_PERSONAL, close_case_of, make_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymised(liaison, building_department, building_official, django_capture_on_commit_callbacks):
    # Everything happened eleven years ago; the plan keeps closed cases ten.
    with freeze_time(timezone.now() - timedelta(days=11 * 365)):
        people = make_people(liaison, building_department, building_official)
        close_case_of(people.karin_case, liaison)
    stored = people.karin_file.file.name
    with django_capture_on_commit_callbacks(execute=True):
        assert clear_kind("closed_cases").count == 1
    people.karin_case.refresh_from_db()
    return people, stored


def _no_personal_data(text: str) -> None:
    text = html.unescape(text)
    for personal in KARIN_PERSONAL:
        assert personal not in text


def test_the_anonymised_case_still_opens_with_its_reference_dates_departments_and_statuses(
    client, liaison, anonymised
):
    people, _stored = anonymised
    case = people.karin_case
    client.force_login(liaison)
    page = client.get(reverse("case-detail", args=[case.reference])).content.decode()
    assert case.reference in page
    assert "Bygglov" in page  # the department it was referred to
    assert case.created_at.astimezone().strftime("%Y-%m-%d") in page
    _no_personal_data(page)
    assert case.status == CaseStatus.CLOSED
    assert case.company.name == "Stortorgets Kafé AB"  # the company stays


def test_the_anonymised_case_still_counts(client, liaison, anonymised):
    people, _stored = anonymised
    assert Case.objects.filter(status=CaseStatus.CLOSED).count() == 1
    client.force_login(liaison)
    page = client.get(reverse("dashboard"), {"status": "closed"}).content.decode()
    assert people.karin_case.reference in page


def test_its_files_are_gone_from_the_database_and_the_disk(anonymised):
    people, stored = anonymised
    assert not Attachment.objects.filter(case=people.karin_case).exists()
    assert not people.karin_file.file.storage.exists(stored)
    assert people.olle_file.file.storage.exists(people.olle_file.file.name)  # another case's file stays


def test_the_track_link_no_longer_opens_anything(client, anonymised):
    people, _stored = anonymised
    response = client.get(reverse("track", args=[make_track_token(people.karin_case)]))
    assert people.karin_case.reference not in response.content.decode()
    _no_personal_data(response.content.decode())


def test_no_email_about_it_keeps_personal_data(anonymised):
    people, _stored = anonymised
    for message in OutboxMessage.objects.all():
        text = " ".join([message.recipient, message.subject, message.body_text, message.body_html])
        if people.karin_case.reference in message.subject:
            pytest.fail(f"an e-mail still names the case: {message.subject}")
        if "Olle" not in text:
            _no_personal_data(text)
    invitation = Invitation.objects.get(meeting__case_meeting__case=people.karin_case, user__isnull=True)
    assert KARIN["contact_email"] not in invitation.email
    assert invitation.name == ""


def test_an_access_request_finds_nothing_of_the_case(anonymised):
    people, _stored = anonymised
    buffer = io.BytesIO()
    write_access_zip(Person(email=KARIN["contact_email"]), buffer)
    with zipfile.ZipFile(buffer) as archive:
        everything = " ".join(archive.read(name).decode(errors="replace") for name in archive.namelist())
    assert people.karin_case.reference not in everything
    for personal in KARIN_PERSONAL[2:]:  # her name and address stay on her forum subscription
        assert personal not in everything


def test_the_api_shows_the_case_without_personal_data(liaison, anonymised):
    people, _stored = anonymised
    response = api(token_for(liaison)).get(reverse("api-case", args=[people.karin_case.reference]))
    assert response.status_code == 200
    assert response.json()["reference"] == people.karin_case.reference
    _no_personal_data(response.content.decode())


def test_the_staff_exports_show_the_case_without_personal_data(client, liaison, anonymised):
    people, _stored = anonymised
    client.force_login(liaison)
    cases = client.get("/feedback/export/cases.csv", {"status": "all"}).content.decode("utf-8-sig")
    assert people.karin_case.reference in cases
    _no_personal_data(cases)


def test_its_survey_keeps_the_ratings_and_loses_the_address_and_the_comment(
    client, liaison, building_department, building_official, settings
):
    from feedback.models import Survey
    from feedback.services.surveys import offer_survey, record_answer

    # A plan that keeps survey answers longer than the case: anonymising the case still clears them.
    settings.RETENTION_PLAN = {**settings.RETENTION_PLAN, "survey_personal_data": None}
    with freeze_time(timezone.now() - timedelta(days=11 * 365)):
        people = make_people(liaison, building_department, building_official)
        close_case_of(people.karin_case, liaison)
        survey = offer_survey(people.karin_case.pk)
        assert survey is not None
        record_answer(
            survey, {"overall": 9, "expectations": 8, "ideal": 8, "comment": "Karin Bagare var nöjd"}
        )
    assert clear_kind("closed_cases").count == 1
    survey = Survey.objects.select_related("response").get(pk=survey.pk)
    assert (survey.email, survey.response.comment, survey.response.overall) == ("", "", 9)
    client.force_login(liaison)
    answers = client.get("/feedback/export/survey.csv").content.decode("utf-8-sig")
    assert people.karin_case.reference in answers and "Karin" not in answers


def test_the_anonymised_case_still_counts_in_the_public_statistics(anonymised):
    from feedback.services.figures import compute_month, month_start

    people, _stored = anonymised
    month = month_start(timezone.localtime(people.karin_case.created_at).date())
    assert compute_month(month, timezone.now()).cases_received == 2  # Karin's and Olle's


def test_the_company_name_as_typed_goes_and_the_registers_name_stays(
    liaison, building_department, building_official
):
    with freeze_time(timezone.now() - timedelta(days=11 * 365)):
        people = make_people(liaison, building_department, building_official)
        Case.objects.filter(pk=people.karin_case.pk).update(
            submitted_company_name="Karin Bagares Enskilda Firma"
        )
        close_case_of(people.karin_case, liaison)
    clear_kind("closed_cases")
    case = Case.objects.get(pk=people.karin_case.pk)
    assert case.submitted_company_name == ""
    assert case.company_name_as_sent == "Stortorgets Kafé AB"


def test_nothing_new_is_written_to_an_anonymised_case_but_its_diarium_number(client, liaison, anonymised):
    people, _stored = anonymised
    case = people.karin_case
    events = case.events.count()
    client.force_login(liaison)
    page = client.get(reverse("case-detail", args=[case.reference])).content.decode()
    for action in ("case-reply", "case-note", "case-status", "case-assign", "case-topic", "case-meeting-new"):
        assert reverse(action, args=[case.reference]) not in page, action
    assert reverse("case-diarium", args=[case.reference]) in page

    reply = client.post(
        reverse("case-reply", args=[case.reference]), {"reply-text": "Hej Karin"}, follow=True
    )
    note = client.post(reverse("case-note", args=[case.reference]), {"note-text": "Karin ringde"})
    reopen = client.post(reverse("case-status", args=[case.reference]), {"status-status": CaseStatus.OPEN})
    meeting = client.get(reverse("case-meeting-new", args=[case.reference]))
    through_api = api(token_for(liaison, "cases:write")).post(
        reverse("api-case-status", args=[case.reference]), {"status": "open"}, content_type="application/json"
    )
    diarium = client.post(
        reverse("case-diarium", args=[case.reference]), {"diarium-diarium_number": "KS 2015/12"}
    )

    assert "inget nytt läggs till i det" in reply.content.decode()
    assert note.status_code == reopen.status_code == meeting.status_code == 302
    assert through_api.status_code == 409 and "anonymised" in through_api.json()["detail"]
    assert diarium.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.diarium_number == "KS 2015/12"
    assert case.events.count() == events + 1  # the diarium number's event only
    assert not OutboxMessage.objects.filter(
        recipient=KARIN["contact_email"], template_name="case_reply"
    ).exists()
