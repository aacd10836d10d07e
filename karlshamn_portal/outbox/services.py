"""Writing e-mails into the outbox and delivering them from it."""

import logging
import smtplib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from karlshamn_portal.cache import forget
from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

# Messages per delivery task: one SMTP connection each, short enough that a worker restart
# costs little.
BATCH_SIZE = 50
# Rows per INSERT of queue_emails: a few MB of rendered e-mails per statement.
INSERT_BATCH_SIZE = 500
TEMPLATE_PARTS = ("subject.txt", "body.txt", "body.html")
# Whether any e-mail has failed for good, which the dashboard tells liaison officers on every
# visit: kept in the cache, dropped when a message is saved as failed or deleted (signals
# connected in apps.py). The expiry only bounds a change made around the ORM.
FAILED_FLAG_KEY = "outbox:any-failed"
FAILED_FLAG_SECONDS = 300


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: str


def render_templates(name: str, context: dict[str, Any], language: str) -> tuple[str, str, str]:
    """The three templates of e-mail `name` as rendered, before finish_email tidies them."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        return tuple(  # type: ignore[return-value]
            render_to_string(f"emails/{name}/{part}", context) for part in TEMPLATE_PARTS
        )


def finish_email(subject: str, text: str, html: str) -> tuple[str, str, str]:
    return " ".join(subject.split()), text.strip() + "\n", html


def render_email(name: str, context: dict[str, Any], language: str) -> tuple[str, str, str]:
    """Render templates/emails/<name>/{subject.txt,body.txt,body.html} in `language`."""
    return finish_email(*render_templates(name, context, language))


def build_email(
    name: str,
    recipient: str,
    rendered: tuple[str, str, str],
    *,
    language: str,
    attachments: Iterable[Attachment] = (),
    dedupe_key: str | None = None,
    headers: dict[str, str] | None = None,
) -> OutboxMessage:
    """An unsaved message from a rendered e-mail (subject, text, html), for queue_emails."""
    subject, text, html = rendered
    return OutboxMessage(
        template_name=name,
        recipient=recipient,
        subject=subject,
        body_text=text,
        body_html=html,
        language=language,
        attachments=[a.__dict__ for a in attachments],
        headers=headers or {},
        dedupe_key=dedupe_key,
    )


def queue_email(
    name: str,
    recipient: str,
    context: dict[str, Any],
    *,
    language: str | None = None,
    attachments: Iterable[Attachment] = (),
    dedupe_key: str | None = None,
    headers: dict[str, str] | None = None,
) -> OutboxMessage | None:
    """Store one e-mail and have it delivered once the surrounding transaction commits.

    Returns None when a message with the same dedupe_key already exists.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    message = build_email(
        name,
        recipient,
        render_email(name, context, language),
        language=language,
        attachments=attachments,
        dedupe_key=dedupe_key,
        headers=headers,
    )
    if not _save_once(message):
        return None
    _deliver_after_commit([message.pk])
    return message


def _save_once(message: OutboxMessage) -> bool:
    """Save one message; False when its dedupe key is already stored."""
    if not message.dedupe_key:
        message.save()
        return True
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return False
    return True


def queue_emails(messages: Sequence[OutboxMessage]) -> list[OutboxMessage]:
    """queue_email for many messages made with build_email: a few multi-row INSERTs instead of one
    per message, handed to the broker in batches once the surrounding transaction commits.

    Returns the messages stored. A message whose dedupe key is already stored is left out, as
    queue_email does: when the bulk insert meets such a key (a retry, a concurrent writer), it is
    undone and the messages are saved one by one.
    """
    if not messages:
        return []
    if not any(message.dedupe_key for message in messages):
        # Nothing can clash, so no savepoint: a request's query count stays low.
        stored = OutboxMessage.objects.bulk_create(messages, batch_size=INSERT_BATCH_SIZE)
        _deliver_after_commit([message.pk for message in stored])
        return stored
    try:
        with transaction.atomic():
            stored = OutboxMessage.objects.bulk_create(messages, batch_size=INSERT_BATCH_SIZE)
    except IntegrityError:
        for message in messages:
            message.pk = None
        stored = [message for message in messages if _save_once(message)]
    _deliver_after_commit([message.pk for message in stored])
    return stored


def _deliver_after_commit(message_ids: list[int]) -> None:
    """Hand the messages of one transaction to the broker together when it commits, so a fan-out
    of thousands is a few dozen broker messages, each delivered over one SMTP connection."""
    if not message_ids:
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        # The transaction's pending flush, unless it already ran (tests run callbacks early) or
        # was discarded with a rolled-back savepoint.
        for _savepoints, callback, _robust in connection.run_on_commit:
            pending = getattr(callback, "outbox_ids", None)
            if pending is not None:
                pending.extend(message_ids)
                return
    ids = list(message_ids)

    def flush() -> None:
        flush.outbox_ids = None  # type: ignore[attr-defined]
        enqueue_deliveries(ids)

    flush.outbox_ids = ids  # type: ignore[attr-defined]
    transaction.on_commit(flush)


def enqueue_deliveries(message_ids: list[int]) -> None:
    from karlshamn_portal.outbox.tasks import deliver_batch

    if len(message_ids) == 1:
        enqueue_delivery(message_ids[0])
        return
    for start in range(0, len(message_ids), BATCH_SIZE):
        batch = message_ids[start : start + BATCH_SIZE]
        try:
            deliver_batch.apply_async((batch,))
        except Exception:  # noqa: BLE001 - any broker failure; the sweep delivers them later
            logger.warning(
                "Broker unreachable; %s outbox messages wait for the sweep", len(batch), exc_info=True
            )


def enqueue_delivery(message_id: int, countdown: float = 0) -> None:
    from karlshamn_portal.outbox.tasks import deliver_message

    try:
        deliver_message.apply_async((message_id,), countdown=countdown)
    except Exception:  # noqa: BLE001 - any broker failure; the sweep delivers it later
        logger.warning("Broker unreachable; outbox message %s waits for the sweep", message_id, exc_info=True)


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 3600))


def _is_permanent(error: Exception) -> bool:
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [c for c, _ in error.recipients.values()]
        code = min(codes) if codes else None
    return isinstance(code, int) and 500 <= code < 600


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
        logger.warning("Delivery of outbox message %s failed: %s", message_id, message.last_error)
        return message.status
    message.status = OutboxStatus.SENT
    message.sent_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["status", "sent_at", "last_error"])
    return message.status


def requeue_stalled(limit: int = 500) -> int:
    """Hand due and stalled messages to the workers again; returns how many were enqueued."""
    now = timezone.now()
    stalled_after = timedelta(seconds=settings.OUTBOX_STALLED_AFTER_SECONDS)
    OutboxMessage.objects.stalled(now, stalled_after).update(status=OutboxStatus.QUEUED)
    ids = list(
        OutboxMessage.objects.due(now).order_by("next_attempt_at").values_list("pk", flat=True)[:limit]
    )
    if ids:
        enqueue_deliveries(ids)
    return len(ids)
