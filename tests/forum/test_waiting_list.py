"""Capacity: accepts beyond it go to a waiting list; a decline promotes the first waiting."""

from datetime import timedelta

import pytest

from forum.models import WaitingListEntry
from forum.services.invitations import send_due_invitations
from forum.services.series import update_series
from karlshamn_portal.outbox.models import OutboxMessage
from meetings.models import Answer
from meetings.services import record_answer
from tests.forum.factories import make_subscriber


@pytest.fixture
def invitations(series, clock):
    update_series(series, capacity=2, officials=[])
    for name in ("anna", "bertil", "cecilia", "david"):
        make_subscriber(series, name.title(), f"{name}@foretag.se")
    first = series.occurrences.select_related("meeting").first()
    clock.move_to(first.meeting.invite_at + timedelta(minutes=1))
    send_due_invitations()
    return {invitation.name.lower(): invitation for invitation in first.meeting.invitations.all()}


def test_accepts_beyond_the_capacity_wait_and_are_told(invitations):
    for name in ("anna", "bertil", "cecilia", "david"):
        record_answer(invitations[name], Answer.ACCEPTED)
    waiting = list(WaitingListEntry.objects.values_list("invitation__email", flat=True))
    assert waiting == ["cecilia@foretag.se", "david@foretag.se"]
    told = OutboxMessage.objects.filter(template_name="forum_waiting_list")
    assert sorted(told.values_list("recipient", flat=True)) == ["cecilia@foretag.se", "david@foretag.se"]
    assert "nummer 2" in told.get(recipient="david@foretag.se").body_text


def test_a_decline_promotes_the_first_waiting_who_is_told(invitations):
    for name in ("anna", "bertil", "cecilia", "david"):
        record_answer(invitations[name], Answer.ACCEPTED)
    record_answer(invitations["anna"], Answer.DECLINED)

    waiting = list(WaitingListEntry.objects.values_list("invitation__email", flat=True))
    assert waiting == ["david@foretag.se"]
    promoted = OutboxMessage.objects.filter(template_name="forum_seat_offered")
    assert list(promoted.values_list("recipient", flat=True)) == ["cecilia@foretag.se"]


def test_a_waiting_person_who_declines_promotes_nobody(invitations):
    for name in ("anna", "bertil", "cecilia"):
        record_answer(invitations[name], Answer.ACCEPTED)
    record_answer(invitations["cecilia"], Answer.DECLINED)
    assert not WaitingListEntry.objects.exists()
    assert not OutboxMessage.objects.filter(template_name="forum_seat_offered").exists()


def test_a_larger_capacity_seats_the_waiting_in_order(invitations, series):
    for name in ("anna", "bertil", "cecilia", "david"):
        record_answer(invitations[name], Answer.ACCEPTED)
    update_series(series, capacity=3)
    assert list(WaitingListEntry.objects.values_list("invitation__email", flat=True)) == ["david@foretag.se"]
    promoted = OutboxMessage.objects.filter(template_name="forum_seat_offered")
    assert list(promoted.values_list("recipient", flat=True)) == ["cecilia@foretag.se"]


def test_a_reminder_to_someone_waiting_says_they_have_no_seat_yet(invitations, clock):
    from meetings.services import send_due_reminders

    for name in ("anna", "bertil", "cecilia", "david"):
        record_answer(invitations[name], Answer.ACCEPTED)
    meeting = invitations["anna"].meeting
    clock.move_to(meeting.start - timedelta(hours=23))
    send_due_reminders()
    reminders = OutboxMessage.objects.filter(template_name="meeting_reminder")
    assert "väntelistan" not in reminders.get(recipient="anna@foretag.se").body_text
    assert "nummer 2 på väntelistan" in reminders.get(recipient="david@foretag.se").body_text
