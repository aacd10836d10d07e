"""Creating and changing forum series, and keeping their occurrences created ahead."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.models import ForumSeries, Occurrence
from forum.services.waiting_list import fill_free_seats
from meetings.services import create_meeting

# Occurrences exist as rows at least twelve months ahead; a little more so a monthly series
# always shows the same month next year.
HORIZON = timedelta(days=400)

SERIES_FIELDS = (
    "name",
    "slug",
    "description",
    "rule",
    "start_time",
    "duration",
    "place",
    "online_url",
    "first_date",
    "end_date",
    "invitation_lead_days",
    "reminder_offsets",
    "agenda_deadline_days",
    "capacity",
)


@dataclass
class SyncResult:
    created: list[datetime] = field(default_factory=list)
    kept: list[datetime] = field(default_factory=list)
    withdrawn: list[datetime] = field(default_factory=list)


@transaction.atomic
def create_series(organizer: User | None, officials: Iterable[User] = (), **values: Any) -> ForumSeries:
    series = ForumSeries.objects.create(organizer=organizer, **values)
    series.invited_officials.set(officials)
    sync_occurrences(series)
    return series


@transaction.atomic
def update_series(series: ForumSeries, officials: Iterable[User] | None = None, **values: Any) -> SyncResult:
    """Change the series and its future occurrences; those whose time stays keep their answers."""
    series = ForumSeries.objects.select_for_update().get(pk=series.pk)
    for name, value in values.items():
        if name not in SERIES_FIELDS:
            raise TypeError(f"unknown series field {name}")
        setattr(series, name, value)
    series.save()
    if officials is not None:
        series.invited_officials.set(officials)
    result = sync_occurrences(series)
    if "capacity" in values:
        for occurrence in series.occurrences.filter(waiting_list__isnull=False).distinct():
            fill_free_seats(occurrence)
    return result


def _meeting_values(series: ForumSeries, start: datetime) -> dict[str, Any]:
    return {
        "title": series.name,
        "place": series.place,
        "online_url": series.online_url,
        "end": start + series.duration,
        "invite_at": start - timedelta(days=series.invitation_lead_days),
        "reminder_offsets": series.sorted_reminder_offsets,
    }


def _create_occurrence(series: ForumSeries, start: datetime) -> Occurrence:
    meeting = create_meeting(
        start=start,
        description=series.description,
        organizer=series.organizer,
        series_uid=series.calendar_uid,
        recurrence_id=start,
        **_meeting_values(series, start),
    )
    return Occurrence.objects.create(series=series, meeting=meeting, original_start=start)


@transaction.atomic
def sync_occurrences(series: ForumSeries, now: datetime | None = None) -> SyncResult:
    """Make the future occurrences match the series: create missing ones up to the horizon,
    update those that stay, and withdraw those the rule no longer produces."""
    from forum.services.occurrences import refresh_occurrence, withdraw_occurrence

    now = now or timezone.now()
    wanted = series.starts_between(now, now + HORIZON)
    existing = {
        occurrence.original_start: occurrence
        for occurrence in series.occurrences.filter(original_start__gt=now).select_related("meeting")
    }
    result = SyncResult()
    for start, occurrence in sorted(existing.items()):
        if start in wanted:
            refresh_occurrence(occurrence, _meeting_values(series, occurrence.meeting.start))
            result.kept.append(start)
        elif not occurrence.is_cancelled:
            withdraw_occurrence(occurrence, _("The forum series has changed."))
            result.withdrawn.append(start)
    for start in wanted:
        if start not in existing:
            _create_occurrence(series, start)
            result.created.append(start)
    return result


def extend_occurrences(now: datetime | None = None) -> int:
    """The periodic task: every series has its occurrences created to the horizon."""
    created = 0
    for series_id in ForumSeries.objects.values_list("pk", flat=True):
        with transaction.atomic():
            series = ForumSeries.objects.select_for_update().get(pk=series_id)
            created += len(sync_occurrences(series, now).created)
    return created
