from meetings.models.meetings import (
    GIVEN_ANSWERS,
    Answer,
    Invitation,
    InvitationQuerySet,
    InvitationRole,
    Meeting,
    MeetingQuerySet,
    MeetingStatus,
    default_reminder_offsets,
)
from meetings.models.reminders import Reminder, ReminderQuerySet, ReminderStatus

__all__ = [
    "GIVEN_ANSWERS",
    "Answer",
    "Invitation",
    "InvitationQuerySet",
    "InvitationRole",
    "Meeting",
    "MeetingQuerySet",
    "MeetingStatus",
    "Reminder",
    "ReminderQuerySet",
    "ReminderStatus",
    "default_reminder_offsets",
]
