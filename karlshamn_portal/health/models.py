from django.db import models
from django.utils import timezone


class Heartbeat(models.Model):
    """The last sign of life of a background process ("worker" or "scheduler")."""

    process = models.CharField(max_length=20, unique=True)
    beat_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.process} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"
