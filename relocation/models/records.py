"""What the service keeps beside a partner: the e-mails written about them (deleted with them),
their invitations to activities, and the counts that outlive them."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karlshamn_portal.outbox.models import OutboxMessage
from meetings.models import Invitation, Meeting
from relocation.models.partners import Partner


class PartnerMessage(models.Model):
    """An e-mail that carries a partner's personal data: deleting the partner deletes it from the
    outbox too."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="messages")
    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.partner_id} {self.message_id}"


class Activity(models.Model):
    """An activity for newcomers (a walk, a fika, a Swedish conversation evening): a meeting of
    the meetings app, whose invitations go only to partners who consented to (b)."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="relocation_activity")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("activity for newcomers")
        verbose_name_plural = _("activities for newcomers")
        ordering = ["-meeting__start"]

    def __str__(self) -> str:
        return str(self.meeting)


class ActivityInvitation(models.Model):
    """Which partner an activity invitation was for: withdrawing consent (b) or deleting the
    partner removes it."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="partner_invitations")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="activity_invitations")
    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="relocation_partner")

    def __str__(self) -> str:
        return f"{self.partner_id} → {self.activity_id}"


class PartnerOutcome(models.Model):
    """The counts behind the unit's figures: one row per partner, with no personal data, kept
    when the partner's data is deleted (the link to the partner is then empty)."""

    partner = models.OneToOneField(
        Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="outcome"
    )
    registered_on = models.DateField()
    # The network employer who invited the partner, for the figures by employer.
    employer = models.ForeignKey(
        "relocation.NetworkEmployer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcomes",
    )
    matched_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    deleted_on = models.DateField(null=True, blank=True)
    deleted_on_request = models.BooleanField(default=False)

    class Meta:
        ordering = ["registered_on", "id"]

    def __str__(self) -> str:
        return f"{self.registered_on}"
