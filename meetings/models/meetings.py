"""Meetings and invitations, shared by case meetings and forum occurrences.

A meeting does not know what it belongs to: the liaison and forum apps point at it.
"""

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("meeting status", "Scheduled")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")


def default_reminder_offsets() -> list[int]:
    """Minutes before the start at which reminders go out; settings.MEETING_REMINDER_HOURS."""
    return [settings.MEETING_REMINDER_HOURS * 60]


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def scheduled(self) -> "MeetingQuerySet":
        return self.filter(status=MeetingStatus.SCHEDULED)

    def upcoming(self, now: datetime) -> "MeetingQuerySet":
        return self.filter(end__gt=now)


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
    # Minutes before the start at which each invitee who has not declined gets a reminder
    # (a forum uses several, e.g. [10080, 1440] for a week and a day).
    reminder_offsets = models.JSONField(_("reminders (minutes before)"), default=default_reminder_offsets)
    # When invitations go out. Empty: as soon as someone is invited. A forum occurrence sets it
    # to its lead time before the start; the periodic scan sends them then.
    invite_at = models.DateTimeField(_("send invitations at"), null=True, blank=True)
    # An occurrence of a recurring series: the series' iCalendar UID and the occurrence's
    # original start (RECURRENCE-ID), kept when the occurrence is moved.
    series_uid = models.CharField(max_length=255, blank=True)
    recurrence_id = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="meeting_ends_after_start")
        ]
        indexes = [
            # Meetings still to come (ending after now), and those that have just started: the
            # owners' lists of what is ahead and their hourly passes read a few rows of these.
            models.Index(fields=["end"], name="meeting_by_end"),
            models.Index(fields=["start"], name="meeting_by_start"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    def is_over(self, now: datetime) -> bool:
        return self.end <= now

    def is_open_for_answers(self, now: datetime) -> bool:
        return not self.is_cancelled and not self.is_over(now)


class InvitationRole(models.TextChoices):
    # iCalendar ROLE values, named for how the portal uses them.
    REQUIRED = "REQ-PARTICIPANT", _("Participant")
    OPTIONAL = "OPT-PARTICIPANT", _("Optional participant")
    CHAIR = "CHAIR", _("Chair")


class Answer(models.TextChoices):
    # iCalendar PARTSTAT values.
    NEEDS_ACTION = "NEEDS-ACTION", _("Not answered")
    # A context of their own: "Accepted" of a referral and of an invitation read differently in Swedish.
    ACCEPTED = "ACCEPTED", pgettext_lazy("meeting answer", "Accepted")
    TENTATIVE = "TENTATIVE", pgettext_lazy("meeting answer", "Tentative")
    DECLINED = "DECLINED", pgettext_lazy("meeting answer", "Declined")


# The answers an invitee can give; NEEDS-ACTION is only the starting point.
GIVEN_ANSWERS = [Answer.ACCEPTED, Answer.TENTATIVE, Answer.DECLINED]


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def not_declined(self) -> "InvitationQuerySet":
        return self.exclude(answer=Answer.DECLINED)

    def told_of_current_version(self, meeting: "Meeting") -> "InvitationQuerySet":
        """The invitees who were sent the meeting as it is now (its current SEQUENCE)."""
        return self.filter(meeting=meeting, sent_sequence=meeting.sequence)

    def for_user(self, user: models.Model) -> "InvitationQuerySet":
        return self.filter(user=user)

    def awaiting_invitation(self, now: datetime) -> "InvitationQuerySet":
        """Invitations whose e-mail is due and not yet sent (meetings with a lead time)."""
        return self.filter(
            sent_sequence__isnull=True,
            meeting__status=MeetingStatus.SCHEDULED,
            meeting__invite_at__lte=now,
            meeting__start__gt=now,
        )


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
    language = models.CharField(_("language"), max_length=8, default="sv")
    # The meeting SEQUENCE this person last received; empty until the invitation went out.
    sent_sequence = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "email"], name="one_invitation_per_person")]
        indexes = [
            # The periodic scan: Invitation.objects.awaiting_invitation(now).
            models.Index(
                fields=["meeting"], name="invitation_not_sent", condition=Q(sent_sequence__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.meeting}"

    @property
    def has_declined(self) -> bool:
        return self.answer == Answer.DECLINED
