from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.models.cases import Case


class PersonnummerReveal(models.Model):
    """One time a liaison officer had a sole trader's full personnummer shown on a case page.

    Written only by `reveal_personnummer`; administrators read the log in the admin, where it
    cannot be changed.
    """

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # The name at the time, so the record still says who after the account is removed.
    user_name = models.CharField(_("shown to"), max_length=150)
    revealed_at = models.DateTimeField(_("shown at"), default=timezone.now)

    class Meta:
        verbose_name = _("personnummer shown")
        verbose_name_plural = _("personnummer shown")
        ordering = ["-revealed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_name} {self.revealed_at:%Y-%m-%d %H:%M}"
