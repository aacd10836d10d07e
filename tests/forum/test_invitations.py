"""Invitations at the lead time and reminders at each offset, each exactly once per person and
meeting, late after an outage but never after the start."""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from forum.services.invitations import send_due_invitations
from karlshamn_portal.outbox.models import OutboxMessage
from meetings.services import send_due_reminders
from tests.forum.factories import make_subscriber


def _sent(template):
    return sorted(OutboxMessage.objects.filter(template_name=template).values_list("recipient", flat=True))


def _scan(now):
    """What the two periodic tasks do: the forum invites, the meetings scan reminds."""
    return send_due_invitations(now) + send_due_reminders(now)


@pytest.fixture
def first(series):
    make_subscriber(series)
    make_subscriber(series, "Pending Person", "pending@foretag.se", status="pending")
    return series.occurrences.select_related("meeting").first()


def test_invitations_go_out_at_the_lead_time_once_to_the_invite_list(first):
    meeting = first.meeting
    assert _scan(meeting.invite_at - timedelta(minutes=1)) == 0
    assert _sent("meeting_invitation") == []

    _scan(meeting.invite_at + timedelta(minutes=1))
    _scan(meeting.invite_at + timedelta(minutes=2))

    assert _sent("meeting_invitation") == ["anna@foretag.se", "bo@example.se"]
    invitation = OutboxMessage.objects.get(template_name="meeting_invitation", recipient="anna@foretag.se")
    assert invitation.attachments[0]["content_type"] == "text/calendar; method=REQUEST"
    assert "/forum/unsubscribe/" in invitation.body_text
    assert "/forum/propose/" in invitation.body_text
    # The official is no subscriber: no agenda link, but still a way off the list.
    official = OutboxMessage.objects.get(template_name="meeting_invitation", recipient="bo@example.se")
    assert "/forum/propose/" not in official.body_text
    assert "/forum/unsubscribe/" in official.body_text


def test_reminders_go_out_at_each_offset_once(first):
    meeting = first.meeting
    _scan(meeting.invite_at + timedelta(minutes=1))
    _scan(meeting.start - timedelta(days=7) + timedelta(minutes=1))
    _scan(meeting.start - timedelta(days=7) + timedelta(minutes=2))
    assert _sent("meeting_reminder") == ["anna@foretag.se", "bo@example.se"]
    _scan(meeting.start - timedelta(days=1) + timedelta(minutes=1))
    _scan(meeting.start - timedelta(hours=2))
    assert len(_sent("meeting_reminder")) == 4


def test_a_subscriber_who_joins_after_the_lead_time_is_invited_by_the_next_scan(first, series):
    meeting = first.meeting
    _scan(meeting.invite_at + timedelta(minutes=1))
    make_subscriber(series, "Cecilia", "cecilia@foretag.se")
    _scan(meeting.invite_at + timedelta(hours=1))
    assert _sent("meeting_invitation") == ["anna@foretag.se", "bo@example.se", "cecilia@foretag.se"]


def test_after_an_outage_invitations_go_out_late_but_never_after_the_start(first, series):
    meeting = first.meeting
    # The worker was down from before the lead time until two hours before the start.
    _scan(meeting.start - timedelta(hours=2))
    assert _sent("meeting_invitation") == ["anna@foretag.se", "bo@example.se"]
    # Reminders whose time passed during the outage are not sent on top of the invitation.
    assert _sent("meeting_reminder") == []

    make_subscriber(series, "Sen Anmälan", "sen@foretag.se")
    _scan(meeting.start + timedelta(minutes=1))
    assert "sen@foretag.se" not in _sent("meeting_invitation")


def test_a_cancelled_meeting_sends_no_invitations(first):
    from forum.services.occurrences import cancel_occurrence

    cancel_occurrence(first, "Inställt")
    _scan(first.meeting.invite_at + timedelta(minutes=1))
    assert _sent("meeting_invitation") == []


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_scans_send_each_invitation_and_reminder_once(liaison, building_official):
    from freezegun import freeze_time

    from tests.forum.conftest import START_OF_TESTS
    from tests.forum.factories import make_series

    with freeze_time(START_OF_TESTS):
        series = make_series(liaison, officials=[building_official])
    for number in range(12):
        make_subscriber(series, f"Person {number}", f"person{number}@foretag.se")
    meeting = series.occurrences.select_related("meeting").first().meeting

    def run_in_threads(now):
        barrier = threading.Barrier(2)
        errors = []

        def scan():
            try:
                barrier.wait()
                _scan(now)
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=scan) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []

    run_in_threads(meeting.invite_at + timedelta(minutes=1))
    run_in_threads(meeting.start - timedelta(days=7) + timedelta(minutes=1))
    invitations = _sent("meeting_invitation")
    reminders = _sent("meeting_reminder")
    assert len(invitations) == len(set(invitations)) == 13
    assert len(reminders) == len(set(reminders)) == 13


def test_after_an_outage_a_missed_reminder_goes_out_late_once_and_never_after_the_start(first):
    meeting = first.meeting
    _scan(meeting.invite_at + timedelta(minutes=1))
    # Down from before the week reminder until three days before: it goes out late, once.
    _scan(meeting.start - timedelta(days=3))
    _scan(meeting.start - timedelta(days=3) + timedelta(minutes=1))
    assert _sent("meeting_reminder") == ["anna@foretag.se", "bo@example.se"]
    # Down again over the day reminder and the start: nothing is sent after the start.
    _scan(meeting.start + timedelta(minutes=5))
    assert len(_sent("meeting_reminder")) == 2


def test_after_a_long_outage_only_the_latest_reminder_goes_out(first):
    meeting = first.meeting
    _scan(meeting.invite_at + timedelta(minutes=1))
    _scan(meeting.start - timedelta(hours=12))
    assert _sent("meeting_reminder") == ["anna@foretag.se", "bo@example.se"]
    _scan(meeting.start - timedelta(hours=1))
    assert len(_sent("meeting_reminder")) == 2
