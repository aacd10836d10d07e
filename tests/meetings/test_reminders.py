"""Reminders: each exactly once per invitation, meeting time and offset, from a periodic scan."""

from datetime import timedelta

import pytest
from freezegun import freeze_time

from meetings.models import Answer, Reminder, ReminderStatus
from meetings.services import (
    cancel_meeting,
    invite,
    move_meeting,
    plan_reminders,
    record_answer,
    send_due_reminders,
)
from meetings.tasks import send_due_reminders as scan_task
from tests.meetings.factories import local, mails_to, make_meeting

START = local(2030, 5, 14, 9)


@pytest.fixture
def meeting(db):
    meeting = make_meeting(start=START)
    invite(meeting, name="Anna", email="anna@example.se", now=START - timedelta(days=10))
    return meeting


def _reminders(email: str) -> list:
    return mails_to(email, "meeting_reminder")


def test_reminder_goes_out_a_day_before_by_default_and_only_once(meeting, settings):
    assert settings.MEETING_REMINDER_HOURS == 24

    assert send_due_reminders(now=START - timedelta(hours=25)) == 0
    assert send_due_reminders(now=START - timedelta(hours=24)) == 1
    assert send_due_reminders(now=START - timedelta(hours=23)) == 0
    (reminder,) = _reminders("anna@example.se")
    assert reminder.subject.startswith("Påminnelse: Samordnat möte om bygglov")


def test_the_periodic_task_scans_for_due_reminders(meeting):
    with freeze_time(START - timedelta(hours=2)):
        scan_task.delay()
    assert len(_reminders("anna@example.se")) == 1


def test_reminder_is_sent_late_after_an_outage(meeting):
    assert send_due_reminders(now=START - timedelta(minutes=30)) == 1
    assert len(_reminders("anna@example.se")) == 1


def test_no_reminder_once_the_meeting_has_started(meeting):
    assert send_due_reminders(now=START + timedelta(minutes=1)) == 0
    assert _reminders("anna@example.se") == []
    assert Reminder.objects.get().status == ReminderStatus.SKIPPED


def test_no_reminder_for_a_cancelled_meeting(meeting):
    cancel_meeting(meeting, "Inställt")
    assert send_due_reminders(now=START - timedelta(hours=1)) == 0
    assert _reminders("anna@example.se") == []


def test_no_reminder_for_someone_who_declined(meeting):
    record_answer(meeting.invitations.get(), Answer.DECLINED, now=START - timedelta(days=3))
    assert send_due_reminders(now=START - timedelta(hours=1)) == 0
    assert _reminders("anna@example.se") == []


def test_moved_meeting_is_reminded_again_for_its_new_time(meeting):
    assert send_due_reminders(now=START - timedelta(hours=23)) == 1
    later = START + timedelta(days=7)
    move_meeting(meeting, start=later, end=later + timedelta(hours=1))

    assert send_due_reminders(now=START - timedelta(hours=1)) == 0
    assert send_due_reminders(now=later - timedelta(hours=23)) == 1
    assert send_due_reminders(now=later - timedelta(hours=1)) == 0
    assert len(_reminders("anna@example.se")) == 2


def test_moving_before_the_reminder_replaces_it(meeting):
    later = START + timedelta(days=7)
    move_meeting(meeting, start=later, end=later + timedelta(hours=1))

    assert send_due_reminders(now=START - timedelta(hours=1)) == 0
    assert send_due_reminders(now=later - timedelta(hours=1)) == 1
    assert list(Reminder.objects.values_list("planned_start", flat=True)) == [later]


def test_several_offsets_each_remind_once_and_an_outage_sends_only_the_latest(db):
    meeting = make_meeting(start=START, reminder_offsets=[7 * 24 * 60, 24 * 60])
    invite(meeting, name="Anna", email="anna@example.se", now=START - timedelta(days=14))
    invite(meeting, name="Bo", email="bo@example.se", now=START - timedelta(days=14))

    assert send_due_reminders(now=START - timedelta(days=7)) == 2
    assert send_due_reminders(now=START - timedelta(days=6)) == 0
    # The worker is down from day 6 to 1 hour before: Anna gets the one-day reminder late.
    assert send_due_reminders(now=START - timedelta(hours=1)) == 2
    assert len(_reminders("anna@example.se")) == 2

    other = make_meeting(start=START, reminder_offsets=[7 * 24 * 60, 24 * 60])
    invite(other, name="Maja", email="maja@example.se", now=START - timedelta(days=14))
    assert send_due_reminders(now=START - timedelta(hours=2)) == 1  # both due: one mail, not two
    assert len(_reminders("maja@example.se")) == 1


def test_changing_the_offsets_replans_pending_reminders(meeting):
    meeting.reminder_offsets = [60]
    meeting.save()
    plan_reminders(meeting, now=START - timedelta(days=2))

    assert send_due_reminders(now=START - timedelta(hours=23)) == 0
    assert send_due_reminders(now=START - timedelta(minutes=59)) == 1


def test_reminders_wait_for_an_invitation_that_has_not_gone_out(db):
    meeting = make_meeting(
        start=START, invite_at=START - timedelta(days=2), reminder_offsets=[3 * 24 * 60, 60]
    )
    invite(meeting, name="Anna", email="anna@example.se", now=START - timedelta(days=5))

    assert send_due_reminders(now=START - timedelta(days=3)) == 0
    assert Reminder.objects.filter(status=ReminderStatus.PENDING).count() == 2


def test_the_scan_is_on_the_beat_schedule_every_minute():
    from karlshamn_portal.celery import app

    entries = [
        entry for entry in app.conf.beat_schedule.values() if entry["task"] == "meetings.send_due_reminders"
    ]
    assert [entry["schedule"] for entry in entries] == [60.0]
    assert "meetings.send_due_reminders" in app.tasks
