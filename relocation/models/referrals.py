"""A partner's need referred to a municipal department (preschool and school placement, housing
through the municipal housing company, the labour-market unit).

liaison's Referral belongs to a Case and cannot hold a partner, so this is its small sibling on
the same Department, with the same statuses and moves.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.models import Department
from liaison.models.referrals import ACTIVE_REFERRAL_STATUSES, REFERRAL_TRANSITIONS, ReferralStatus
from relocation.models.partners import Partner


class ReferralNeed(models.TextChoices):
    SCHOOL = "school", _("Preschool or school placement")
    HOUSING = "housing", _("Housing")
    WORK = "work", _("Work (labour-market unit)")
    OTHER = "other", _("Other")


class RelocationReferralQuerySet(models.QuerySet["RelocationReferral"]):
    def for_departments_of(self, user: User) -> "RelocationReferralQuerySet":
        return self.filter(department__officials=user)

    def open(self) -> "RelocationReferralQuerySet":
        """Still the department's to answer or to finish: earliest due first."""
        return self.filter(status__in=ACTIVE_REFERRAL_STATUSES).order_by("due_date", "id")

    def answered_since(self, since: datetime) -> "RelocationReferralQuerySet":
        """Declined or done since then: the latest answer first."""
        return (
            self.exclude(status__in=ACTIVE_REFERRAL_STATUSES)
            .filter(answered_at__gte=since)
            .order_by("-answered_at", "-id")
        )

    def with_row_details(self) -> "RelocationReferralQuerySet":
        """What a row of the referral list shows (relocation.rows.ReferralListRow), in the same query."""
        return self.select_related("partner", "department")


class RelocationReferral(models.Model):
    """What the department sees: the need, the host's message and how to reach the partner; none
    of the rest of the profile."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="referrals")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="relocation_referrals")
    need = models.CharField(_("need"), max_length=10, choices=ReferralNeed.choices)
    message = models.TextField(_("message to the department"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.PENDING
    )
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handling official"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="relocation_referrals",
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    due_date = models.DateField(_("due"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = RelocationReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("relocation referral")
        verbose_name_plural = _("relocation referrals")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.partner_id} → {self.department_id}"

    def can_move_to(self, status: str) -> bool:
        return status in REFERRAL_TRANSITIONS[self.status]
