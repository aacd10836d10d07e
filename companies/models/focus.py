from django.db import models
from django.utils.translation import gettext_lazy as _

from companies.models.companies import SizeClass
from karlshamn_portal.language import page_in_english


class FocusArea(models.Model):
    """An area of the unit's agreement with local business that a visit can touch (skills supply,
    housing, …); an administrator keeps the list."""

    name_sv = models.CharField(_("name (Swedish)"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["position", "name_sv"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if page_in_english() else self.name_sv


class CoverageGoal(models.Model):
    """How often the unit means to meet every company of one size class."""

    size_class = models.CharField(_("size class"), max_length=10, choices=SizeClass.choices, unique=True)
    interval_months = models.PositiveSmallIntegerField(
        _("meet at least every (months)"), help_text=_("12 means every year, 24 every two years.")
    )

    class Meta:
        verbose_name = _("coverage goal")
        verbose_name_plural = _("coverage goals")
        ordering = ["size_class"]

    def __str__(self) -> str:
        return f"{self.size_class}: {self.interval_months}"
