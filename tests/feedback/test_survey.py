"""Closing a case sends its contact the survey; the signed link opens it for 60 days; one answer
per case, changed by a second submit; the contact can opt out."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from feedback.links import survey_token
from feedback.models import Survey, SurveyOptOut, SurveyResponse
from feedback.services.reminders import send_due_survey_reminders
from feedback.services.surveys import offer_missed_surveys, reminder_times
from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from karlshamn_portal.signing import make_token
from liaison.announcements import CloseOutcome
from liaison.models import Case, CaseEvent, EventKind
from liaison.services.tracking import make_track_token
from liaison.services.triage import close_case
from tests.factories import make_liaison
from tests.feedback.factories import closed_case, surveyed_case
from tests.liaison.factories import make_case

LINK = re.compile(r"http://[^/\s]+(/feedback/survey/[^/\s]+/)")
ANSWER = {
    "overall": "9",
    "expectations": "8",
    "ideal": "7",
    "treatment": "10",
    "comment": "Snabbt och vänligt",
}


def survey_link(message: OutboxMessage) -> str:
    return LINK.findall(message.body_text)[0]


@pytest.fixture
def lina(db):
    return make_liaison("lina")


def close(case: Case, lina, capture, outcome: str = CloseOutcome.HANDLED) -> None:
    with capture(execute=True):
        close_case(case, "Klart: bygglovet beviljat.", lina, outcome=outcome)


def test_closing_a_case_e_mails_the_contact_a_survey_in_their_language(
    lina, django_capture_on_commit_callbacks
):
    swedish = make_case(contact_email="karin@example.se")
    english = make_case(contact_email="john@example.com", language="en")
    close(swedish, lina, django_capture_on_commit_callbacks)
    close(english, lina, django_capture_on_commit_callbacks)

    sv = OutboxMessage.objects.get(template_name="survey_invitation", recipient="karin@example.se")
    en = OutboxMessage.objects.get(template_name="survey_invitation", recipient="john@example.com")
    assert sv.subject == f"Hur gick det med ärende {swedish.reference}?"
    assert en.subject == f"How did we do with case {english.reference}?"
    assert "/feedback/survey/" in sv.body_text and "/opt-out/" in sv.body_text
    assert "Inga fler enkäter" in sv.body_html and "No more surveys" in en.body_html
    survey = Survey.objects.get(case=swedish)
    assert survey.expires_at - survey.sent_at == timedelta(days=60)
    assert survey.reminders.count() == 3


def test_a_case_closed_as_spam_or_without_a_reachable_contact_is_not_surveyed(
    lina, django_capture_on_commit_callbacks
):
    spam = make_case(contact_email="spam@example.se")
    gone = make_case(contact_email="gone@example.se")
    bounced = make_case(contact_email="bounced@example.se")
    OutboxMessage.objects.filter(recipient="bounced@example.se").update(status=OutboxStatus.FAILED)
    close(spam, lina, django_capture_on_commit_callbacks, CloseOutcome.SPAM)
    close(gone, lina, django_capture_on_commit_callbacks, CloseOutcome.UNREACHABLE)
    close(bounced, lina, django_capture_on_commit_callbacks)

    assert not Survey.objects.exists()
    assert not OutboxMessage.objects.filter(template_name="survey_invitation").exists()
    closed = CaseEvent.objects.get(case=spam, kind=EventKind.CLOSED)
    assert closed.data["outcome"] == "spam"


def test_a_reopened_case_closed_again_is_not_asked_twice(lina, django_capture_on_commit_callbacks):
    case = make_case()
    close(case, lina, django_capture_on_commit_callbacks)
    Case.objects.filter(pk=case.pk).update(status="open")
    close(case, lina, django_capture_on_commit_callbacks)
    assert OutboxMessage.objects.filter(template_name="survey_invitation").count() == 1


def test_a_close_whose_announcement_was_lost_is_surveyed_by_the_sweep_once(lina):
    # Closed without running the on-commit announcement: a web process that died just after
    # the close committed. Spam and a case closed eight days ago are left alone.
    lost = make_case(contact_email="karin@example.se")
    spam = make_case(contact_email="spam@example.se")
    old = make_case(contact_email="olle@example.se")
    close_case(lost, "Klart.", lina)
    close_case(spam, "Skräp.", lina, outcome=CloseOutcome.SPAM)
    close_case(old, "Klart.", lina)
    Case.objects.filter(pk=old.pk).update(closed_at=timezone.now() - timedelta(days=8))
    assert not Survey.objects.exists()

    assert offer_missed_surveys(now=timezone.now() + timedelta(minutes=5)) == 0  # the close's own turn
    assert offer_missed_surveys(now=timezone.now() + timedelta(minutes=11)) == 1
    assert offer_missed_surveys(now=timezone.now() + timedelta(minutes=12)) == 0

    assert list(Survey.objects.values_list("case", flat=True)) == [lost.pk]
    assert OutboxMessage.objects.filter(template_name="survey_invitation").count() == 1


def test_the_contact_answers_from_the_link_and_a_second_answer_changes_the_first(
    client, lina, django_capture_on_commit_callbacks
):
    case = make_case()
    close(case, lina, django_capture_on_commit_callbacks)
    link = survey_link(OutboxMessage.objects.get(template_name="survey_invitation"))

    page = client.get(link)
    assert page.status_code == 200
    assert "Hur nöjd är du" in page.content.decode()
    response = client.post(link, ANSWER, follow=True)
    assert "Tack! Ditt svar är sparat" in response.content.decode()
    answer = SurveyResponse.objects.get(survey__case=case)
    assert (answer.overall, answer.expectations, answer.ideal, answer.treatment) == (9, 8, 7, 10)
    assert answer.nki == pytest.approx(100 * (8 - 1) / 9)

    client.post(link, {**ANSWER, "overall": "3", "comment": ""})
    assert SurveyResponse.objects.count() == 1
    answer.refresh_from_db()
    assert answer.overall == 3 and answer.comment == ""
    assert "Ändra mitt svar" in client.get(link).content.decode()


def test_an_invalid_rating_is_shown_at_the_field_and_nothing_typed_is_lost(client, db):
    survey = surveyed_case()
    link = f"/feedback/survey/{survey_token(survey)}/"
    response = client.post(link, {**ANSWER, "overall": "11"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Välj ett giltigt alternativ" in body
    assert "Snabbt och vänligt" in body
    assert not SurveyResponse.objects.exists()


def test_an_empty_form_is_no_answer_and_the_reminders_keep_coming(client, db):
    survey = surveyed_case()
    link = f"/feedback/survey/{survey_token(survey)}/"
    response = client.post(link, {"comment": "   "})
    assert response.status_code == 200
    assert "Svara på minst en fråga eller skriv en kommentar." in response.content.decode()
    assert not SurveyResponse.objects.exists()
    assert send_due_survey_reminders(now=reminder_times(survey.sent_at)[0]) == 1


def test_the_survey_page_speaks_the_surveys_language(client, db):
    survey = surveyed_case(contact_email="john@example.com", language="en")
    body = client.get(f"/feedback/survey/{survey_token(survey)}/").content.decode()
    assert "All in all, how satisfied are you" in body
    assert '<html lang="en">' in body


def test_a_tampered_link_does_not_open_the_survey(client, db):
    survey = surveyed_case()
    token = survey_token(survey)
    response = client.get(f"/feedback/survey/{token[:-2]}xy/")
    assert response.status_code == 404
    assert "Enkätlänken fungerar inte" in response.content.decode()


def test_an_expired_link_does_not_open_the_survey_or_take_an_answer(client, db):
    survey = surveyed_case(at=timezone.now() - timedelta(days=61))
    link = f"/feedback/survey/{survey_token(survey)}/"
    assert client.get(link).status_code == 404
    assert client.post(link, ANSWER).status_code == 404
    assert not SurveyResponse.objects.exists()


def test_a_link_for_another_case_or_another_purpose_does_not_open_the_survey(client, db):
    mine = surveyed_case()
    other = surveyed_case()
    forged = make_token("feedback.survey", {"survey": mine.pk, "case": other.case_id})
    assert client.get(f"/feedback/survey/{forged}/").status_code == 404
    # The case's own private track link is no survey link.
    assert client.get(f"/feedback/survey/{make_track_token(mine.case)}/").status_code == 404
    assert client.post(f"/feedback/survey/{survey_token(other)}/", ANSWER).status_code == 302
    assert list(SurveyResponse.objects.values_list("survey_id", flat=True)) == [other.pk]


def test_the_contact_opts_out_from_the_e_mail_link_and_gets_no_more_surveys(
    client, lina, django_capture_on_commit_callbacks
):
    survey = surveyed_case(contact_email="Karin@Example.se")
    opt_out = f"/feedback/survey/{survey_token(survey)}/opt-out/"
    assert "Ja, inga fler enkäter" in client.get(opt_out).content.decode()
    assert not SurveyOptOut.objects.exists()  # a GET (a mail scanner) changes nothing
    client.post(opt_out)
    assert SurveyOptOut.objects.filter(email="karin@example.se").exists()

    later = closed_case(contact_email="karin@example.se")
    Case.objects.filter(pk=later.pk).update(status="open")
    close(later, lina, django_capture_on_commit_callbacks)
    assert not Survey.objects.filter(case=later).exists()


def test_the_reminder_and_the_opt_out_page_speak_english_to_an_english_contact(client, db):
    survey = surveyed_case(contact_email="john@example.com", language="en")
    send_due_survey_reminders(now=reminder_times(survey.sent_at)[0])
    reminder = OutboxMessage.objects.get(template_name="survey_reminder")
    assert reminder.subject == f"Reminder: how did we do with case {survey.case.reference}?"
    assert "Do not want any more surveys from us?" in reminder.body_text
    body = client.get(f"/feedback/survey/{survey_token(survey)}/opt-out/").content.decode()
    assert "Yes, no more surveys" in body


def test_the_dashboard_offers_its_filtered_list_as_csv_and_excel(client, lina):
    client.force_login(lina)
    body = client.get("/dashboard/?status=all&q=kaf%C3%A9").content.decode()
    assert "/feedback/export/cases.csv?q=kaf%C3%A9&amp;status=all" in body
    assert "/feedback/export/cases.xlsx?q=kaf%C3%A9&amp;status=all" in body
