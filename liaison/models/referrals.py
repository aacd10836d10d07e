from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q, Value, When
from django.db.models import Case as CaseWhen
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.models.cases import Case
from liaison.models.departments import Department


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the department")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    DONE = "done", _("Done")


# pending -> accepted -> done; pending or accepted -> declined (back to the liaison officer).
REFERRAL_TRANSITIONS: dict[str, set[str]] = {
    ReferralStatus.PENDING: {ReferralStatus.ACCEPTED, ReferralStatus.DECLINED},
    ReferralStatus.ACCEPTED: {ReferralStatus.DONE, ReferralStatus.DECLINED},
    ReferralStatus.DECLINED: set(),
    ReferralStatus.DONE: set(),
}
ACTIVE_REFERRAL_STATUSES = [ReferralStatus.PENDING, ReferralStatus.ACCEPTED]


def _overdue_q(today: date) -> Q:
    return Q(status__in=ACTIVE_REFERRAL_STATUSES, due_date__lt=today)


def referral_overdue(status: str, due_date: date, today: date) -> bool:
    """ReferralQuerySet.overdue's rule on values already read."""
    return status in ACTIVE_REFERRAL_STATUSES and due_date < today


class ReferralQuerySet(models.QuerySet["Referral"]):
    def active(self) -> "ReferralQuerySet":
        return self.filter(status__in=ACTIVE_REFERRAL_STATUSES)

    def overdue(self, today: date) -> "ReferralQuerySet":
        """Referrals past their due date that the department has not finished or declined."""
        return self.filter(_overdue_q(today))

    def with_overdue_flag(self, today: date) -> "ReferralQuerySet":
        return self.annotate(is_overdue=ExpressionWrapper(_overdue_q(today), output_field=BooleanField()))

    def visible_to_official(self, user: object) -> "ReferralQuerySet":
        """Referrals to the official's departments, except declined ones (see CaseQuerySet)."""
        return self.filter(department__officials=user).exclude(status=ReferralStatus.DECLINED)

    def work_queue_order(self, today: date) -> "ReferralQuerySet":
        """Pending first, then overdue, then the rest; earliest due first within each group."""
        return self.annotate(
            queue_rank=CaseWhen(
                When(status=ReferralStatus.PENDING, then=Value(0)),
                When(_overdue_q(today), then=Value(1)),
                When(status=ReferralStatus.ACCEPTED, then=Value(2)),
                default=Value(3),
            )
        ).order_by("queue_rank", "due_date", "id")

    def with_row_details(self) -> "ReferralQuerySet":
        """What a row of the referral list shows (liaison.rows.ReferralRow), in the same query."""
        return self.select_related("case__company", "department", "official")


class Referral(models.Model):
    """A case routed to one department: like a child case with its own official and due date."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="referrals")
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handling official"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.PENDING
    )
    message = models.TextField(_("message to the department"), blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    due_date = models.DateField(_("due"))
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["due_date", "id"]
        indexes = [
            # An official's work queue, Referral.objects.visible_to_official(user).active().
            models.Index(
                fields=["department", "due_date"],
                name="referral_active_by_due",
                condition=Q(status__in=ACTIVE_REFERRAL_STATUSES),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference} → {self.department}"

    def can_move_to(self, status: str) -> bool:
        return status in REFERRAL_TRANSITIONS[self.status]

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_REFERRAL_STATUSES

    def is_overdue_on(self, today: date) -> bool:
        return referral_overdue(self.status, self.due_date, today)
