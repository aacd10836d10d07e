"""Two schedulers run the periodic scans at the same moment (a misconfigured deployment)."""

import threading
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from karlshamn_portal.celery import app
from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from karlshamn_portal.outbox.tasks import requeue_stalled
from meetings.models import Invitation
from meetings.services import invite
from meetings.services.mail import INVITATION, REMINDER
from tests.faults.probe import store_undelivered
from tests.forum.factories import make_series, make_subscriber
from tests.meetings.factories import make_meeting

pytestmark = [pytest.mark.postgresql, pytest.mark.usefixtures("probe_templates")]


def run_every_periodic_task() -> None:
    """One scheduler tick: every task in the beat schedule, run here and now."""
    app.loader.import_default_modules()  # what a worker does at start: find every app's tasks
    for entry in app.conf.beat_schedule.values():
        app.tasks[entry["task"]](*entry.get("args", ()))


def run_twice_at_once(scan: Callable[[], object]) -> None:
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def scheduler() -> None:
        try:
            start.wait()
            scan()
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()
    assert not errors, errors


def test_two_outbox_sweeps_at_once_send_every_email_exactly_once(transactional_db, smtp):
    # Eager delivery: each scheduler thread delivers what it claims itself, so both really
    # compete for the same rows.
    recipients = store_undelivered(40)
    run_twice_at_once(requeue_stalled)

    assert OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == 40
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
    assert smtp.sink.count_by_recipient() == dict.fromkeys(recipients, 1)


def test_two_schedulers_ticking_at_once_send_no_invitation_or_reminder_twice(
    transactional_db, smtp, liaison, building_official, settings
):
    settings.MEETING_REMINDER_HOURS = 24
    now = timezone.now()
    # A case meeting in 12 hours, people invited two days ago: the day-before reminders are due.
    meeting = make_meeting(start=now + timedelta(hours=12), title="Samordnat möte")
    for number in range(5):
        invite(
            meeting,
            name=f"Deltagare {number}",
            email=f"deltagare{number}@example.se",
            now=now - timedelta(days=2),
        )
    # A weekly forum starting in three days: the invitations of its next two meetings are due.
    series = make_series(
        liaison,
        officials=[building_official],
        rule="FREQ=WEEKLY",
        first_date=timezone.localdate() + timedelta(days=3),
    )
    for number in range(8):
        make_subscriber(series, f"Företagare {number}", f"foretagare{number}@example.se")
    store_undelivered(10)

    run_twice_at_once(run_every_periodic_task)

    forum_invitations = Invitation.objects.filter(meeting__forum_occurrence__series=series)
    assert forum_invitations.count() == 2 * 9, "both due forum meetings got their whole list"
    assert OutboxMessage.objects.filter(template_name=INVITATION).count() == Invitation.objects.count()
    assert OutboxMessage.objects.filter(template_name=REMINDER).count() == 5
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    twice = {
        key: n
        for key, n in Counter(OutboxMessage.objects.values_list("recipient", "subject")).items()
        if n > 1
    }
    assert not twice, f"written twice: {twice}"
    delivered = Counter((message.recipients[0], message.subject) for message in smtp.sink.received)
    assert set(delivered.values()) == {1}, "an e-mail reached someone twice"
    assert len(delivered) == OutboxMessage.objects.count()
