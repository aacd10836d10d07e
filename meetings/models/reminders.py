from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models.meetings import Invitation


class ReminderStatus(models.TextChoices):
    # pending -> sent; pending -> skipped (meeting moved, cancelled or started, invitee declined,
    # or a later reminder for the same meeting time was also due after an outage).
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Skipped")


class ReminderQuerySet(models.QuerySet["Reminder"]):
    def due(self, now: datetime) -> "ReminderQuerySet":
        return self.filter(status=ReminderStatus.PENDING, due_at__lte=now)

    def pending(self) -> "ReminderQuerySet":
        return self.filter(status=ReminderStatus.PENDING)


class Reminder(models.Model):
    """One reminder for one invitation, planned for one meeting time and one offset.

    The unique row is what makes a reminder go out exactly once: a moved meeting gets new rows
    for its new start, and the scan claims a row before it writes the e-mail.
    """

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="reminders")
    planned_start = models.DateTimeField()
    offset_minutes = models.PositiveIntegerField()
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "planned_start", "offset_minutes"],
                name="one_reminder_per_time_and_offset",
            )
        ]
        indexes = [
            # The periodic scan: Reminder.objects.due(now).
            models.Index(fields=["due_at"], name="reminder_pending_due", condition=Q(status="pending")),
        ]
