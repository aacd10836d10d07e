"""The e-mails of a meeting: each one written to the outbox with a dedupe key, so it goes out once."""

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from karlshamn_portal.outbox.batch import SlotRenderer
from karlshamn_portal.outbox.models import OutboxMessage
from karlshamn_portal.outbox.services import Attachment, build_email, queue_email, queue_emails
from meetings import ics
from meetings.links import answer_urls
from meetings.models import Invitation, Meeting
from meetings.signals import email_context

INVITATION = "meeting_invitation"
UPDATE = "meeting_update"
CANCELLED = "meeting_cancelled"
REMOVED = "meeting_removed"
REMINDER = "meeting_reminder"


@dataclass
class MailBatch:
    """The invitations one change mails at once, passed to email_context receivers so they can look
    up what they need for all of them at once and keep it in `memo`."""

    invitations: Sequence[Invitation]
    memo: dict[Any, Any] = field(default_factory=dict)


def _context(
    kind: str, invitation: Invitation, batch: MailBatch | None = None, **extra: Any
) -> dict[str, Any]:
    """The template context, with what the owning app adds through the email_context signal."""
    context: dict[str, Any] = {"invitation": invitation, "meeting": invitation.meeting, **extra}
    sections: list[dict[str, str]] = []
    footer_links: list[dict[str, str]] = []
    headers: dict[str, str] = {}
    for _receiver, added in email_context.send(
        sender=Meeting,
        kind=kind,
        invitation=invitation,
        meeting=invitation.meeting,
        batch=batch or MailBatch([invitation]),
        **extra,
    ):
        parts: dict[str, Any] = added if isinstance(added, dict) else {}
        sections += parts.get("sections", [])
        footer_links += parts.get("footer_links", [])
        headers.update(parts.get("headers", {}))
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
    stored = queue_requests([invitation], is_update=is_update)
    return stored[0] if stored else None


ANSWERS = ("accepted", "tentative", "declined")


def queue_requests(invitations: Sequence[Invitation], *, is_update: bool) -> list[OutboxMessage]:
    """queue_request for many invitations of one meeting (a forum's invite list), written in a few
    INSERTs. What is the same for everyone is looked up, rendered and serialized once: the owning
    app's additions through MailBatch, the templates through SlotRenderer, the .ics through
    InvitationCalendars. Each e-mail reads exactly as queue_request would have written it."""
    if not invitations:
        return []
    meeting = invitations[0].meeting
    kind = UPDATE if is_update else INVITATION
    batch = MailBatch(invitations)
    calendars = ics.InvitationCalendars(meeting, len(invitations))
    content_type = ics.content_type(ics.REQUEST)
    groups: dict[tuple, list[tuple[Invitation, dict[str, Any]]]] = defaultdict(list)
    for invitation in invitations:
        if invitation.meeting_id != meeting.pk:
            raise ValueError("queue_requests takes the invitations of one meeting")
        invitation.meeting = meeting
        context = _context(kind, invitation, batch=batch, answer_urls=answer_urls(invitation))
        groups[_shape(invitation, context)].append((invitation, context))
    messages = []
    for shape, members in groups.items():
        renderer = SlotRenderer(kind, shape[0], _context_maker(meeting, shape), _slots(shape), len(members))
        for invitation, context in members:
            messages.append(
                build_email(
                    kind,
                    invitation.email,
                    renderer.render(_values(invitation, context)),
                    language=invitation.language,
                    attachments=[Attachment("invite.ics", content_type, calendars.ics(invitation))],
                    dedupe_key=f"meeting-request:{invitation.pk}:{meeting.sequence}",
                    headers=context["headers"],
                )
            )
    return queue_emails(messages)


def _shape(invitation: Invitation, context: dict[str, Any]) -> tuple:
    """What the rendered text depends on besides each person's own values (see _values)."""
    sections = tuple((section["heading"], section["text"]) for section in context["sections"])
    labels = tuple(link["label"] for link in context["footer_links"])
    return (invitation.language, invitation.role, sections, labels)


def _slots(shape: tuple) -> list[str]:
    labels = shape[3]
    return ["pk", "name", "email", *ANSWERS, *(f"link{number}" for number in range(len(labels)))]


def _values(invitation: Invitation, context: dict[str, Any]) -> dict[str, str]:
    values = {"pk": str(invitation.pk), "name": invitation.name, "email": invitation.email}
    values.update({answer: context["answer_urls"][answer] for answer in ANSWERS})
    values.update({f"link{number}": link["url"] for number, link in enumerate(context["footer_links"])})
    return values


def _context_maker(meeting: Meeting, shape: tuple) -> Callable[[Mapping[str, str]], dict[str, Any]]:
    language, role, sections, labels = shape

    def make_context(values: Mapping[str, str]) -> dict[str, Any]:
        stand_in = Invitation(
            meeting=meeting, name=values["name"], email=values["email"], role=role, language=language
        )
        stand_in.pk = values["pk"]
        return {
            "invitation": stand_in,
            "meeting": meeting,
            "answer_urls": {answer: values[answer] for answer in ANSWERS},
            "sections": [{"heading": heading, "text": text} for heading, text in sections],
            "footer_links": [
                {"label": label, "url": values[f"link{number}"]} for number, label in enumerate(labels)
            ],
        }

    return make_context


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
