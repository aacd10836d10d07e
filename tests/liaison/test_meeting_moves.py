"""Moving a case meeting is a new proposal: everyone invited hears of it, those who declined
included, and answers again; the liaison officer hears of every decline at once (J5)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.services.meetings import contact_invitee, handling_officials, official_invitee, schedule_meeting
from meetings.models import Answer
from meetings.services import record_answer
from tests.liaison.meeting_factories import make_case, make_referral, stockholm
from tests.meetings.factories import event_of

pytestmark = pytest.mark.django_db

CONTACT = "anna@hamnensbageri.se"


@pytest.fixture
def case(building_department, building_official, liaison):
    case = make_case("NL-2030-0042", owner=liaison)
    make_referral(case, building_department, official=building_official)
    return case


@pytest.fixture
def meeting(case, liaison):
    people = [contact_invitee(case)] + [official_invitee(user) for user in handling_officials(case)]
    return schedule_meeting(
        case,
        organizer=liaison,
        title="Möte om utbyggnaden",
        start=stockholm(2030, 5, 14, 9),
        end=stockholm(2030, 5, 14, 10),
        place="Rådhuset",
        invitees=people,
    ).meeting


def _move(client, case, meeting, date="2030-05-21"):
    return client.post(
        reverse("case-meeting-move", args=[case.reference, meeting.pk]),
        {"title": meeting.title, "date": date, "time": "09:00", "duration": "60", "place": "Rådhuset"},
    )


def test_a_company_that_declined_gets_the_new_time_and_answers_again(client, case, meeting, liaison):
    declined = meeting.invitations.get(email=CONTACT)
    record_answer(declined, Answer.DECLINED, "Vi kan inte den veckan, gärna veckan efter")
    client.force_login(liaison)
    _move(client, case, meeting)

    updates = OutboxMessage.objects.filter(template_name="meeting_update").order_by("recipient")
    assert [message.recipient for message in updates] == [CONTACT, "bo@example.se"]
    update = event_of(updates.get(recipient=CONTACT))
    meeting.refresh_from_db()
    assert update["SEQUENCE"] == meeting.sequence == 1
    assert update.decoded("DTSTART") == stockholm(2030, 5, 21, 9)
    assert update["ATTENDEE"].params["PARTSTAT"] == "NEEDS-ACTION"
    declined.refresh_from_db()
    assert declined.answer == Answer.NEEDS_ACTION
    assert declined.comment == ""


def test_every_answer_is_reset_to_not_answered(client, case, meeting, liaison):
    answers = [Answer.ACCEPTED, Answer.DECLINED]
    for invitation, answer in zip(meeting.invitations.order_by("email"), answers, strict=True):
        record_answer(invitation, answer)
    client.force_login(liaison)
    _move(client, case, meeting)
    assert set(meeting.invitations.values_list("answer", flat=True)) == {Answer.NEEDS_ACTION}


def test_the_page_says_who_was_told(client, case, meeting, liaison):
    record_answer(meeting.invitations.get(email=CONTACT), Answer.DECLINED)
    client.force_login(liaison)
    response = _move(client, case, meeting)
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Anna Andersson" in message and "Bo" in message
    page = client.get(reverse("case-meeting", args=[case.reference, meeting.pk])).content.decode()
    assert "Anna Andersson, Bo" in page


def test_a_cancellation_after_a_move_is_for_the_time_the_company_was_told(client, case, meeting, liaison):
    record_answer(meeting.invitations.get(email=CONTACT), Answer.DECLINED)
    client.force_login(liaison)
    _move(client, case, meeting)
    client.post(reverse("case-meeting-cancel", args=[case.reference, meeting.pk]), {"reason": "Löst"})
    told = OutboxMessage.objects.filter(recipient=CONTACT).order_by("id")
    kinds = [message.template_name for message in told]
    assert kinds == ["meeting_invitation", "meeting_update", "meeting_cancelled"]
    assert event_of(told.last()).decoded("DTSTART") == stockholm(2030, 5, 21, 9)


def test_the_liaison_officer_is_emailed_when_an_invitee_declines_with_the_comment(case, meeting, liaison):
    record_answer(meeting.invitations.get(email=CONTACT), Answer.DECLINED, "Gärna veckan efter")
    (notice,) = OutboxMessage.objects.filter(template_name="meeting_declined_notice")
    assert notice.recipient == liaison.email
    assert "Anna Andersson" in notice.subject and case.reference in notice.subject
    assert "Gärna veckan efter" in notice.body_text and "Gärna veckan efter" in notice.body_html
    assert "/staff/link/" in notice.body_text


def test_accepting_sends_the_liaison_officer_nothing(case, meeting):
    record_answer(meeting.invitations.get(email=CONTACT), Answer.ACCEPTED)
    assert not OutboxMessage.objects.filter(template_name="meeting_declined_notice").exists()


def test_a_place_change_alone_keeps_the_answers_and_spares_those_who_declined(case, meeting, liaison):
    from liaison.services.meetings import move_case_meeting

    record_answer(meeting.invitations.get(email=CONTACT), Answer.DECLINED)
    record_answer(meeting.invitations.get(email="bo@example.se"), Answer.ACCEPTED)
    move_case_meeting(
        meeting.case_meeting,
        actor=liaison,
        start=meeting.start,
        end=meeting.end,
        place="Stadshuset",
        online_url="",
    )
    updates = OutboxMessage.objects.filter(template_name="meeting_update")
    assert [message.recipient for message in updates] == ["bo@example.se"]
    assert meeting.invitations.get(email="bo@example.se").answer == Answer.ACCEPTED
