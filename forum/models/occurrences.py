from datetime import datetime, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models import Invitation, Meeting, MeetingStatus


class OccurrenceQuerySet(models.QuerySet["Occurrence"]):
    def scheduled(self) -> "OccurrenceQuerySet":
        return self.filter(meeting__status=MeetingStatus.SCHEDULED)

    def upcoming(self, now: datetime) -> "OccurrenceQuerySet":
        return self.filter(meeting__end__gt=now).order_by("meeting__start", "pk")

    def past(self, now: datetime) -> "OccurrenceQuerySet":
        return self.filter(meeting__end__lte=now).order_by("-meeting__start", "-pk")

    def inviting(self, now: datetime) -> "OccurrenceQuerySet":
        """Scheduled occurrences whose invitations are due and that have not started."""
        return self.scheduled().filter(meeting__invite_at__lte=now, meeting__start__gt=now)


class Occurrence(models.Model):
    """One meeting of a forum series.

    `original_start` is where the rule put it (the iCalendar RECURRENCE-ID); the meeting's own
    start differs once the liaison moves this one occurrence.
    """

    series = models.ForeignKey("forum.ForumSeries", on_delete=models.CASCADE, related_name="occurrences")
    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="forum_occurrence")
    original_start = models.DateTimeField(_("planned start"))
    agenda_published_at = models.DateTimeField(_("agenda published"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    # Stored under a generated name; the type is the one the upload's content was checked to be,
    # and the file is served with it.
    minutes_file = models.FileField(_("minutes file"), upload_to="forum/minutes/%Y/", blank=True)
    minutes_file_type = models.CharField(max_length=100, blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    attended = models.ManyToManyField(
        Invitation, verbose_name=_("attended"), blank=True, related_name="attended_occurrences"
    )

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum meeting")
        verbose_name_plural = _("forum meetings")
        ordering = ["original_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "original_start"], name="one_occurrence_per_recurrence_id"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.original_start:%Y-%m-%d}"

    @property
    def is_cancelled(self) -> bool:
        return self.meeting.status == MeetingStatus.CANCELLED

    @property
    def is_moved(self) -> bool:
        return self.meeting.start != self.original_start

    def agenda_deadline(self) -> datetime:
        return self.meeting.start - timedelta(days=self.series.agenda_deadline_days)


class WaitingListEntry(models.Model):
    """An accepted invitation beyond the capacity, waiting for someone to decline."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="waiting_list")
    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="forum_waiting")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["occurrence", "created_at"], name="forum_waiting_order")]
