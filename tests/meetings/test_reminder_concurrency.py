"""Two scans at the same moment (two beat ticks, two workers) send each reminder once."""

from datetime import timedelta

import pytest

from karlshamn_portal.outbox.models import OutboxMessage
from meetings.models import Reminder, ReminderStatus
from meetings.services import invite, send_due_reminders
from tests.concurrency import run_at_once
from tests.meetings.factories import local, make_meeting

START = local(2030, 5, 14, 9)
PEOPLE = 30


def _scan_in_threads(count: int, now) -> list[int]:  # noqa: ANN001
    return run_at_once(count, lambda: send_due_reminders(now=now))


@pytest.mark.postgresql
def test_two_concurrent_scans_send_every_reminder_exactly_once(transactional_db):
    meeting = make_meeting(start=START)
    for number in range(PEOPLE):
        invite(
            meeting,
            name=f"Person {number}",
            email=f"person{number}@example.se",
            now=START - timedelta(days=3),
        )

    results = _scan_in_threads(2, START - timedelta(hours=2))

    assert sum(results) == PEOPLE, results
    assert OutboxMessage.objects.filter(template_name="meeting_reminder").count() == PEOPLE
    assert Reminder.objects.filter(status=ReminderStatus.SENT).count() == PEOPLE
    assert _scan_in_threads(2, START - timedelta(hours=1)) == [0, 0]
