"""Reporting periods (a month, a quarter, a year) in Stockholm time, named like 2026-11,
2026-Q4 and 2026, and the choices the staff view offers."""

from dataclasses import dataclass
from datetime import date, datetime

from liaison.working_days import STOCKHOLM


@dataclass(frozen=True)
class Period:
    key: str  # "2026", "2026-Q4" or "2026-11"
    start: date
    end: date  # the first day after

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        return (
            datetime.combine(self.start, datetime.min.time(), tzinfo=STOCKHOLM),
            datetime.combine(self.end, datetime.min.time(), tzinfo=STOCKHOLM),
        )


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def year(number: int) -> Period:
    return Period(str(number), date(number, 1, 1), date(number + 1, 1, 1))


def quarter(number: int, which: int) -> Period:
    start = date(number, 3 * (which - 1) + 1, 1)
    return Period(f"{number}-Q{which}", start, _add_months(start, 3))


def month(day: date) -> Period:
    start = day.replace(day=1)
    return Period(f"{start:%Y-%m}", start, _add_months(start, 1))


def parse_period(key: str) -> Period | None:
    """The period a key names; None for anything else."""
    try:
        if len(key) == 4 and key.isdigit():
            return year(int(key))
        if len(key) == 7 and key[4:6] == "-Q" and key[:4].isdigit() and key[6] in "1234":
            return quarter(int(key[:4]), int(key[6]))
        if len(key) == 7 and key[4] == "-" and key[:4].isdigit() and key[5:].isdigit():
            return month(date(int(key[:4]), int(key[5:]), 1))
    except ValueError:
        return None
    return None


def recent_periods(today: date) -> dict[str, list[Period]]:
    """What the staff view offers: the last 5 years, 8 quarters and 12 months, newest first."""
    this_month = today.replace(day=1)
    months = [month(_add_months(this_month, -n)) for n in range(12)]
    this_quarter = (today.month - 1) // 3
    quarters = []
    for n in range(8):
        index = today.year * 4 + this_quarter - n
        quarters.append(quarter(index // 4, index % 4 + 1))
    years = [year(today.year - n) for n in range(5)]
    return {"year": years, "quarter": quarters, "month": months}


def trend_months(today: date, count: int = 12) -> list[Period]:
    """The last `count` months, oldest first."""
    this_month = today.replace(day=1)
    return [month(_add_months(this_month, -n)) for n in reversed(range(count))]
