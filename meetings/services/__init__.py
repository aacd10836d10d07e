"""The meetings API, shared by case meetings (liaison) and forum occurrences (forum).

meeting = create_meeting(title=..., start=..., end=..., place=..., organizer=user,
                         reminder_offsets=[10080, 1440], invite_at=start - timedelta(days=14))
invitation = invite(meeting, name=..., email=..., user=None, role=InvitationRole.REQUIRED)
added = invite_many(meeting, [Invitee(name=..., email=..., language="en"), ...])  # thousands at once
move_meeting(meeting, start=..., end=...)      # SEQUENCE+1, answers reset, update to all not declined
cancel_meeting(meeting, reason)               # METHOD:CANCEL to everyone who had the invitation
remove_invitation(invitation)                 # METHOD:CANCEL to that person
record_answer(invitation, Answer.ACCEPTED, comment, actor=user)  # sends signals.answer_recorded
plan_reminders(meeting)                       # after changing meeting.reminder_offsets
send_due_invitations(); send_due_reminders()  # the periodic scan (meetings.send_due_reminders)
"""

from meetings.services.errors import MeetingError
from meetings.services.invitations import (
    Invitee,
    invite,
    invite_many,
    record_answer,
    remove_invitation,
    send_due_invitations,
    send_invitation,
)
from meetings.services.meetings import cancel_meeting, create_meeting, move_meeting
from meetings.services.reminders import plan_reminders, send_due_reminders

__all__ = [
    "Invitee",
    "MeetingError",
    "cancel_meeting",
    "create_meeting",
    "invite",
    "invite_many",
    "move_meeting",
    "plan_reminders",
    "record_answer",
    "remove_invitation",
    "send_due_invitations",
    "send_due_reminders",
    "send_invitation",
]
