"""The accept / tentative / decline links in the e-mail: a page to confirm, and only POST answers."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from meetings.links import answer_token
from meetings.models import Answer, Invitation
from meetings.services import cancel_meeting, invite
from meetings.signals import answer_recorded
from tests.meetings.factories import mails_to, make_meeting

pytestmark = pytest.mark.django_db


def _link_in_mail(email: str, label: str) -> str:
    body = mails_to(email)[0].body_text
    url = re.search(rf"^{label}: (\S+)$", body, re.MULTILINE).group(1)
    return url.removeprefix("http://127.0.0.1:8000")


@pytest.fixture
def invitation() -> Invitation:
    return invite(make_meeting(), name="Anna Andersson", email="anna@foretag.se")


def test_opening_the_accept_link_only_shows_a_confirmation_page(client, invitation):
    response = client.get(_link_in_mail("anna@foretag.se", "Tacka ja"))

    assert response.status_code == 200
    assert "Samordnat möte om bygglov" in response.text
    assert 'value="ACCEPTED" checked' in response.text.replace("\n", " ") or re.search(
        r'value="ACCEPTED"[^>]*checked', response.text
    )
    invitation.refresh_from_db()
    assert invitation.answer == Answer.NEEDS_ACTION
    assert invitation.answered_at is None


def test_confirming_records_the_answer_and_comment(client, invitation):
    url = _link_in_mail("anna@foretag.se", "Tacka nej")
    received = []
    answer_recorded.connect(lambda **kwargs: received.append(kwargs), weak=False, dispatch_uid="test-answer")
    try:
        response = client.post(url, {"answer": "DECLINED", "comment": "Vi kan en annan dag."}, follow=True)
    finally:
        answer_recorded.disconnect(dispatch_uid="test-answer")

    invitation.refresh_from_db()
    assert invitation.answer == Answer.DECLINED
    assert invitation.comment == "Vi kan en annan dag."
    assert "Tack, ditt svar är sparat: Tackat nej." in response.text
    assert [(r["invitation"].pk, r["previous_answer"]) for r in received] == [(invitation.pk, "NEEDS-ACTION")]


def test_posting_without_an_answer_shows_the_error_and_keeps_the_comment(client, invitation):
    response = client.post(_link_in_mail("anna@foretag.se", "Tacka ja"), {"comment": "Kommer kanske"})

    assert response.status_code == 200
    assert "is-invalid" in response.text
    assert "Kommer kanske" in response.text
    invitation.refresh_from_db()
    assert invitation.answer == Answer.NEEDS_ACTION


def test_tampered_link_is_refused(client, invitation):
    url = _link_in_mail("anna@foretag.se", "Tacka ja")
    tampered = url.replace("/?answer", "x/?answer")

    assert client.get(tampered).status_code == 404
    assert client.post(tampered, {"answer": "ACCEPTED"}).status_code == 404
    invitation.refresh_from_db()
    assert invitation.answer == Answer.NEEDS_ACTION


def test_another_invitations_link_cannot_answer_for_this_one(client, invitation):
    other = invite(invitation.meeting, name="Bo", email="bo@kommun.se")
    url = reverse("meetings:answer", args=[invitation.pk, answer_token(other)])

    assert client.post(url, {"answer": "DECLINED"}).status_code == 404
    invitation.refresh_from_db()
    other.refresh_from_db()
    assert (invitation.answer, other.answer) == (Answer.NEEDS_ACTION, Answer.NEEDS_ACTION)


def test_link_stops_working_when_the_meeting_is_over(client, invitation):
    url = _link_in_mail("anna@foretag.se", "Tacka ja")

    with freeze_time(invitation.meeting.end + timedelta(minutes=1)):
        assert client.get(url).status_code == 404
        assert client.post(url, {"answer": "ACCEPTED"}).status_code == 404
    invitation.refresh_from_db()
    assert invitation.answer == Answer.NEEDS_ACTION


def test_link_still_works_during_the_meeting(client, invitation):
    url = _link_in_mail("anna@foretag.se", "Tacka ja")

    with freeze_time(invitation.meeting.start + timedelta(minutes=5)):
        assert client.get(url).status_code == 200


def test_link_of_a_removed_and_reinvited_person_no_longer_works(client, invitation):
    url = _link_in_mail("anna@foretag.se", "Tacka ja")
    Invitation.objects.filter(pk=invitation.pk).delete()

    assert client.get(url).status_code == 404


def test_cancelled_meeting_shows_the_cancellation_and_takes_no_answer(client, invitation):
    url = _link_in_mail("anna@foretag.se", "Tacka ja")
    cancel_meeting(invitation.meeting, "Ärendet är löst.")

    page = client.get(url)
    assert "Ärendet är löst." in page.text
    assert "<form" not in page.text.split("<main", 1)[1]
    client.post(url, {"answer": "ACCEPTED"})
    invitation.refresh_from_db()
    assert invitation.answer == Answer.NEEDS_ACTION


def test_answer_page_works_in_both_languages(client, invitation):
    url = _link_in_mail("anna@foretag.se", "Tacka ja")

    assert "Svara på inbjudan" in client.get(url, HTTP_ACCEPT_LANGUAGE="sv").text
    client.cookies["django_language"] = "en"
    assert "Answer the invitation" in client.get(url).text
    assert timezone.now() < invitation.meeting.start


def test_answer_page_offers_the_meeting_as_a_calendar_file(client, invitation):
    from icalendar import Calendar

    page = client.get(_link_in_mail("anna@foretag.se", "Tacka ja"))
    url = re.search(r'href="([^"]+meeting\.ics)"', page.text).group(1)
    response = client.get(url)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["UID"]).startswith(str(invitation.meeting.uid))
    assert client.get(url.replace("/meeting.ics", "x/meeting.ics")).status_code == 404
