"""The e-mails of a meeting: each one written to the outbox with a dedupe key, so it goes out once."""

from typing import Any

from karlshamn_portal.outbox.models import OutboxMessage
from karlshamn_portal.outbox.services import Attachment, queue_email
from meetings import ics
from meetings.links import answer_urls
from meetings.models import Invitation, Meeting
from meetings.signals import email_context

INVITATION = "meeting_invitation"
UPDATE = "meeting_update"
CANCELLED = "meeting_cancelled"
REMOVED = "meeting_removed"
REMINDER = "meeting_reminder"


def _context(kind: str, invitation: Invitation, **extra: Any) -> dict[str, Any]:
    """The template context, with what the owning app adds through the email_context signal."""
    context: dict[str, Any] = {"invitation": invitation, "meeting": invitation.meeting, **extra}
    sections: list[dict[str, str]] = []
    footer_links: list[dict[str, str]] = []
    headers: dict[str, str] = {}
    for _receiver, added in email_context.send(
        sender=Meeting, kind=kind, invitation=invitation, meeting=invitation.meeting, **extra
    ):
        sections += (added or {}).get("sections", [])
        footer_links += (added or {}).get("footer_links", [])
        headers.update((added or {}).get("headers", {}))
    return {**context, "sections": sections, "footer_links": footer_links, "headers": headers}


def _queue(
    kind: str, invitation: Invitation, context: dict[str, Any], **options: Any
) -> OutboxMessage | None:
    headers = context.pop("headers")
    return queue_email(
        kind, invitation.email, context, language=invitation.language, headers=headers, **options
    )


def queue_request(invitation: Invitation, *, is_update: bool) -> OutboxMessage | None:
    """An invitation or an update, with the .ics (METHOD:REQUEST) and the three answer links."""
    meeting = invitation.meeting
    kind = UPDATE if is_update else INVITATION
    return _queue(
        kind,
        invitation,
        _context(kind, invitation, answer_urls=answer_urls(invitation)),
        attachments=[Attachment("invite.ics", ics.content_type(ics.REQUEST), ics.invitation_ics(invitation))],
        dedupe_key=f"meeting-request:{invitation.pk}:{meeting.sequence}",
    )


def queue_cancellation(invitation: Invitation, *, removed: bool = False) -> OutboxMessage | None:
    """A cancellation (.ics METHOD:CANCEL): the meeting is off, or this person is off the list."""
    meeting = invitation.meeting
    kind = REMOVED if removed else CANCELLED
    return _queue(
        kind,
        invitation,
        _context(kind, invitation),
        attachments=[
            Attachment("cancel.ics", ics.content_type(ics.CANCEL), ics.cancellation_ics(invitation))
        ],
        dedupe_key=f"meeting-cancel:{invitation.pk}:{meeting.sequence}",
    )


def queue_reminder(invitation: Invitation, reminder_id: int, offset_minutes: int) -> OutboxMessage | None:
    offsets = [int(offset) for offset in invitation.meeting.reminder_offsets]
    is_last = offset_minutes <= min(offsets, default=offset_minutes)
    return _queue(
        REMINDER,
        invitation,
        _context(
            REMINDER,
            invitation,
            answer_urls=answer_urls(invitation),
            offset_minutes=offset_minutes,
            is_last_reminder=is_last,
        ),
        dedupe_key=f"meeting-reminder:{reminder_id}",
    )
