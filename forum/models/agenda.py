from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AgendaItemStatus(models.TextChoices):
    # proposed -> accepted | rejected; the liaison may change their mind until publishing.
    # A context of their own: "Accepted" is also a meeting answer, translated differently.
    PROPOSED = "proposed", pgettext_lazy("agenda item", "Proposed")
    ACCEPTED = "accepted", pgettext_lazy("agenda item", "Accepted")
    REJECTED = "rejected", pgettext_lazy("agenda item", "Rejected")


class AgendaItem(models.Model):
    occurrence = models.ForeignKey("forum.Occurrence", on_delete=models.CASCADE, related_name="agenda_items")
    subscriber = models.ForeignKey(
        "forum.Subscriber", on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_items"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AgendaItemStatus.choices, default=AgendaItemStatus.PROPOSED
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "created_at", "pk"]

    def __str__(self) -> str:
        return self.title
