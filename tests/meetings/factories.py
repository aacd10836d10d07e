"""Factories for meetings: times are given in Stockholm wall-clock time, like the liaison picks them."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from karlshamn_portal.outbox.models import OutboxMessage
from meetings.models import Meeting
from meetings.services import create_meeting

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def local(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def make_meeting(start: datetime | None = None, minutes: int = 60, **fields: object) -> Meeting:
    start = start or local(2030, 5, 14, 9)
    fields.setdefault("title", "Samordnat möte om bygglov")
    fields.setdefault("place", "Rådhuset, Karlshamn")
    return create_meeting(start=start, end=start + timedelta(minutes=minutes), **fields)  # type: ignore[arg-type]


def mails_to(email: str, template: str | None = None) -> list[OutboxMessage]:
    messages = OutboxMessage.objects.filter(recipient=email).order_by("created_at", "id")
    if template:
        messages = messages.filter(template_name=template)
    return list(messages)


def calendar_of(message: OutboxMessage) -> Calendar:
    (part,) = [a for a in message.attachments if a["content_type"].startswith("text/calendar")]
    return Calendar.from_ical(part["content"])


def event_of(message: OutboxMessage):  # type: ignore[no-untyped-def]
    (event,) = calendar_of(message).walk("VEVENT")
    return event


# What a recipient gets from an outbox message.
EMAIL_FIELDS = ("recipient", "subject", "body_text", "body_html", "language", "attachments", "headers")


def emails_by_recipient(messages) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    return {m.recipient: tuple(getattr(m, name) for name in (*EMAIL_FIELDS, "dedupe_key")) for m in messages}


def written_alone(invitations) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    """The invitation e-mails queue_request writes for each invitation on its own (rendered and
    serialized in full), instead of those already stored."""
    from meetings.services import mail

    messages = []
    for invitation in invitations:
        OutboxMessage.objects.filter(recipient=invitation.email).delete()
        messages.append(mail.queue_request(invitation, is_update=False))
    return emails_by_recipient(messages)
