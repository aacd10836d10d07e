from datetime import datetime
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.models import Case

RATING = [MinValueValidator(1), MaxValueValidator(10)]

# The three satisfaction questions and the six service factors, in the order the form asks.
QUESTIONS = ("overall", "expectations", "ideal")
FACTORS = ("information", "accessibility", "treatment", "competence", "legal_certainty", "efficiency")


class SurveyQuerySet(models.QuerySet["Survey"]):
    def open(self, now: datetime) -> "SurveyQuerySet":
        return self.filter(expires_at__gt=now)


class Survey(models.Model):
    """The satisfaction survey offered to a closed case's contact: one per case, its link valid
    until expires_at."""

    case = models.OneToOneField(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="survey")
    email = models.EmailField(_("e-mail"), max_length=254)
    language = models.CharField(_("language"), max_length=8, default="sv")
    sent_at = models.DateTimeField(_("sent"))
    expires_at = models.DateTimeField(_("expires"))

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-sent_at", "-id"]
        indexes = [
            # The statistics' surveys sent per month (feedback.services.figures).
            models.Index(fields=["sent_at"], name="survey_sent"),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}"


class SurveyResponseQuerySet(models.QuerySet["SurveyResponse"]):
    def complete(self) -> "SurveyResponseQuerySet":
        """Answers with all three questions: the NKI's respondents."""
        return self.filter(nki__isnull=False)

    def with_comment(self) -> "SurveyResponseQuerySet":
        return self.exclude(comment="")


def _rating(label: Any) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, null=True, blank=True, validators=RATING)


class SurveyResponse(models.Model):
    """The contact's answer; a second submit before the link expires changes it."""

    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="response")
    overall = _rating(_("Overall satisfaction"))
    expectations = _rating(_("Met expectations"))
    ideal = _rating(_("Close to an ideal service"))
    information = _rating(_("Information"))
    accessibility = _rating(_("Accessibility"))
    treatment = _rating(_("Treatment"))
    competence = _rating(_("Competence"))
    legal_certainty = _rating(_("Legal certainty"))
    efficiency = _rating(_("Efficiency"))
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    # This respondent's index (feedback.nki.respondent_index), stored so groups are a SUM and a
    # COUNT in the database; NULL when one of the three questions was skipped.
    nki = models.FloatField(null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    objects = SurveyResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["-answered_at", "-id"]

    def __str__(self) -> str:
        return f"{self.survey}"


class ReminderStatus(models.TextChoices):
    # pending -> sent; pending -> skipped (answered, opted out or expired before it was due).
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Skipped")


class SurveyReminderQuerySet(models.QuerySet["SurveyReminder"]):
    def due(self, now: datetime) -> "SurveyReminderQuerySet":
        return self.filter(status=ReminderStatus.PENDING, due_at__lte=now)


class SurveyReminder(models.Model):
    """One of a survey's reminders (number 1–3); the unique row is what is claimed before the
    e-mail is written, so it goes out once whatever number of scans run."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="reminders")
    number = models.PositiveSmallIntegerField()
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = SurveyReminderQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="one_survey_reminder_per_number")
        ]
        indexes = [
            # The periodic scan: SurveyReminder.objects.due(now).
            models.Index(fields=["due_at"], name="survey_reminder_due", condition=Q(status="pending")),
        ]


class SurveyOptOut(models.Model):
    """An address that asked for no more surveys (stored lower-cased)."""

    email = models.EmailField(max_length=254, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.email
