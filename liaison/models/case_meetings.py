from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.models.cases import Case
from meetings.models import Meeting


class CaseMeetingQuerySet(models.QuerySet["CaseMeeting"]):
    def with_invitations(self) -> "CaseMeetingQuerySet":
        """Meetings and everyone's answers in two queries, for the case page."""
        return self.select_related("meeting").prefetch_related("meeting__invitations")


class CaseMeeting(models.Model):
    """A coordinated meeting held for a case; the meeting itself knows nothing of cases."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_meetings")
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="case_meeting")
    created_at = models.DateTimeField(default=timezone.now)

    objects = CaseMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("case meeting")
        verbose_name_plural = _("case meetings")
        ordering = ["meeting__start", "id"]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.meeting}"
