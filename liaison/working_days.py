"""Working days in Sweden: Monday to Friday, minus public holidays and the days treated as
holidays (midsommarafton, julafton, nyårsafton), from the `holidays` package."""

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@lru_cache(maxsize=32)
def _days_off(year: int) -> frozenset[date]:
    calendar = holidays.country_holidays("SE", years=year, categories=("public", "de_facto"))
    return frozenset(calendar.keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _days_off(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the day of receipt itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def due_date(received: datetime, days: int) -> date:
    """When a promise of `days` working days falls due for something received at `received`."""
    return add_working_days(received.astimezone(STOCKHOLM).date(), days)


def local_today(now: datetime) -> date:
    return now.astimezone(STOCKHOLM).date()
