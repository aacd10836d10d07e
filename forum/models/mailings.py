from django.db import models
from django.db.models import Q
from django.utils import timezone


class MinutesMailing(models.Model):
    """Telling a series' confirmed subscribers that the minutes of one meeting are published.

    Thousands of e-mails are written by a task in batches, in subscriber order: `last_subscriber_id`
    is how far it got, so a task run twice, or resumed by the sweep after a worker died, carries
    on from there, and each e-mail's dedupe key makes a repeated batch write nothing twice.
    `told`/`recipients` is the progress the liaison officer watches.
    """

    occurrence = models.OneToOneField(
        "forum.Occurrence", on_delete=models.CASCADE, related_name="minutes_mailing"
    )
    recipients = models.PositiveIntegerField(default=0)
    told = models.PositiveIntegerField(default=0)
    last_subscriber_id = models.BigIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # The sweep: MinutesMailing.objects.filter(finished_at=None, updated_at__lt=…).
            models.Index(
                fields=["updated_at"], name="minutes_mailing_unfinished", condition=Q(finished_at=None)
            )
        ]

    @property
    def percent(self) -> int:
        if self.finished_at or not self.recipients:
            return 100
        return min(99, self.told * 100 // self.recipients)
