"""Series create and edit: occurrences a year ahead, and edits that keep answers."""

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from forum.models import Occurrence
from forum.services.series import extend_occurrences, update_series
from karlshamn_portal.outbox.models import OutboxMessage
from meetings.models import Answer, MeetingStatus
from meetings.services import invite, record_answer
from tests.forum.conftest import START_OF_TESTS

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _local_starts(series):
    return [o.meeting.start.astimezone(STOCKHOLM) for o in series.occurrences.select_related("meeting")]


def test_creating_a_series_creates_its_meetings_at_least_a_year_ahead(series):
    starts = _local_starts(series)
    assert starts[0].date() == date(2027, 1, 5)
    assert starts[-1].date() >= date(2027, 12, 7)
    assert {(start.hour, start.minute) for start in starts} == {(7, 30)}
    first = series.occurrences.select_related("meeting").first()
    meeting = first.meeting
    assert meeting.recurrence_id == first.original_start == meeting.start
    assert meeting.series_uid == series.calendar_uid
    assert meeting.invite_at == meeting.start - timedelta(days=14)
    assert meeting.reminder_offsets == [7 * 24 * 60, 24 * 60]
    assert meeting.end - meeting.start == timedelta(minutes=90)


def test_the_periodic_task_extends_the_horizon_once(series, clock):
    before = series.occurrences.count()
    clock.move_to(START_OF_TESTS + timedelta(days=62))
    assert extend_occurrences() == 2
    assert extend_occurrences() == 0
    assert series.occurrences.count() == before + 2


def test_a_series_edit_keeps_the_answers_of_meetings_whose_time_stays(series, clock):
    first, second = series.occurrences.select_related("meeting")[:2]
    clock.move_to(first.meeting.invite_at)
    anna = invite(first.meeting, name="Anna", email="anna@foretag.se")
    record_answer(anna, Answer.ACCEPTED)

    result = update_series(series, place="Väggahallen", rule="FREQ=MONTHLY;BYDAY=1TU,3TH")

    anna.refresh_from_db()
    assert anna.answer == Answer.ACCEPTED
    first.meeting.refresh_from_db()
    assert first.meeting.place == "Väggahallen"
    assert first.meeting.status == MeetingStatus.SCHEDULED
    assert first.original_start in result.kept
    assert result.created and not result.withdrawn
    # The invitee heard about the new place in an update.
    assert (
        OutboxMessage.objects.filter(template_name="meeting_update", recipient="anna@foretag.se").count() == 1
    )


def test_a_new_start_time_withdraws_the_old_meetings_and_cancels_those_with_invitees(series, clock):
    first, second = series.occurrences.select_related("meeting")[:2]
    clock.move_to(first.meeting.invite_at)
    invite(first.meeting, name="Anna", email="anna@foretag.se")

    update_series(series, start_time=time(8, 0))

    first.meeting.refresh_from_db()
    assert first.meeting.status == MeetingStatus.CANCELLED
    assert not Occurrence.objects.filter(pk=second.pk).exists()
    assert OutboxMessage.objects.filter(
        template_name="meeting_cancelled", recipient="anna@foretag.se"
    ).exists()
    starts = [
        o.meeting.start.astimezone(STOCKHOLM)
        for o in series.occurrences.scheduled().select_related("meeting")
    ]
    assert {(start.hour, start.minute) for start in starts} == {(8, 0)}
