"""Survey reminders, sent by a periodic scan of due rows (the pattern of meeting reminders).

The scan claims one due row at a time and marks it before it writes the e-mail, in one
transaction, so two scans never send one twice and a scan after an outage catches up: it sends
the first of the reminders that fell due meanwhile and moves the later ones on, so they still
come REMINDER_WORKING_DAYS working days apart rather than all at once. A reminder due once the
survey is answered, opted out of or expired is skipped, never sent.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from feedback.models import ReminderStatus, SurveyReminder, SurveyResponse
from feedback.services.surveys import has_opted_out, reminder_times, survey_context
from karlshamn_portal.outbox.services import queue_email

logger = logging.getLogger(__name__)


def send_due_survey_reminders(now: datetime | None = None, limit: int = 500) -> int:
    """Send every due reminder; returns how many e-mails were written."""
    now = now or timezone.now()
    due = SurveyReminder.objects.due(now).order_by("due_at").values_list("pk", flat=True)[:limit]
    return sum(_send_reminder(reminder_id, now) for reminder_id in list(due))


def _skip_reason(reminder: SurveyReminder, now: datetime) -> str:
    survey = reminder.survey
    if SurveyResponse.objects.filter(survey=survey).exists():
        return "answered"
    if survey.expires_at <= now:
        return "expired"
    if has_opted_out(survey.email):
        return "opted out"
    return ""


def _keep_apart(reminder: SurveyReminder, now: datetime) -> None:
    """The survey's later reminders come no sooner than REMINDER_WORKING_DAYS working days after
    this one, which went out late after an outage (on time, they already do)."""
    later = SurveyReminder.objects.filter(
        survey_id=reminder.survey_id, number__gt=reminder.number, status=ReminderStatus.PENDING
    ).order_by("number")
    for earliest, waiting in zip(reminder_times(now), later, strict=False):
        if waiting.due_at < earliest:
            SurveyReminder.objects.filter(pk=waiting.pk, status=ReminderStatus.PENDING).update(
                due_at=earliest
            )


@transaction.atomic
def _send_reminder(reminder_id: int, now: datetime) -> bool:
    # Still due: sending an earlier one of the same scan may have moved it on (_keep_apart).
    rows = SurveyReminder.objects.due(now).filter(pk=reminder_id)
    if settings.USES_POSTGRESQL:
        # Another scan holding this row is sending it: pass it by instead of waiting.
        rows = rows.select_for_update(skip_locked=True, of=("self",))
    reminder = rows.select_related("survey__case").first()
    if reminder is None:
        return False
    reason = _skip_reason(reminder, now)
    # The conditional update is the claim where row locks do not exist (SQLite).
    claimed = (
        SurveyReminder.objects.due(now)
        .filter(pk=reminder_id)
        .update(
            status=ReminderStatus.SKIPPED if reason else ReminderStatus.SENT, sent_at=None if reason else now
        )
    )
    if not claimed or reason:
        if reason:
            logger.info("Survey reminder %s skipped: %s", reminder_id, reason)
        return False
    _keep_apart(reminder, now)
    survey = reminder.survey
    queue_email(
        "survey_reminder",
        survey.email,
        {**survey_context(survey), "number": reminder.number},
        language=survey.language,
        dedupe_key=f"survey:{survey.pk}:reminder:{reminder.number}",
    )
    return True
