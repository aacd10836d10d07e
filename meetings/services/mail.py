"""The e-mails of a meeting: each one written to the outbox with a dedupe key, so it goes out once."""

from typing import Any

from karlshamn_portal.outbox.models import OutboxMessage
from karlshamn_portal.outbox.services import Attachment, queue_email
from meetings import ics
from meetings.links import answer_urls
from meetings.models import Invitation
from meetings.signals import email_context

INVITATION = "meeting_invitation"
UPDATE = "meeting_update"
CANCELLED = "meeting_cancelled"
REMOVED = "meeting_removed"
REMINDER = "meeting_reminder"


def _context(invitation: Invitation, **extra: Any) -> dict[str, Any]:
    context = {"invitation": invitation, "meeting": invitation.meeting, **extra}
    for _receiver, owner_context in email_context.send(sender=Invitation, invitation=invitation):
        context.update(owner_context or {})
    return context


def queue_request(invitation: Invitation, *, is_update: bool) -> OutboxMessage | None:
    """An invitation or an update, with the .ics (METHOD:REQUEST) and the three answer links."""
    meeting = invitation.meeting
    return queue_email(
        UPDATE if is_update else INVITATION,
        invitation.email,
        _context(invitation, answer_urls=answer_urls(invitation)),
        language=invitation.language,
        attachments=[Attachment("invite.ics", ics.content_type(ics.REQUEST), ics.invitation_ics(invitation))],
        dedupe_key=f"meeting-request:{invitation.pk}:{meeting.sequence}",
    )


def queue_cancellation(invitation: Invitation, *, removed: bool = False) -> OutboxMessage | None:
    """A cancellation (.ics METHOD:CANCEL): the meeting is off, or this person is off the list."""
    meeting = invitation.meeting
    return queue_email(
        REMOVED if removed else CANCELLED,
        invitation.email,
        _context(invitation),
        language=invitation.language,
        attachments=[
            Attachment("cancel.ics", ics.content_type(ics.CANCEL), ics.cancellation_ics(invitation))
        ],
        dedupe_key=f"meeting-cancel:{invitation.pk}:{meeting.sequence}",
    )


def queue_reminder(invitation: Invitation, reminder_id: int, **extra: Any) -> OutboxMessage | None:
    return queue_email(
        REMINDER,
        invitation.email,
        _context(invitation, answer_urls=answer_urls(invitation), **extra),
        language=invitation.language,
        dedupe_key=f"meeting-reminder:{reminder_id}",
    )
