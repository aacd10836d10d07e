"""Queueing e-mails: render one by name, store it in the outbox in the caller's transaction, and
hand it to the workers once that transaction commits.

Imports run one way: this module hands ids to outbox.tasks, whose tasks call outbox.delivery.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from karlshamn_portal.outbox.models import OutboxMessage
from karlshamn_portal.outbox.tasks import enqueue_deliveries

# Rows per INSERT of queue_emails: a few MB of rendered e-mails per statement.
INSERT_BATCH_SIZE = 500
TEMPLATE_PARTS = ("subject.txt", "body.txt", "body.html")


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
    """Hand the messages of one queue_email(s) call to the broker together when the surrounding
    transaction commits: one callback per call, so a fan-out of thousands is a few dozen broker
    messages, each delivered over one SMTP connection. Messages written in a savepoint that is
    rolled back take their callback with them."""
    if message_ids:
        transaction.on_commit(partial(enqueue_deliveries, list(message_ids)))
