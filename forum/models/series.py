import uuid
from datetime import datetime, timedelta
from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Address names the forum's management pages use themselves (/forum/manage/new/): a series
# called so would have no reachable page.
RESERVED_SLUGS = frozenset({"new", "preview"})


def validate_unreserved_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is used by the portal's own pages; choose another address name."),
            code="reserved",
            params={"slug": value},
        )


def default_reminder_offsets() -> list[int]:
    return [7 * 24 * 60, 24 * 60]


class ForumSeries(models.Model):
    """A recurring forum: the rule that makes its occurrences and who is invited to them.

    The rule is an RFC 5545 RRULE without DTSTART or UNTIL; it is expanded from `first_date` at
    `start_time` in Europe/Stockholm wall-clock time, and `end_date` bounds it.
    """

    # The iCalendar UID of the recurring event in the calendar feed.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("address name"), max_length=80, unique=True, validators=[validate_unreserved_slug]
    )
    description = models.TextField(_("description"), blank=True)
    rule = models.CharField(_("recurrence rule"), max_length=200)
    start_time = models.TimeField(_("start time"))
    duration = models.DurationField(_("duration"), default=timedelta(minutes=90))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    first_date = models.DateField(_("first date"))
    end_date = models.DateField(_("last date"), null=True, blank=True)
    invitation_lead_days = models.PositiveSmallIntegerField(
        _("invitations go out (days before)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    # Minutes before the start (as Meeting.reminder_offsets); the last one carries the agenda.
    reminder_offsets = models.JSONField(_("reminders (minutes before)"), default=default_reminder_offsets)
    agenda_deadline_days = models.PositiveSmallIntegerField(
        _("agenda proposals close (days before)"),
        default=3,
        validators=[MaxValueValidator(60)],
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    invited_officials = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("invited officials"), blank=True, related_name="forum_series"
    )
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organizer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organized_forum_series",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("forum series")
        verbose_name_plural = _("forum series")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forum:series-detail", args=[self.slug])

    @property
    def sorted_reminder_offsets(self) -> list[int]:
        return sorted({int(minutes) for minutes in self.reminder_offsets}, reverse=True)

    def starts_between(self, after: datetime, before: datetime) -> list[datetime]:
        """UTC starts the rule gives with after <= start < before."""
        from forum.recurrence import expand

        return list(
            expand(
                self.rule,
                self.first_date,
                self.start_time,
                end_date=self.end_date,
                after=after,
                before=before,
            )
        )

    @property
    def calendar_uid(self) -> str:
        """The UID of the recurring event; every occurrence's meeting carries it (series_uid)."""
        host = urlparse(settings.SITE_URL).hostname or "karlshamn-portal"
        return f"forum-{self.uid}@{host}"
