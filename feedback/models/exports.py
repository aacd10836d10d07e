from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportKind(models.TextChoices):
    CASES = "cases", _("Cases (the dashboard's list)")
    SURVEY = "survey", _("Survey answers")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel"


class ExportStatus(models.TextChoices):
    # queued -> done | failed
    QUEUED = "queued", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Export(models.Model):
    """A large export made by a worker and kept for its requester to download."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports"
    )
    kind = models.CharField(max_length=10, choices=ExportKind.choices)
    file_format = models.CharField(max_length=5, choices=ExportFormat.choices)
    # The filters as a query string, read again by the worker (never personal data: ids and flags).
    query = models.CharField(max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    file = models.FileField(upload_to="exports/%Y/", blank=True)
    rows = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    # Set by the worker that takes the export (the claim); the sweep makes unclaimed ones.
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}"
