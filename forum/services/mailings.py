"""Telling thousands of subscribers that the minutes are published, in a task, in batches.

Publishing in the request took 11 s for 5,004 subscribers and would pass gunicorn's timeout
further on; now the request records a MinutesMailing and a task writes the e-mails, while the
liaison officer's page shows how far it got.
"""

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from forum.links import MINUTES, forum_link, unsubscribe_headers, unsubscribe_link
from forum.models import MinutesMailing, Occurrence, Subscriber
from karlshamn_portal.outbox.batch import SlotRenderer
from karlshamn_portal.outbox.services import build_email, queue_emails

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# A mailing not advanced for this long lost its task (a broker or worker outage); the sweep
# resumes it.
RESUME_AFTER = timedelta(minutes=2)


def start_minutes_mailing(occurrence: Occurrence) -> MinutesMailing:
    """Inside publish_minutes' transaction: the mailing row, and its task once that commits."""
    mailing = MinutesMailing.objects.create(
        occurrence=occurrence, recipients=occurrence.series.subscribers.confirmed().count()
    )
    transaction.on_commit(lambda: _enqueue(mailing.pk))
    return mailing


def _enqueue(mailing_id: int) -> None:
    from forum.tasks import send_minutes_mailing

    try:
        send_minutes_mailing.delay(mailing_id)
    except Exception:  # noqa: BLE001 - any broker failure; the sweep resumes the mailing
        logger.warning(
            "Broker unreachable; minutes mailing %s waits for the sweep", mailing_id, exc_info=True
        )


def send_minutes_mailing(mailing_id: int) -> int:
    """Write the mailing's e-mails batch by batch until every subscriber is told; returns how
    many this run wrote."""
    written = 0
    while True:
        batch = _send_batch(mailing_id)
        if batch is None:
            return written
        written += batch


@transaction.atomic
def _send_batch(mailing_id: int) -> int | None:
    """One batch in one transaction: the mailing row is locked, so a second run waits and then
    starts after this batch. None when the mailing is finished."""
    mailing = (
        MinutesMailing.objects.select_for_update()
        .select_related("occurrence__series", "occurrence__meeting")
        .filter(pk=mailing_id, finished_at=None)
        .first()
    )
    if mailing is None:
        return None
    occurrence = mailing.occurrence
    subscribers = list(
        occurrence.series.subscribers.confirmed()
        .filter(pk__gt=mailing.last_subscriber_id)
        .order_by("pk")[:BATCH_SIZE]
    )
    now = timezone.now()
    if not subscribers:
        mailing.finished_at = mailing.updated_at = now
        mailing.recipients = max(mailing.recipients, mailing.told)
        mailing.save(update_fields=["finished_at", "updated_at", "recipients"])
        return None
    queue_emails(_minutes_emails(occurrence, subscribers))
    mailing.told += len(subscribers)
    mailing.last_subscriber_id = subscribers[-1].pk
    mailing.updated_at = now
    mailing.save(update_fields=["told", "last_subscriber_id", "updated_at"])
    return len(subscribers)


def _minutes_emails(occurrence: Occurrence, subscribers: list[Subscriber]) -> list[Any]:
    series = occurrence.series

    def context(values: Mapping[str, str]) -> dict[str, Any]:
        return {"series": series, "occurrence": occurrence, **values}

    renderers: dict[str, SlotRenderer] = {}
    messages = []
    for subscriber in subscribers:
        if subscriber.language not in renderers:
            renderers[subscriber.language] = SlotRenderer(
                "forum_minutes",
                subscriber.language,
                context,
                ["minutes_url", "unsubscribe_url"],
                len(subscribers),
            )
        unsubscribe = unsubscribe_link(series.pk, subscriber.email)
        values = {
            "minutes_url": forum_link(MINUTES, occurrence=occurrence.pk, subscriber=subscriber.pk),
            "unsubscribe_url": unsubscribe,
        }
        messages.append(
            build_email(
                "forum_minutes",
                subscriber.email,
                renderers[subscriber.language].render(values),
                language=subscriber.language,
                dedupe_key=f"forum-minutes:{occurrence.pk}:{subscriber.pk}",
                headers=unsubscribe_headers(series.pk, subscriber.email, unsubscribe),
            )
        )
    return messages


def resume_stalled_mailings(now: datetime | None = None) -> int:
    """The sweep: mailings whose task was lost carry on where they stopped."""
    now = now or timezone.now()
    stalled = MinutesMailing.objects.filter(finished_at=None, updated_at__lt=now - RESUME_AFTER)
    return sum(send_minutes_mailing(pk) for pk in list(stalled.values_list("pk", flat=True)))
