from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeClass(models.TextChoices):
    NONE = "0", _("No employees")
    MICRO = "1-9", _("1–9 employees")
    SMALL = "10-49", _("10–49 employees")
    MEDIUM = "50-249", _("50–249 employees")
    LARGE = "250+", _("250 or more employees")


class Company(models.Model):
    """A company, identified by its organisationsnummer (stored normalised as NNNNNN-NNNN).

    A sole trader's number is the owner's personnummer: personal data, shown masked to everyone
    but liaison officers.
    """

    name = models.CharField(_("company name"), max_length=200)
    organisation_number = models.CharField(_("organisationsnummer"), max_length=11, unique=True)
    is_sole_trader = models.BooleanField(_("sole trader"), default=False)
    address = models.CharField(_("address"), max_length=300, blank=True)
    industry = models.CharField(_("industry"), max_length=150, blank=True)
    size_class = models.CharField(_("size"), max_length=10, choices=SizeClass.choices, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_organisation_number(self) -> str:
        if self.is_sole_trader:
            return self.organisation_number[:7] + "****"
        return self.organisation_number
