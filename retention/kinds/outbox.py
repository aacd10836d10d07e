"""Outgoing e-mail: the texts of sent messages go, the row (recipient, subject, status, times)
stays as the record that it was sent; failed messages go whole."""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from retention.registry import Kind


class SentEmailBodies(Kind):
    key = "sent_email_bodies"
    label = _("Texts of sent e-mails")
    rule = _("the text removed %(days)s days after sending; recipient, subject, status and times stay")

    def due(self, cutoff: datetime) -> Iterable[QuerySet]:
        # Every message has a text part, so an empty one is a cleared one.
        return [
            OutboxMessage.objects.filter(status=OutboxStatus.SENT, sent_at__lt=cutoff).exclude(body_text="")
        ]

    def clear(self, rows: QuerySet, now: datetime) -> None:
        rows.update(body_text="", body_html="", attachments=[], headers={})


class FailedEmails(Kind):
    key = "failed_emails"
    label = _("Failed e-mails")
    rule = _("deleted %(days)s days after they were written")

    def due(self, cutoff: datetime) -> Iterable[QuerySet]:
        return [OutboxMessage.objects.filter(status=OutboxStatus.FAILED, created_at__lt=cutoff)]
