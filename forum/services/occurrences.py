"""Changing one occurrence without touching the others: cancel, move, refresh, withdraw.

The e-mails (update, cancellation) are the meetings app's; an occurrence is a meeting that
also remembers where the rule put it.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from forum.models import Occurrence, WaitingListEntry
from meetings.models import Meeting
from meetings.services import cancel_meeting, move_meeting, plan_reminders


class OccurrenceError(Exception):
    """A change this occurrence does not allow (it is cancelled or already over)."""


def _changeable(occurrence: Occurrence, now: datetime) -> Occurrence:
    locked = Occurrence.objects.select_for_update().select_related("meeting", "series").get(pk=occurrence.pk)
    if locked.is_cancelled:
        raise OccurrenceError("the occurrence is cancelled")
    if locked.meeting.start <= now:
        raise OccurrenceError("the occurrence has started")
    return locked


@transaction.atomic
def cancel_occurrence(occurrence: Occurrence, reason: str) -> Occurrence:
    """Cancel this one meeting; everyone who had the invitation gets a cancellation."""
    locked = _changeable(occurrence, timezone.now())
    cancel_meeting(locked.meeting, reason)
    locked.waiting_list.all().delete()
    return locked


@transaction.atomic
def move_occurrence(
    occurrence: Occurrence, start: datetime, end: datetime, place: str | None = None
) -> Occurrence:
    """Move this one meeting; invitees get an update and answer again. Its RECURRENCE-ID stays."""
    now = timezone.now()
    locked = _changeable(occurrence, now)
    if start <= now:
        raise OccurrenceError("an occurrence cannot be moved into the past")
    meeting = locked.meeting
    lead = meeting.start - meeting.invite_at if meeting.invite_at else None
    move_meeting(meeting, start=start, end=end, place=place)
    if lead is not None:
        # Invitations keep their lead time before the new start; ones already sent stay sent.
        Meeting.objects.filter(pk=meeting.pk).update(invite_at=start - lead)
    # Every answer was reset, so nobody is waiting for a seat any more.
    locked.waiting_list.all().delete()
    return locked


def refresh_occurrence(occurrence: Occurrence, values: dict[str, object]) -> None:
    """After a series edit: carry over name, place, length, lead time and reminders to an
    occurrence whose time stays. Answers are kept unless its end time changes."""
    meeting = occurrence.meeting
    if occurrence.is_cancelled:
        return
    timing = {"invite_at": values["invite_at"], "reminder_offsets": values["reminder_offsets"]}
    if any(getattr(meeting, name) != value for name, value in timing.items()):
        Meeting.objects.filter(pk=meeting.pk).update(**timing)
        for name, value in timing.items():
            setattr(meeting, name, value)
        plan_reminders(meeting)
    # A moved occurrence keeps the time and length the liaison gave it.
    names = (
        ("title", "place", "online_url") if occurrence.is_moved else ("title", "place", "online_url", "end")
    )
    visible = {name: values[name] for name in names}
    if any(getattr(meeting, name) != value for name, value in visible.items()):
        move_meeting(meeting, start=meeting.start, **visible)  # type: ignore[arg-type]


def withdraw_occurrence(occurrence: Occurrence, reason: str) -> None:
    """The rule no longer produces this occurrence: forget it if nobody was invited yet,
    otherwise cancel it so the invitees hear about it."""
    meeting = occurrence.meeting
    if not meeting.invitations.exists():
        WaitingListEntry.objects.filter(occurrence=occurrence).delete()
        occurrence.delete()
        meeting.delete()
        return
    cancel_meeting(meeting, reason)
