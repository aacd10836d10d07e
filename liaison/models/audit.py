from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.models.cases import Case


class PersonalDataSeenKind(models.TextChoices):
    PERSONNUMMER = "personnummer", _("Personnummer shown in full")
    ATTACHMENT = "attachment", _("Attachment opened")
    EXPORT = "export", _("Personal data exported")
    ACCESS_REQUEST_DOWNLOAD = "access_request_download", _("Access request downloaded")


class PersonalDataSeen(models.Model):
    """One time a member of staff saw personal data: a sole trader's full personnummer on a case
    page, a case's file, an export or an access request's ZIP.

    Written only through `record_personal_data_seen`; administrators read and filter the record
    in the admin, where it cannot be changed, and the retention plan clears it
    ("personal_data_record"). `what` names the object (a reference, a file's number, a request's
    number), never the personal data itself.
    """

    kind = models.CharField(
        _("what happened"),
        max_length=30,
        choices=PersonalDataSeenKind.choices,
        default=PersonalDataSeenKind.PERSONNUMMER,
    )
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    what = models.CharField(_("what was seen"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # The name at the time, so the record still says who after the account is removed.
    user_name = models.CharField(_("seen by"), max_length=150)
    seen_at = models.DateTimeField(_("seen at"), default=timezone.now)

    class Meta:
        verbose_name = _("personal data seen")
        verbose_name_plural = _("personal data seen")
        ordering = ["-seen_at", "-id"]
        # The admin's newest-first list, and the retention plan's clearing by age.
        indexes = [models.Index(fields=["seen_at"], name="personal_data_seen_at")]

    def __str__(self) -> str:
        return f"{self.user_name} {self.seen_at:%Y-%m-%d %H:%M}"
