from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ClearingRun(models.Model):
    """One run of the retention plan over one kind: which rule, how many rows, when. Written by
    `clear_kind` batch by batch, in the batch's own transaction, so a run cut short by a crash
    still tells what it cleared; administrators read the log in the admin."""

    kind = models.CharField(_("kind of data"), max_length=60)
    days = models.PositiveIntegerField(_("days in the plan"))
    rule = models.CharField(_("rule"), max_length=200)
    cleared = models.PositiveIntegerField(_("rows cleared"), default=0)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("clearing run")
        verbose_name_plural = _("clearing log")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["started_at"], name="clearing_run_started")]

    def __str__(self) -> str:
        return f"{self.kind} {self.started_at:%Y-%m-%d %H:%M}: {self.cleared}"


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Access request (GDPR art. 15)")
    ERASURE = "erasure", _("Erasure request (GDPR art. 17)")


class PersonalDataRequest(models.Model):
    """A person's request to see (art. 15) or erase (art. 17) what the portal holds about them,
    entered by a liaison officer or from the command line. Kept to show the request was handled,
    then cleared by the plan ("personal_data_requests")."""

    kind = models.CharField(_("request"), max_length=10, choices=RequestKind.choices)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    personnummer = models.CharField(_("personnummer"), max_length=11, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    made_by_name = models.CharField(_("entered by"), max_length=150)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    # What was found (access) or erased (erasure), as counts by kind: no content.
    outcome = models.JSONField(_("outcome"), default=dict, blank=True)

    class Meta:
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_at"], name="personal_data_request_age")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"

    @property
    def masked_person(self) -> str:
        """Whom the request is about, as a list may show it."""
        if self.personnummer:
            return self.personnummer[:7] + "****"
        local, _at, domain = self.email.partition("@")
        return f"{local[:1]}…@{domain}"
