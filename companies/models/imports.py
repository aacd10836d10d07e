from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ImportStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("import status", "Waiting to start")
    RUNNING = "running", pgettext_lazy("import status", "Importing")
    DONE = "done", pgettext_lazy("import status", "Done")
    FAILED = "failed", pgettext_lazy("import status", "Failed")


# The report's error when the sweep gave up on an import whose worker died (the page explains it).
STALLED = "stalled"


class RegisterImportQuerySet(models.QuerySet["RegisterImport"]):
    def running(self) -> "RegisterImportQuerySet":
        return self.filter(status=ImportStatus.RUNNING)


class RegisterImport(models.Model):
    """One register file uploaded by staff and imported by a worker, with its progress and report."""

    file = models.FileField(_("file"), upload_to="register-imports/")
    file_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    # What the command prints: the summary, the rejected rows (line and reason), the duplicates,
    # how many companies left the register; or the error that stopped the file.
    report = models.JSONField(default=dict)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = RegisterImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        return 100 * self.rows_done // self.rows_total if self.rows_total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def progress_at(self) -> datetime:
        """When the worker last said how far it got, or the upload time for an import that never
        said. The heartbeat lives in the report while the import runs (the finished report
        replaces it), which spares the table a column only the sweep reads."""
        heartbeat = self.report.get("progress_at") if self.status == ImportStatus.RUNNING else None
        return datetime.fromisoformat(heartbeat) if heartbeat else self.created_at

    @property
    def stalled(self) -> bool:
        """Failed because its worker died: the page asks for the file again."""
        return self.status == ImportStatus.FAILED and self.report.get("error") == STALLED
