from django.db import models
from django.utils.translation import gettext_lazy as _

from karlshamn_portal.language import page_in_english
from liaison.models.departments import Department


class Topic(models.Model):
    """What a case is about; carries the routing rule (the departments it usually goes to)."""

    name_sv = models.CharField(_("name (Swedish)"), max_length=150, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=150)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    departments = models.ManyToManyField(
        Department, verbose_name=_("default departments"), related_name="topics", blank=True
    )
    position = models.PositiveSmallIntegerField(_("position in lists"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "name_sv"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if page_in_english() else self.name_sv
