from datetime import datetime, timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    # queued -> sending -> sent
    #                   -> queued again (temporary SMTP error, or a worker died mid-send)
    #                   -> failed (permanent SMTP error or too many attempts)
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxQuerySet(models.QuerySet["OutboxMessage"]):
    def due(self, now: datetime) -> "OutboxQuerySet":
        return self.filter(status=OutboxStatus.QUEUED, next_attempt_at__lte=now)

    def stalled(self, now: datetime, after: timedelta) -> "OutboxQuerySet":
        return self.filter(status=OutboxStatus.SENDING, claimed_at__lt=now - after)

    def failed(self) -> "OutboxQuerySet":
        return self.filter(status=OutboxStatus.FAILED)


class OutboxMessage(models.Model):
    """One e-mail, stored in the same transaction as the change that caused it."""

    template_name = models.CharField(_("template"), max_length=100)
    recipient = models.EmailField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    # [{"filename": ..., "content_type": ..., "content": str}] – small text parts such as .ics.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=8, default="sv")
    # Extra headers such as List-Unsubscribe, which mail programs show as an unsubscribe button.
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    # A natural key for messages that must go out once only (a reminder for one invitation at
    # one meeting time); the unique index makes a second insert fail instead of a second mail.
    dedupe_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The periodic sweep: OutboxMessage.objects.due(now) and .stalled(now, after).
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_queued_due",
                condition=Q(status__in=["queued", "sending"]),
            ),
            # The dashboard warning: OutboxMessage.objects.failed().
            models.Index(fields=["created_at"], name="outbox_failed", condition=Q(status="failed")),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"
