from django.db import models
from django.utils import timezone


class MonthlyFigures(models.Model):
    """One month's public statistics, stored by feedback.services.figures.store_monthly_figures
    so /statistik/ reads one row per month instead of the whole history. Counts and sums only
    (and a histogram for the median), so a year is the sum of its months."""

    month = models.DateField(unique=True)  # the first day of the month
    cases_received = models.PositiveIntegerField(default=0)
    # Cases received this month that have had a first response, and of them how many within
    # the promise (by their first_response_due); working days to the first response as
    # {"days": cases}, the median's source.
    responded = models.PositiveIntegerField(default=0)
    responded_in_time = models.PositiveIntegerField(default=0)
    response_days = models.JSONField(default=dict)
    # Referrals due this month, and of them how many were done by their due date.
    referrals_due = models.PositiveIntegerField(default=0)
    referrals_on_time = models.PositiveIntegerField(default=0)
    # Surveys sent this month; their complete answers and the sum of those answers' indices.
    surveys_sent = models.PositiveIntegerField(default=0)
    respondents = models.PositiveIntegerField(default=0)
    nki_total = models.FloatField(default=0)
    forum_meetings = models.PositiveIntegerField(default=0)
    forum_attendance = models.PositiveIntegerField(default=0)
    visits_held = models.PositiveIntegerField(default=0)  # company visits held this month
    stored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"
