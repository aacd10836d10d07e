"""Creating, moving and cancelling meetings; every change the invitees must know is mailed."""

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from meetings.models import Answer, Meeting, MeetingStatus
from meetings.services import mail
from meetings.services.errors import MeetingError
from meetings.services.invitations import send_invitation
from meetings.services.reminders import plan_reminders


def _check_times(start: datetime, end: datetime) -> None:
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise MeetingError("meeting times must be aware datetimes")
    if end <= start:
        raise MeetingError("a meeting must end after it starts")


@transaction.atomic
def create_meeting(
    *,
    title: str,
    start: datetime,
    end: datetime,
    place: str = "",
    online_url: str = "",
    description: str = "",
    organizer: User | None = None,
    reminder_offsets: list[int] | None = None,
    invite_at: datetime | None = None,
    series_uid: str = "",
    recurrence_id: datetime | None = None,
) -> Meeting:
    """A scheduled meeting without invitees; add them with invite()."""
    _check_times(start, end)
    meeting = Meeting(
        title=title,
        start=start,
        end=end,
        place=place,
        online_url=online_url,
        description=description,
        organizer=organizer,
        invite_at=invite_at,
        series_uid=series_uid,
        recurrence_id=recurrence_id,
    )
    if reminder_offsets is not None:
        meeting.reminder_offsets = sorted({int(offset) for offset in reminder_offsets}, reverse=True)
    meeting.save()
    return meeting


def _locked(meeting: Meeting) -> Meeting:
    # Each change raises SEQUENCE once; the row lock keeps two changes from using the same number.
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


@transaction.atomic
def move_meeting(
    meeting: Meeting,
    *,
    start: datetime,
    end: datetime,
    place: str | None = None,
    online_url: str | None = None,
    title: str | None = None,
    description: str | None = None,
) -> Meeting:
    """Change the time or place; raises SEQUENCE and mails the update.

    A new time is a new proposal: every current invitee gets it, those who declined included
    (a decline often means "not then"), and every answer is reset to needs action, as an accept
    for Tuesday is no accept for Thursday. Another place or title goes to everyone who has not
    declined. Returns the meeting as saved; nothing happens when nothing changed. Who was told
    is `meeting.invitations.told_of_current_version(meeting)`.
    """
    _check_times(start, end)
    locked = _locked(meeting)
    if not locked.is_open_for_answers(timezone.now()):
        raise MeetingError("a cancelled meeting, or one that is over, cannot be moved")
    # None leaves a field as it is; only real differences count as a change.
    wanted = dict(
        start=start, end=end, place=place, online_url=online_url, title=title, description=description
    )
    changed = {
        name: value for name, value in wanted.items() if value is not None and getattr(locked, name) != value
    }
    if not changed:
        return locked
    for name, value in changed.items():
        setattr(locked, name, value)
    locked.sequence += 1
    locked.save()
    moved = "start" in changed or "end" in changed
    invitations = locked.invitations.all() if moved else locked.invitations.not_declined()
    if moved:
        invitations.update(answer=Answer.NEEDS_ACTION, answered_at=None, comment="")
    plan_reminders(locked)
    for invitation in invitations.filter(sent_sequence__isnull=False).select_related("meeting"):
        send_invitation(invitation)
    _copy(locked, meeting)
    return locked


@transaction.atomic
def cancel_meeting(meeting: Meeting, reason: str = "") -> Meeting:
    """Cancel for everyone: METHOD:CANCEL to each person who was sent the invitation."""
    locked = _locked(meeting)
    if locked.is_cancelled:
        return locked
    locked.status = MeetingStatus.CANCELLED
    locked.cancel_reason = reason
    locked.sequence += 1
    locked.save()
    plan_reminders(locked)
    for invitation in locked.invitations.filter(sent_sequence__isnull=False).select_related("meeting"):
        mail.queue_cancellation(invitation)
    _copy(locked, meeting)
    return locked


def _copy(source: Meeting, target: Meeting) -> None:
    # The caller's instance shows the saved state too.
    if source is not target:
        target.__dict__.update({key: value for key, value in source.__dict__.items() if key != "_state"})
