"""Moving, cancelling and taking people off a meeting: who hears what."""

from datetime import timedelta

import pytest

from meetings.models import Answer, MeetingStatus
from meetings.services import (
    MeetingError,
    cancel_meeting,
    invite,
    move_meeting,
    record_answer,
    remove_invitation,
)
from tests.meetings.factories import local, mails_to, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    meeting = make_meeting()
    for name in ("anna", "bo", "maja"):
        invite(meeting, name=name.title(), email=f"{name}@example.se")
    return meeting


def _answers(meeting) -> dict[str, str]:
    return dict(meeting.invitations.values_list("email", "answer"))


def test_moving_resets_every_answer_and_updates_everyone_those_who_declined_included(meeting):
    anna, bo, maja = meeting.invitations.order_by("email")
    record_answer(anna, Answer.ACCEPTED)
    record_answer(bo, Answer.DECLINED)
    record_answer(maja, Answer.TENTATIVE)

    move_meeting(meeting, start=local(2030, 5, 20, 10), end=local(2030, 5, 20, 11))

    assert _answers(meeting) == {
        "anna@example.se": Answer.NEEDS_ACTION,
        "bo@example.se": Answer.NEEDS_ACTION,
        "maja@example.se": Answer.NEEDS_ACTION,
    }
    # A new time is a new proposal: a decline of the old time says nothing about the new one.
    for email in ("anna@example.se", "bo@example.se", "maja@example.se"):
        assert len(mails_to(email, "meeting_update")) == 1
    assert "20 maj 2030" in mails_to("anna@example.se", "meeting_update")[0].subject
    meeting.refresh_from_db()
    assert meeting.sequence == 1


def test_changing_only_the_place_keeps_the_answers(meeting):
    anna = meeting.invitations.get(email="anna@example.se")
    record_answer(anna, Answer.ACCEPTED)

    move_meeting(meeting, start=meeting.start, end=meeting.end, place="Näringslivsenheten, Ronnebygatan 2")

    assert _answers(meeting)["anna@example.se"] == Answer.ACCEPTED
    assert "Ronnebygatan 2" in mails_to("anna@example.se", "meeting_update")[0].body_text


def test_saving_without_changes_sends_nothing(meeting):
    move_meeting(meeting, start=meeting.start, end=meeting.end, place=meeting.place)
    assert mails_to("anna@example.se", "meeting_update") == []
    meeting.refresh_from_db()
    assert meeting.sequence == 0


def test_cancelling_tells_everyone_even_those_who_declined(meeting):
    record_answer(meeting.invitations.get(email="bo@example.se"), Answer.DECLINED)

    cancel_meeting(meeting, "Frågan är redan löst.")

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    for name in ("anna", "bo", "maja"):
        assert len(mails_to(f"{name}@example.se", "meeting_cancelled")) == 1
    cancel_meeting(meeting, "igen")
    assert len(mails_to("anna@example.se", "meeting_cancelled")) == 1


def test_a_cancelled_meeting_can_be_neither_moved_nor_answered(meeting):
    anna = meeting.invitations.get(email="anna@example.se")
    cancel_meeting(meeting)

    with pytest.raises(MeetingError):
        move_meeting(meeting, start=meeting.start + timedelta(days=1), end=meeting.end + timedelta(days=1))
    with pytest.raises(MeetingError):
        record_answer(anna, Answer.ACCEPTED)


def test_removing_an_invitee_tells_only_that_person(meeting):
    remove_invitation(meeting.invitations.get(email="bo@example.se"))

    assert len(mails_to("bo@example.se", "meeting_removed")) == 1
    assert mails_to("anna@example.se", "meeting_removed") == []
    assert sorted(_answers(meeting)) == ["anna@example.se", "maja@example.se"]


def test_inviting_the_same_address_twice_sends_one_invitation(meeting):
    again = invite(meeting, name="Anna A", email="ANNA@example.se")

    assert again.email == "anna@example.se"
    assert len(mails_to("anna@example.se", "meeting_invitation")) == 1


def test_meeting_must_end_after_it_starts():
    with pytest.raises(MeetingError):
        make_meeting(minutes=0)


def test_invitations_wait_for_the_lead_time_and_go_out_once(django_capture_on_commit_callbacks):
    from meetings.services import send_due_invitations

    start = local(2030, 6, 4, 7, 30)
    meeting = make_meeting(start=start, invite_at=start - timedelta(days=14))
    invite(meeting, name="Anna", email="anna@example.se")
    assert mails_to("anna@example.se") == []

    assert send_due_invitations(now=start - timedelta(days=15)) == 0
    assert send_due_invitations(now=start - timedelta(days=14)) == 1
    assert send_due_invitations(now=start - timedelta(days=13)) == 0
    assert len(mails_to("anna@example.se", "meeting_invitation")) == 1


def test_late_scan_sends_invitations_but_not_after_the_start():
    from meetings.services import send_due_invitations

    start = local(2030, 6, 4, 7, 30)
    meeting = make_meeting(start=start, invite_at=start - timedelta(days=14))
    invite(meeting, name="Anna", email="anna@example.se")
    invite(make_meeting(start=start, invite_at=start - timedelta(days=14)), name="Bo", email="bo@example.se")

    assert send_due_invitations(now=start + timedelta(minutes=1)) == 0
    assert send_due_invitations(now=start - timedelta(hours=2)) == 2
