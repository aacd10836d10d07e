"""Cancelling or moving one occurrence: the invitees hear, the others are untouched, and the
calendar feed shows it with its RECURRENCE-ID."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from forum.services.invitations import send_due_invitations
from forum.services.occurrences import OccurrenceError, cancel_occurrence, move_occurrence
from forum.services.series import update_series
from karlshamn_portal.outbox.models import OutboxMessage
from meetings.models import MeetingStatus
from tests.forum.factories import make_subscriber

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def invited(series, clock):
    """The first two meetings with their invitations sent to a subscriber and an official."""
    make_subscriber(series)
    update_series(series, invitation_lead_days=45)
    first, second = series.occurrences.select_related("meeting")[:2]
    clock.move_to(second.meeting.invite_at + timedelta(minutes=1))
    send_due_invitations()
    return first, second


def _ics(message):
    return Calendar.from_ical(message.attachments[0]["content"])


def test_cancelling_one_meeting_tells_its_invitees_and_leaves_the_others(invited):
    first, second = invited
    cancel_occurrence(first, "Lokalen är upptagen")

    first.meeting.refresh_from_db()
    second.meeting.refresh_from_db()
    assert first.meeting.status == MeetingStatus.CANCELLED
    assert second.meeting.status == MeetingStatus.SCHEDULED
    cancellations = OutboxMessage.objects.filter(template_name="meeting_cancelled")
    assert sorted(cancellations.values_list("recipient", flat=True)) == ["anna@foretag.se", "bo@example.se"]
    message = cancellations.get(recipient="anna@foretag.se")
    assert "Lokalen är upptagen" in message.body_text
    event = _ics(message).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["UID"] == first.series.calendar_uid
    assert event.decoded("RECURRENCE-ID") == first.original_start
    # Every forum e-mail carries the one-click unsubscribe link.
    assert "/forum/unsubscribe/" in message.body_text


def test_moving_one_meeting_sends_an_update_and_keeps_its_recurrence_id(invited):
    first, second = invited
    new_start = first.meeting.start + timedelta(days=2, hours=1)
    move_occurrence(first, new_start, new_start + timedelta(minutes=90))

    first.meeting.refresh_from_db()
    assert first.meeting.start == new_start
    assert first.meeting.recurrence_id == first.original_start
    assert first.meeting.invite_at == new_start - timedelta(days=45)
    update = OutboxMessage.objects.get(template_name="meeting_update", recipient="anna@foretag.se")
    event = _ics(update).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == new_start
    assert event.decoded("RECURRENCE-ID") == first.original_start
    updates = OutboxMessage.objects.filter(template_name="meeting_update")
    assert sorted(updates.values_list("recipient", flat=True)) == ["anna@foretag.se", "bo@example.se"]
    second.meeting.refresh_from_db()
    assert second.meeting.sequence == 0


def test_a_cancelled_meeting_cannot_be_moved(invited):
    first, _second = invited
    cancel_occurrence(first, "Inställt")
    with pytest.raises(OccurrenceError):
        move_occurrence(
            first, first.meeting.start + timedelta(days=1), first.meeting.start + timedelta(days=1, hours=1)
        )
