"""The subscribable calendar of one forum series.

One recurring VEVENT carries the current rule; each occurrence that differs from it (moved,
cancelled, another place, a published agenda) is an override with the same UID and its
RECURRENCE-ID, as the invitation e-mails send it. Occurrences an earlier rule produced are
added with RDATE, and rule dates without an occurrence are excluded with EXDATE, so the feed
shows exactly the meetings that exist.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from forum.models import ForumSeries, Occurrence
from forum.recurrence import local_zone, to_utc
from meetings.ics import PRODID, add_local_timezone, meeting_event
from meetings.models import MeetingStatus


def _differs(occurrence: Occurrence, series: ForumSeries) -> bool:
    meeting = occurrence.meeting
    return (
        meeting.status == MeetingStatus.CANCELLED
        or meeting.start != occurrence.original_start
        or meeting.end != occurrence.original_start + series.duration
        or meeting.title != series.name
        or meeting.place != series.place
        or meeting.online_url != series.online_url
        or meeting.description != series.description
    )


def _rule(series: ForumSeries) -> vRecur:
    rule = vRecur.from_ical(series.rule)
    if series.end_date:
        # With a TZID on DTSTART, UNTIL must be given in UTC.
        rule["UNTIL"] = to_utc(datetime.combine(series.end_date, time(23, 59, 59)))  # noqa: DTZ001 - wall-clock
    return rule


def _master(
    series: ForumSeries, first: datetime, extra: list[datetime], missing: list[datetime], *, with_rule: bool
) -> Event:
    zone = local_zone()
    event = Event()
    event.add("uid", series.calendar_uid)
    event.add("dtstamp", timezone.now())
    event.add("summary", series.name)
    event.add("dtstart", first.astimezone(zone))
    event.add("duration", series.duration)
    if with_rule:
        event.add("rrule", _rule(series))
    for moment in extra:
        event.add("rdate", moment.astimezone(zone))
    for moment in missing:
        event.add("exdate", moment.astimezone(zone))
    location = ", ".join(part for part in (series.place, series.online_url) if part)
    if location:
        event.add("location", location)
    if series.description:
        event.add("description", series.description)
    event.add("status", "CONFIRMED")
    return event


def series_calendar(series: ForumSeries, occurrences: list[Occurrence]) -> str:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", series.name)
    calendar.add("x-wr-timezone", str(local_zone()))
    if occurrences:
        starts = [occurrence.original_start for occurrence in occurrences]
        by_rule = set(series.starts_between(min(starts), max(starts) + timedelta(seconds=1)))
        in_rule = [start for start in starts if start in by_rule]
        overrides = [o for o in occurrences if o.original_start not in by_rule or _differs(o, series)]
        # Without a row the current rule produced, the recurring event is only its RDATEs.
        first = min(in_rule or starts)
        extra = [start for start in starts if start != first and start not in by_rule]
        missing = sorted(start for start in by_rule if start >= first and start not in set(starts))
        calendar.add_component(_master(series, first, extra, missing, with_rule=bool(in_rule)))
        for occurrence in overrides:
            calendar.add_component(meeting_event(occurrence.meeting))
    add_local_timezone(calendar)
    return calendar.to_ical().decode()
