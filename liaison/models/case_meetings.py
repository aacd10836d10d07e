from django.contrib.auth.models import User
from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.models.cases import Case
from meetings.models import Invitation, Meeting
from meetings.signals import answer_recorded


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


@receiver(answer_recorded, sender=Invitation, dispatch_uid="liaison.case_meeting_answer")
def _put_answer_on_the_timeline(
    sender: type, invitation: Invitation, actor: User | None = None, **kwargs: object
) -> None:
    # Connected here, beside the model, so it is registered wherever models load (web and worker).
    from liaison.services.meetings import note_answer  # the services import this module

    note_answer(invitation, actor=actor)
