"""Up to three reminders, five working days apart, only while the survey is unanswered, each
sent exactly once, also with two scans at the same moment."""

from datetime import datetime, timedelta

import pytest

from feedback.models import ReminderStatus, SurveyReminder
from feedback.services.reminders import send_due_survey_reminders
from feedback.services.surveys import opt_out_of_surveys, reminder_times
from karlshamn_portal.outbox.models import OutboxMessage
from liaison.working_days import STOCKHOLM
from tests.concurrency import run_at_once
from tests.feedback.factories import answered, surveyed_case

# Thursday 5 November 2026, 14:00 in Karlshamn.
SENT = datetime(2026, 11, 5, 14, 0, tzinfo=STOCKHOLM)


def reminders_sent() -> int:
    return OutboxMessage.objects.filter(template_name="survey_reminder").count()


def test_reminders_fall_five_working_days_apart_at_nine():
    # Thu 5 Nov -> Thu 12 Nov -> Thu 19 Nov -> Thu 26 Nov (no holidays between).
    assert reminder_times(SENT) == [
        datetime(2026, 11, 12, 9, 0, tzinfo=STOCKHOLM),
        datetime(2026, 11, 19, 9, 0, tzinfo=STOCKHOLM),
        datetime(2026, 11, 26, 9, 0, tzinfo=STOCKHOLM),
    ]


def test_holidays_do_not_count_as_working_days():
    # Sent Monday 21 December 2026: 24 (julafton), 25, 26 and 31 December and 1 January are off.
    first = reminder_times(datetime(2026, 12, 21, 10, 0, tzinfo=STOCKHOLM))[0]
    assert first == datetime(2026, 12, 30, 9, 0, tzinfo=STOCKHOLM)


@pytest.mark.django_db
def test_each_reminder_goes_out_once_when_due_and_no_fourth_follows():
    survey = surveyed_case(at=SENT)
    times = reminder_times(SENT)
    assert send_due_survey_reminders(now=times[0] - timedelta(minutes=1)) == 0
    assert send_due_survey_reminders(now=times[0]) == 1
    assert send_due_survey_reminders(now=times[0] + timedelta(hours=1)) == 0
    assert send_due_survey_reminders(now=times[1]) == 1
    assert send_due_survey_reminders(now=times[2]) == 1
    assert send_due_survey_reminders(now=times[2] + timedelta(days=30)) == 0
    assert reminders_sent() == 3
    message = OutboxMessage.objects.filter(template_name="survey_reminder").first()
    assert message is not None and message.subject.startswith("Påminnelse: hur gick det med ärende")
    assert "/feedback/survey/" in message.body_text
    assert set(survey.reminders.values_list("status", flat=True)) == {ReminderStatus.SENT}


@pytest.mark.django_db
def test_no_reminder_after_an_answer():
    survey = surveyed_case(at=SENT)
    times = reminder_times(SENT)
    send_due_survey_reminders(now=times[0])
    answered(survey, 8, 8, 8)
    assert send_due_survey_reminders(now=times[1]) == 0
    assert send_due_survey_reminders(now=times[2]) == 0
    assert reminders_sent() == 1
    assert survey.reminders.filter(status=ReminderStatus.SKIPPED).count() == 2


@pytest.mark.django_db
def test_no_reminder_after_opting_out():
    survey = surveyed_case(at=SENT)
    opt_out_of_surveys(survey.email)
    assert send_due_survey_reminders(now=reminder_times(SENT)[2]) == 0
    assert reminders_sent() == 0


@pytest.mark.django_db
def test_after_an_outage_the_reminders_still_come_one_at_a_time_five_working_days_apart():
    surveyed_case(at=SENT)
    # The scheduler was down until Friday 27 November, 10:00: all three fell due meanwhile.
    back = datetime(2026, 11, 27, 10, 0, tzinfo=STOCKHOLM)
    assert send_due_survey_reminders(now=back) == 1
    assert send_due_survey_reminders(now=back + timedelta(hours=1)) == 0
    # Five working days later (Friday 4 December, 09:00) the second, and a week on the third.
    assert send_due_survey_reminders(now=datetime(2026, 12, 4, 8, 59, tzinfo=STOCKHOLM)) == 0
    assert send_due_survey_reminders(now=datetime(2026, 12, 4, 9, 0, tzinfo=STOCKHOLM)) == 1
    assert send_due_survey_reminders(now=datetime(2026, 12, 11, 9, 0, tzinfo=STOCKHOLM)) == 1
    assert reminders_sent() == 3
    assert set(SurveyReminder.objects.values_list("status", flat=True)) == {ReminderStatus.SENT}


def _scan_in_threads(count: int, now) -> list[int]:  # noqa: ANN001
    return run_at_once(count, lambda: send_due_survey_reminders(now=now))


@pytest.mark.postgresql
def test_two_schedulers_at_once_send_every_reminder_exactly_once(transactional_db):
    for _number in range(20):
        surveyed_case(at=SENT)
    results = _scan_in_threads(2, reminder_times(SENT)[0])
    assert sum(results) == 20, results
    assert reminders_sent() == 20
    assert _scan_in_threads(2, reminder_times(SENT)[0] + timedelta(hours=1)) == [0, 0]
