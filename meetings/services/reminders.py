"""Reminders, sent by a periodic scan of due rows.

Each reminder is a row (invitation, meeting time, offset), made when someone is invited or the
meeting moves. The scan claims one due row at a time, marks it, then writes the e-mail in the same
transaction, so two scans never send one twice and a scan after an outage catches up, but never
once the meeting has started.
"""

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from meetings.models import Invitation, Meeting, Reminder, ReminderStatus
from meetings.services import mail

logger = logging.getLogger(__name__)


def plan_reminders(
    meeting: Meeting, now: datetime | None = None, invitations: Iterable[Invitation] | None = None
) -> int:
    """Make the reminder rows the meeting's current time and offsets call for; returns how many.

    Call it again after changing meeting.reminder_offsets. Pending rows for an old time or offset
    are dropped; sent ones stay, so a meeting moved back never reminds twice for one time.
    Offsets already past when planning are left out: the invitation itself is fresher news.
    `invitations` limits the replanning to those people (one new invitee need not replan everyone,
    and inviting N people one by one must not clean up the whole meeting N times).
    """
    now = now or timezone.now()
    offsets = sorted({int(offset) for offset in meeting.reminder_offsets})
    stale = Reminder.objects.pending().filter(invitation__meeting=meeting)
    if invitations is not None:
        invitations = list(invitations)
        stale = stale.filter(invitation__in=[invitation.pk for invitation in invitations])
    if not meeting.is_cancelled:
        stale = stale.exclude(planned_start=meeting.start, offset_minutes__in=offsets)
    stale.delete()
    if meeting.is_cancelled:
        return 0
    return add_reminders(meeting, meeting.invitations.all() if invitations is None else invitations, now)


def add_reminders(meeting: Meeting, invitations: Iterable[Invitation], now: datetime) -> int:
    """The reminder rows of the meeting's current time and offsets for `invitations` (new ones
    have no stale rows to clean up); returns how many were added."""
    offsets = sorted({int(offset) for offset in meeting.reminder_offsets})
    rows = [
        Reminder(
            invitation=invitation,
            planned_start=meeting.start,
            offset_minutes=offset,
            due_at=meeting.start - timedelta(minutes=offset),
        )
        for invitation in invitations
        for offset in offsets
        if meeting.start - timedelta(minutes=offset) > now
    ]
    return len(Reminder.objects.bulk_create(rows, batch_size=2_000, ignore_conflicts=True))


def send_due_reminders(now: datetime | None = None, limit: int = 500) -> int:
    """Send every due reminder; returns how many e-mails were written."""
    now = now or timezone.now()
    due = Reminder.objects.due(now).order_by("due_at").values_list("pk", flat=True)[:limit]
    return sum(_send_reminder(reminder_id, now) for reminder_id in list(due))


def _skip_reason(reminder: Reminder, now: datetime) -> str:
    invitation = reminder.invitation
    meeting = invitation.meeting
    if meeting.is_cancelled:
        return "cancelled"
    if meeting.start <= now:
        return "started"
    if reminder.planned_start != meeting.start:
        return "moved"
    if invitation.has_declined:
        return "declined"
    # After an outage several offsets can be due at once; only the last one planned goes out.
    later = Reminder.objects.due(now).filter(
        invitation=invitation, planned_start=reminder.planned_start, due_at__gt=reminder.due_at
    )
    if later.exists():
        return "superseded"
    return ""


@transaction.atomic
def _send_reminder(reminder_id: int, now: datetime) -> bool:
    rows = Reminder.objects.filter(pk=reminder_id, status=ReminderStatus.PENDING)
    if settings.USES_POSTGRESQL:
        # Another scan holding this row is sending it: pass it by instead of waiting.
        rows = rows.select_for_update(skip_locked=True, of=("self",))
    reminder = rows.select_related("invitation__meeting").first()
    if reminder is None:
        return False
    reason = _skip_reason(reminder, now)
    if not reason and reminder.invitation.sent_sequence is None:
        return False  # the invitation itself has not gone out yet (lead time); try next scan
    outcome = ReminderStatus.SKIPPED if reason else ReminderStatus.SENT
    # The conditional update is the claim where row locks do not exist (SQLite).
    claimed = Reminder.objects.filter(pk=reminder_id, status=ReminderStatus.PENDING).update(
        status=outcome, sent_at=None if reason else now
    )
    if not claimed or reason:
        if reason:
            logger.info("Reminder %s skipped: %s", reminder_id, reason)
        return False
    mail.queue_reminder(reminder.invitation, reminder.pk, offset_minutes=reminder.offset_minutes)
    return True
