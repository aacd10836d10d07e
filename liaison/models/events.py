from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.models.cases import Case


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Request received")
    COMPANY_MESSAGE = "company_message", _("Message from the company")
    REPLY = "reply", _("Reply to the company")
    NOTE = "note", _("Internal note")
    STATUS_CHANGED = "status_changed", _("Status changed")
    TOPIC_CHANGED = "topic_changed", _("Topic changed")
    ASSIGNED = "assigned", _("Liaison officer assigned")
    ATTACHMENT_ADDED = "attachment_added", _("File added")
    REFERRED = "referred", _("Referred to a department")
    REFERRAL_ACCEPTED = "referral_accepted", _("Referral accepted")
    REFERRAL_DECLINED = "referral_declined", _("Referral declined")
    REFERRAL_NOTE = "referral_note", _("Note from a department")
    REFERRAL_DONE = "referral_done", _("Department's part done")
    MEETING_SCHEDULED = "meeting_scheduled", _("Meeting scheduled")
    MEETING_CHANGED = "meeting_changed", _("Meeting moved")
    MEETING_CANCELLED = "meeting_cancelled", _("Meeting cancelled")
    MEETING_ANSWER = "meeting_answer", _("Answer to a meeting invitation")
    CLOSED = "closed", _("Case closed")


# Events about one referral: their "from" and "to" are referral statuses, not case statuses.
REFERRAL_KINDS = frozenset(
    {
        EventKind.REFERRED,
        EventKind.REFERRAL_ACCEPTED,
        EventKind.REFERRAL_DECLINED,
        EventKind.REFERRAL_NOTE,
        EventKind.REFERRAL_DONE,
    }
)
# Events about a case meeting: their data describes the meeting (see liaison.timeline).
MEETING_KINDS = frozenset(
    {
        EventKind.MEETING_SCHEDULED,
        EventKind.MEETING_CHANGED,
        EventKind.MEETING_CANCELLED,
        EventKind.MEETING_ANSWER,
    }
)


class CaseEventQuerySet(models.QuerySet["CaseEvent"]):
    def public(self) -> "CaseEventQuerySet":
        return self.filter(is_public=True)


class CaseEvent(models.Model):
    """One entry in a case's timeline. Public events are shown to the company; the rest never."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who acted when there is no user account (the company contact), or a display name kept
    # after the account is gone.
    actor_name = models.CharField(max_length=150, blank=True)
    is_public = models.BooleanField(_("visible to the company"), default=False)
    text = models.TextField(_("text"), blank=True)
    # What happened, as values put into words when shown (liaison.timeline), e.g.
    # {"from": "new", "to": "open"} for a status change.
    data = models.JSONField(default=dict, blank=True)
    referral = models.ForeignKey(
        "liaison.Referral", on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "created_at"], name="caseevent_timeline")]
