from django.db import models
from django.utils.translation import gettext_lazy as _

from companies.models.companies import Company


class Contact(models.Model):
    """A person at a company the unit keeps in touch with; invited to visits and forum meetings.

    Personal data: `purpose` says why it is kept (the basis a data-protection officer asks for).
    """

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role at the company"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    purpose = models.CharField(
        _("why we keep this contact"),
        max_length=300,
        help_text=_("For example: the company's contact for visits and the business forum."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["company", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.company})"
