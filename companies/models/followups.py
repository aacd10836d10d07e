"""Follow-ups (återkoppling): what the municipality promised on a visit, with an owner and a due date."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from companies.models.visits import Visit


class FollowUpStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("follow-up status", "Open")
    DONE = "done", pgettext_lazy("follow-up status", "Done")
    # Handed over to the business liaison as a case; the case's own status says the rest.
    CASE = "case", pgettext_lazy("follow-up status", "Became a case")


FOLLOW_UP_TRANSITIONS: dict[str, set[str]] = {
    FollowUpStatus.OPEN: {FollowUpStatus.DONE, FollowUpStatus.CASE},
    FollowUpStatus.CASE: {FollowUpStatus.DONE},
    FollowUpStatus.DONE: set(),
}


class FollowUpQuerySet(models.QuerySet["FollowUp"]):
    def pending(self) -> "FollowUpQuerySet":
        return self.exclude(status=FollowUpStatus.DONE)

    def overdue(self, today: date) -> "FollowUpQuerySet":
        return self.pending().filter(due_on__lt=today)

    def due_by(self, day: date) -> "FollowUpQuerySet":
        return self.pending().filter(due_on__lte=day)

    def for_owner(self, user: models.Model) -> "FollowUpQuerySet":
        """A person's own follow-ups, and those of the departments they work in."""
        return self.filter(Q(owner_user=user) | Q(owner_department__officials=user)).distinct()


class FollowUp(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="follow_ups")
    text = models.TextField(_("what the municipality will do"))
    # The owner is a colleague or a department (one of the two).
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    owner_department = models.ForeignKey(
        "liaison.Department",
        verbose_name=_("owning department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    working_days = models.PositiveSmallIntegerField(_("due in working days"))
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    # Whether the company is told of this promise in the follow-up e-mail.
    tell_company = models.BooleanField(_("tell the company"), default=True)
    case = models.OneToOneField(
        "liaison.Case",
        verbose_name=_("case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_up",
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_email_sent_at = models.DateTimeField(_("company told it is done"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]
        indexes = [
            # The start page and the overdue marks: FollowUp.objects.pending().due_by(day).
            models.Index(fields=["due_on"], name="follow_up_pending_due", condition=~Q(status="done")),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def is_overdue(self, today: date) -> bool:
        return self.status != FollowUpStatus.DONE and self.due_on < today
