from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffIdentity(models.Model):
    """Links a portal user to the person the identity provider knows (its issuer and `sub`).

    Matching on the subject rather than the e-mail address keeps a renamed person the same user
    and never lets a provider account take over a local one that shares an address.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_identity"
    )
    issuer = models.CharField(_("identity provider"), max_length=255)
    subject = models.CharField(_("subject at the identity provider"), max_length=255)
    # Set when a sign-in found the person in no group that maps to a portal role; a later sign-in
    # with a mapped group reactivates them. A user an administrator deactivated stays inactive.
    deactivated_by_sign_in = models.BooleanField(default=False)
    last_sign_in_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff identity")
        verbose_name_plural = _("staff identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="staff_identity_unique_subject")
        ]

    def __str__(self) -> str:
        return f"{self.subject} @ {self.issuer}"
