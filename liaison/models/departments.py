from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from karlshamn_portal.language import page_in_english


class DepartmentKind(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal administration")
    JOINT_ASSOCIATION = "joint_association", _("Joint municipal association")
    MUNICIPAL_COMPANY = "municipal_company", _("Municipal company")


class Department(models.Model):
    """A municipal function that handles part of a case (verksamhet / funktion).

    Some sit outside the municipality's own administration, such as the regional environmental
    association or the rescue service; they still receive referrals through the portal.
    """

    name_sv = models.CharField(_("name (Swedish)"), max_length=150, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=150)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DepartmentKind.choices, default=DepartmentKind.MUNICIPAL
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    referral_working_days = models.PositiveSmallIntegerField(
        _("working days to handle a referral"), default=5
    )
    officials = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officials"),
        related_name="departments",
        blank=True,
        help_text=_("Staff members who handle referrals for this department."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name_sv"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if page_in_english() else self.name_sv
