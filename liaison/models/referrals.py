from django.conf import settings
from django.db import models
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

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.case.reference} → {self.department}"

    def can_move_to(self, status: str) -> bool:
        return status in REFERRAL_TRANSITIONS[self.status]
