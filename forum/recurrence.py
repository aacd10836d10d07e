"""Recurrence rules in Stockholm wall-clock time: building, reading back and expanding them.

The rule is expanded on naive local datetimes and only then given the time zone, so a forum at
07:30 is at 07:30 in January (UTC+1) and in July (UTC+2).
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from django.conf import settings
from django.utils.dates import WEEKDAYS as WEEKDAY_LABELS
from django.utils.translation import gettext_lazy as _

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_NAMES = [WEEKDAY_LABELS[number] for number in range(7)]  # Django's own translations
ORDINALS = {1: _("first"), 2: _("second"), 3: _("third"), 4: _("fourth"), -1: _("last")}
WEEKLY, MONTHLY = "WEEKLY", "MONTHLY"


class InvalidRule(ValueError):
    pass


@dataclass
class RulePattern:
    """What the rule builder shows: every N weeks on some weekdays, or every N months on the
    first/second/third/fourth/last of one weekday."""

    frequency: str = MONTHLY
    interval: int = 1
    weekdays: list[str] = field(default_factory=list)
    ordinal: int = 1

    def to_rule(self) -> str:
        if self.interval < 1:
            raise InvalidRule("interval must be at least 1")
        if not self.weekdays or any(day not in WEEKDAYS for day in self.weekdays):
            raise InvalidRule("pick at least one weekday")
        parts = [f"FREQ={self.frequency}"]
        if self.interval > 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.frequency == WEEKLY:
            days = sorted(set(self.weekdays), key=WEEKDAYS.index)
            parts.append("BYDAY=" + ",".join(days))
        elif self.frequency == MONTHLY:
            if self.ordinal not in ORDINALS or len(self.weekdays) != 1:
                raise InvalidRule("a monthly rule needs one weekday and its place in the month")
            parts.append(f"BYDAY={self.ordinal}{self.weekdays[0]}")
        else:
            raise InvalidRule(f"unknown frequency {self.frequency}")
        return ";".join(parts)


def parse_rule(rule: str) -> RulePattern:
    """Read back a rule the builder made; anything else raises InvalidRule."""
    parts = dict(part.split("=", 1) for part in rule.upper().split(";") if "=" in part)
    frequency = parts.pop("FREQ", "")
    interval = int(parts.pop("INTERVAL", "1") or 1)
    byday = parts.pop("BYDAY", "")
    if parts or frequency not in (WEEKLY, MONTHLY) or not byday:
        raise InvalidRule(rule)
    if frequency == WEEKLY:
        pattern = RulePattern(WEEKLY, interval, byday.split(","))
    else:
        ordinal, weekday = byday[:-2], byday[-2:]
        try:
            pattern = RulePattern(MONTHLY, interval, [weekday], int(ordinal))
        except ValueError:
            raise InvalidRule(rule) from None
    pattern.to_rule()  # validates
    return pattern


def describe_rule(rule: str) -> str:
    """The rule in words, for lists and e-mails."""
    from django.utils.translation import gettext

    try:
        pattern = parse_rule(rule)
    except InvalidRule:
        return rule
    # Django's catalog already has them as each language writes them mid-sentence.
    names = [str(WEEKDAY_NAMES[WEEKDAYS.index(day)]) for day in pattern.weekdays]
    if pattern.frequency == WEEKLY:
        days = ", ".join(names)
        if pattern.interval == 1:
            return gettext("Every week on %(days)s") % {"days": days}
        return gettext("Every %(n)s weeks on %(days)s") % {"n": pattern.interval, "days": days}
    values = {"ordinal": ORDINALS[pattern.ordinal], "day": names[0], "n": pattern.interval}
    if pattern.interval == 1:
        return gettext("Every month on the %(ordinal)s %(day)s") % values
    return gettext("Every %(n)s months on the %(ordinal)s %(day)s") % values


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def to_utc(local: datetime) -> datetime:
    """Naive Stockholm wall-clock time to aware UTC; a time in the spring gap moves forward."""
    aware = local.replace(tzinfo=local_zone())
    return aware.astimezone(UTC)


def build_rrule(rule: str, first_date: date, start_time: time) -> rrule:
    try:
        parsed = rrulestr(rule, dtstart=datetime.combine(first_date, start_time))  # noqa: DTZ001 - wall-clock
    except (ValueError, TypeError) as error:
        raise InvalidRule(str(error)) from None
    if not isinstance(parsed, rrule):
        raise InvalidRule(rule)
    return parsed


def expand(
    rule: str,
    first_date: date,
    start_time: time,
    *,
    end_date: date | None,
    after: datetime,
    before: datetime,
) -> Iterator[datetime]:
    """UTC starts of the rule's occurrences with after <= start < before (both aware)."""
    recurrence = build_rrule(rule, first_date, start_time)
    zone = local_zone()
    # Compare in local wall-clock time, with an hour's slack each side for the UTC offset.
    local_after = after.astimezone(zone).replace(tzinfo=None) - timedelta(hours=3)
    local_before = before.astimezone(zone).replace(tzinfo=None) + timedelta(hours=3)
    for local in recurrence.xafter(local_after, inc=True):
        if local > local_before or (end_date and local.date() > end_date):
            return
        start = to_utc(local)
        if after <= start < before:
            yield start


def next_dates(
    rule: str, first_date: date, start_time: time, end_date: date | None, now: datetime, count: int = 10
) -> list[datetime]:
    """The next `count` starts from now (for the preview), looking at most five years ahead."""
    starts = expand(
        rule, first_date, start_time, end_date=end_date, after=now, before=now + timedelta(days=5 * 366)
    )
    result = []
    for start in starts:
        result.append(start)
        if len(result) == count:
            break
    return result
