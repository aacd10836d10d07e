"""The relocation network: register companies that joined with a named contact person, and the
introductions a host makes between a partner and one of them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from relocation.models.partners import Partner, PartnerLanguage

COMPANY_MODEL = "companies.Company"


class NetworkEmployer(models.Model):
    """A company in the network. Leaving the network deactivates the row, so the unit's figures
    by employer keep their history."""

    company = models.ForeignKey(
        COMPANY_MODEL, on_delete=models.PROTECT, related_name="relocation_memberships"
    )
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_email = models.EmailField(_("contact e-mail"), max_length=254)
    contact_language = models.CharField(
        _("language"), max_length=2, choices=PartnerLanguage.choices, default=PartnerLanguage.SWEDISH
    )
    is_active = models.BooleanField(_("in the network"), default=True)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    link_sent_at = models.DateTimeField(_("link sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("network employer")
        verbose_name_plural = _("network employers")
        ordering = ["company__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["company"], condition=Q(is_active=True), name="one_active_membership"
            )
        ]

    def __str__(self) -> str:
        return str(self.company)


class IntroductionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for the partner")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    # Accepted, then ended by the partner (one contact, or all of them by withdrawing consent (a)).
    ENDED = "ended", _("Contact ended")


class Introduction(models.Model):
    """The host connects a partner with a network employer; the employer sees the profile and the
    contact details only once the partner has accepted."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="introductions")
    employer = models.ForeignKey(NetworkEmployer, on_delete=models.CASCADE, related_name="introductions")
    message = models.TextField(_("message to the partner"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=IntroductionStatus.choices, default=IntroductionStatus.PROPOSED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "employer"], name="one_introduction_per_employer")
        ]

    def __str__(self) -> str:
        return f"{self.partner_id} → {self.employer_id}"

    @property
    def is_accepted(self) -> bool:
        return self.status == IntroductionStatus.ACCEPTED
