from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from companies.industry import IndustrySection
from companies.orgnr import mask


class SizeClass(models.TextChoices):
    """Employees, in SCB's classes; the values are what the register file says."""

    NONE = "0", _("0 employees")
    FROM_1 = "1-4", _("1–4 employees")
    FROM_5 = "5-9", _("5–9 employees")
    FROM_10 = "10-19", _("10–19 employees")
    FROM_20 = "20-49", _("20–49 employees")
    FROM_50 = "50-99", _("50–99 employees")
    FROM_100 = "100-199", _("100–199 employees")
    FROM_200 = "200-499", _("200–499 employees")
    FROM_500 = "500+", _("500 or more employees")


# Smallest first; lists "largest first" walk it backwards.
SIZE_CLASS_ORDER = [choice.value for choice in SizeClass]


class CompanyQuerySet(models.QuerySet["Company"]):
    def in_register(self) -> "CompanyQuerySet":
        """The companies of the latest register import: what coverage counts."""
        return self.filter(in_latest_register=True)


class Company(models.Model):
    """A company, identified by its organisationsnummer (stored normalised as NNNNNN-NNNN).

    A sole trader's number is the owner's personnummer: personal data, shown masked to everyone
    but liaison officers. Companies come from the register import (SCB's företagsregister) or
    from a request sent through the portal.
    """

    name = models.CharField(_("company name"), max_length=200)
    organisation_number = models.CharField(_("organisationsnummer"), max_length=11, unique=True)
    is_sole_trader = models.BooleanField(_("sole trader"), default=False)
    legal_form = models.CharField(_("legal form"), max_length=100, blank=True)
    address = models.CharField(_("street address"), max_length=300, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    municipality_code = models.CharField(_("municipality code"), max_length=4, blank=True)
    industry = models.CharField(_("industry"), max_length=150, blank=True)
    sni_code = models.CharField(_("SNI 2007 code"), max_length=5, blank=True)
    industry_section = models.CharField(
        _("industry section"), max_length=1, choices=IndustrySection.choices, blank=True
    )
    size_class = models.CharField(_("size class"), max_length=10, choices=SizeClass.choices, blank=True)
    # True while the company is in the latest register file imported; a company missing from a
    # newer file is set False, never deleted (its cases and visits stay).
    in_latest_register = models.BooleanField(_("in the latest register"), default=False)
    # When a register import last found the company missing (empty while it is in the register,
    # and for companies known only from a request).
    left_register_at = models.DateTimeField(_("left the register"), null=True, blank=True)
    internal_notes = models.TextField(_("internal notes"), blank=True)
    # When the unit last met the company each way, and in any way (companies.last_met keeps them
    # from the cases, visits, meetings and forum answers): coverage and "never met" read these
    # instead of every company's history.
    last_visit_at = models.DateTimeField(_("last visit held"), null=True, blank=True, editable=False)
    last_case_at = models.DateTimeField(_("last case"), null=True, blank=True, editable=False)
    last_meeting_at = models.DateTimeField(
        _("last coordinated meeting"), null=True, blank=True, editable=False
    )
    last_forum_at = models.DateTimeField(_("last forum attendance"), null=True, blank=True, editable=False)
    last_met_at = models.DateTimeField(_("last met"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        # The table kept its name when the model moved here from liaison.
        db_table = "liaison_company"
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name", "id"]
        indexes = [
            # The register list's keyset pages: ORDER BY name, id WHERE (name, id) > (…).
            models.Index(fields=["name", "id"], name="company_register_page"),
            # Coverage's per-class counts and the size-class filter.
            models.Index(
                fields=["size_class", "industry_section"],
                name="company_in_register_class",
                condition=Q(in_latest_register=True),
            ),
            # Each size class's first companies by name behind its goal, or never met.
            models.Index(
                fields=["size_class", "name", "id"],
                name="company_class_by_name",
                condition=Q(in_latest_register=True),
            ),
            # "Not met for N months" and "never met".
            models.Index(fields=["last_met_at"], name="company_last_met"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_left_register(self) -> bool:
        return not self.in_latest_register and self.left_register_at is not None

    @property
    def masked_organisation_number(self) -> str:
        return mask(self.organisation_number, self.is_sole_trader)

    @property
    def full_address(self) -> str:
        """The visit's default place: street, postcode and town."""
        town = " ".join(part for part in (self.postcode, self.town) if part)
        return ", ".join(part for part in (self.address, town) if part)
