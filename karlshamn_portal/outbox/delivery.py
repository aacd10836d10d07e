"""Delivering e-mails from the outbox: claim a queued message, send it, record what happened,
and put back the messages of a worker that died mid-send.

Called by the tasks in outbox.tasks; it imports neither them nor the queueing side.
"""

import logging
import smtplib
from datetime import timedelta
from typing import cast

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import F
from django.utils import timezone

from karlshamn_portal.cache import forget
from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

# Whether any e-mail has failed for good, which the dashboard tells liaison officers on every
# visit: kept in the cache, dropped when a message is saved as failed or deleted (signals
# connected in apps.py). The expiry only bounds a change made around the ORM.
FAILED_FLAG_KEY = "outbox:any-failed"
FAILED_FLAG_SECONDS = 300


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 3600))


def _smtp_code(error: Exception) -> int | None:
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [c for c, _ in error.recipients.values()]
        code = min(codes) if codes else None
    return code if isinstance(code, int) else None


def _is_permanent(error: Exception) -> bool:
    code = _smtp_code(error)
    return code is not None and 500 <= code < 600


def _logged_reason(error: Exception) -> str:
    """The kind of failure and its SMTP code, without the server's own words: those often repeat
    the recipient's address ("550 <anna@example.se>: no such user"), which belongs on the
    outbox row (last_error), not in the log."""
    code = _smtp_code(error)
    return type(error).__name__ + (f" {code}" if code is not None else "")


def _build(message: OutboxMessage, connection: BaseEmailBackend | None) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": message.language, **message.headers},
        connection=connection or get_connection(),
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for part in message.attachments:
        if part["content_type"].startswith("text/calendar"):
            # Outlook and Gmail show an invitation with answer buttons only when the calendar
            # is also one of the alternative bodies, not just an attached file.
            email.attach_alternative(part["content"], f"{part['content_type']}; charset=utf-8")
        email.attach(part["filename"], part["content"], part["content_type"])
    return email


def any_failed() -> bool:
    """Whether some e-mail could not be delivered."""
    return cast(
        bool, cache.get_or_set(FAILED_FLAG_KEY, OutboxMessage.objects.failed().exists, FAILED_FLAG_SECONDS)
    )


def forget_failed_flag() -> None:
    forget(FAILED_FLAG_KEY)


def deliver(message_id: int, connection: BaseEmailBackend | None = None) -> str:
    """Send one queued message (over `connection` when given); returns its status afterwards.

    The conditional update claims the row, so a second worker or a redelivered task finds
    nothing to do.
    """
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=message_id, status=OutboxStatus.QUEUED, next_attempt_at__lte=now
    ).update(status=OutboxStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return "skipped"
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        _build(message, connection).send()
    except Exception as error:  # noqa: BLE001 - every failure is recorded on the row
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        if _is_permanent(error) or message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            message.status = OutboxStatus.FAILED
        else:
            message.status = OutboxStatus.QUEUED
            message.next_attempt_at = timezone.now() + _backoff(message.attempts)
        message.save(update_fields=["status", "last_error", "next_attempt_at"])
        logger.warning("Delivery of outbox message %s failed: %s", message_id, _logged_reason(error))
        return message.status
    message.status = OutboxStatus.SENT
    message.sent_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["status", "sent_at", "last_error"])
    return message.status


def requeue_stalled(limit: int = 500) -> list[int]:
    """Put messages left 'sending' by a dead worker back in the queue; returns the ids of the
    messages due now (those and any whose retry time has come), oldest first, for the sweep to
    hand to the workers."""
    now = timezone.now()
    stalled_after = timedelta(seconds=settings.OUTBOX_STALLED_AFTER_SECONDS)
    OutboxMessage.objects.stalled(now, stalled_after).update(status=OutboxStatus.QUEUED)
    return list(
        OutboxMessage.objects.due(now).order_by("next_attempt_at").values_list("pk", flat=True)[:limit]
    )
