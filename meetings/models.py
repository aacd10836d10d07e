"""Meetings and invitations, shared by case meetings and forum occurrences.

A meeting does not know what it belongs to: the liaison and forum apps point at it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    # The iCalendar UID: stable for the life of the meeting, so calendar programs update the
    # same entry when it moves or is cancelled.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organizer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organized_meetings",
    )
    # Raised on every change the invitees must hear about (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return self.title


class InvitationRole(models.TextChoices):
    # iCalendar ROLE values, named for how the portal uses them.
    REQUIRED = "REQ-PARTICIPANT", _("Participant")
    OPTIONAL = "OPT-PARTICIPANT", _("Optional participant")
    CHAIR = "CHAIR", _("Chair")


class Answer(models.TextChoices):
    # iCalendar PARTSTAT values.
    NEEDS_ACTION = "NEEDS-ACTION", _("Not answered")
    ACCEPTED = "ACCEPTED", _("Accepted")
    TENTATIVE = "TENTATIVE", _("Tentative")
    DECLINED = "DECLINED", _("Declined")


class Invitation(models.Model):
    """One person invited to one meeting, with their answer."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), max_length=254)
    role = models.CharField(
        _("role"), max_length=20, choices=InvitationRole.choices, default=InvitationRole.REQUIRED
    )
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices, default=Answer.NEEDS_ACTION)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "email"], name="one_invitation_per_person")]

    def __str__(self) -> str:
        return f"{self.name} → {self.meeting}"
