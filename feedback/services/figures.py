"""The public statistics: one month's figures from a few aggregate queries, stored once the
month is over, and a year as the sum of its months.

/statistik/ reads the stored months (one query, a row a month) and works out only the current
month (and the previous one until the periodic task has stored it) from the cases themselves, so
the page's queries stay the same in number however long the history grows.
"""

from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from typing import Any, cast

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F, Min, Q, Sum
from django.utils import timezone

from companies.models import Visit
from feedback.models import MonthlyFigures, Survey, SurveyResponse
from feedback.nki import MIN_RESPONDENTS, NkiFigure, group_nki, whole
from feedback.services.coverage import Coverage, coverage_by_size_class
from forum.models import Occurrence
from liaison.models import Case, Referral, ReferralStatus
from liaison.working_days import STOCKHOLM, is_working_day, local_today
from meetings.models import MeetingStatus

CACHE_KEY = "feedback:statistics:v2"
CACHE_SECONDS = 15 * 60
# Answers keep arriving for a survey's 60 days and first responses come late: the task stores
# these last months again each time it runs; older months stay as stored.
REFRESHED_MONTHS = 3


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The month in Stockholm as an aware [start, end) pair."""
    start = datetime.combine(month, datetime.min.time(), tzinfo=STOCKHOLM)
    end = datetime.combine(next_month(month), datetime.min.time(), tzinfo=STOCKHOLM)
    return start, end


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when answered the same day)."""
    days, current = 0, start
    while current < end:
        current += timedelta(days=1)
        days += is_working_day(current)
    return days


def median_of(histogram: dict[str, int]) -> float | None:
    """The median of values given as {value: how many}."""
    total = sum(histogram.values())
    if not total:
        return None
    ordered = sorted((int(value), count) for value, count in histogram.items())

    def nth(position: int) -> int:
        seen = 0
        for value, count in ordered:
            seen += count
            if position < seen:
                return value
        raise AssertionError("position beyond the histogram")

    middle = total // 2
    if total % 2:
        return float(nth(middle))
    return (nth(middle - 1) + nth(middle)) / 2


def percent(part: int, whole_count: int) -> int | None:
    return whole(100 * part / whole_count) if whole_count else None


@dataclass
class Figures:
    """The counts behind one period's statistics (a month, or a year summed from its months)."""

    start: date
    cases_received: int = 0
    responded: int = 0
    responded_in_time: int = 0
    response_days: dict[str, int] = field(default_factory=dict)
    referrals_due: int = 0
    referrals_on_time: int = 0
    surveys_sent: int = 0
    respondents: int = 0
    nki_total: float = 0.0
    forum_meetings: int = 0
    forum_attendance: int = 0
    visits_held: int = 0
    # A year whose months without an index hold between them fewer than MIN_RESPONDENTS answers
    # shows none either: the year less its shown months would give those few answers away.
    nki_withheld: bool = False

    @property
    def median_response_days(self) -> float | None:
        return median_of(self.response_days)

    @property
    def share_in_time(self) -> int | None:
        return percent(self.responded_in_time, self.responded)

    @property
    def share_referrals_on_time(self) -> int | None:
        return percent(self.referrals_on_time, self.referrals_due)

    @property
    def nki(self) -> NkiFigure:
        figure = group_nki(self.nki_total, self.respondents, self.surveys_sent)
        if self.nki_withheld:
            return NkiFigure(None, None, figure.respondents, figure.surveyed)
        return figure

    def add(self, other: "Figures") -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for days, count in other.response_days.items():
            self.response_days[days] = self.response_days.get(days, 0) + count


COUNTS = [f.name for f in fields(Figures) if f.name not in ("start", "response_days", "nki_withheld")]


def compute_month(month: date, now: datetime) -> Figures:
    """One month's figures from the database: eight queries whatever the history."""
    start, end = month_bounds(month)
    today = local_today(now)
    figures = Figures(
        month, cases_received=Case.objects.filter(created_at__gte=start, created_at__lt=end).count()
    )
    answered = Case.objects.filter(
        created_at__gte=start, created_at__lt=end, first_responded_at__isnull=False
    )
    for received, responded, due in answered.values_list(
        "created_at", "first_responded_at", "first_response_due"
    ):
        answered_on = local_today(responded)  # type: ignore[arg-type]  # filtered: not NULL
        days = str(working_days_between(local_today(received), answered_on))
        figures.response_days[days] = figures.response_days.get(days, 0) + 1
        figures.responded += 1
        figures.responded_in_time += answered_on <= due
    # Referrals due this month that have come to their verdict: done, or past the due date.
    # A declined one went back to the liaison officer and is no department's delay.
    referrals = (
        Referral.objects.filter(due_date__gte=month, due_date__lt=next_month(month))
        .exclude(status=ReferralStatus.DECLINED)
        .filter(Q(status=ReferralStatus.DONE) | Q(due_date__lt=today))
        .aggregate(
            due=Count("pk"),
            on_time=Count("pk", filter=Q(status=ReferralStatus.DONE, done_at__date__lte=F("due_date"))),
        )
    )
    figures.referrals_due, figures.referrals_on_time = referrals["due"], referrals["on_time"]
    figures.surveys_sent = Survey.objects.filter(sent_at__gte=start, sent_at__lt=end).count()
    answers = SurveyResponse.objects.complete().filter(survey__sent_at__gte=start, survey__sent_at__lt=end)
    totals = answers.aggregate(total=Sum("nki"), respondents=Count("pk"))
    figures.nki_total, figures.respondents = totals["total"] or 0.0, totals["respondents"]
    held = Occurrence.objects.filter(
        meeting__start__gte=start, meeting__start__lt=end, meeting__end__lte=now
    ).exclude(meeting__status=MeetingStatus.CANCELLED)
    figures.forum_meetings = held.count()
    figures.forum_attendance = Occurrence.attended.through.objects.filter(occurrence__in=held).count()
    visits = Visit.objects.held().filter(meeting__start__gte=start, meeting__start__lt=end)
    figures.visits_held = visits.count()
    return figures


def _stored(row: MonthlyFigures) -> Figures:
    values = {name: getattr(row, name) for name in COUNTS}
    return Figures(row.month, response_days=dict(row.response_days), **values)


@transaction.atomic
def store_month(month: date, now: datetime) -> MonthlyFigures:
    figures = compute_month(month, now)
    values: dict[str, Any] = {name: getattr(figures, name) for name in COUNTS}
    row, _created = MonthlyFigures.objects.update_or_create(
        month=month, defaults={**values, "response_days": figures.response_days, "stored_at": now}
    )
    return row


def store_monthly_figures(now: datetime | None = None) -> int:
    """Store every finished month not stored yet, and the last REFRESHED_MONTHS again; returns
    how many months were written. Run by the periodic task."""
    now = now or timezone.now()
    current = month_start(local_today(now))
    starts = [
        Case.objects.aggregate(first=Min("created_at"))["first"],
        Visit.objects.held().aggregate(first=Min("meeting__start"))["first"],
        Occurrence.objects.aggregate(first=Min("meeting__start"))["first"],
    ]
    known = [start for start in starts if start is not None]
    if not known:
        return 0
    first = min(known)
    stored = set(MonthlyFigures.objects.values_list("month", flat=True))
    months, month = [], month_start(local_today(first))
    while month < current:
        months.append(month)
        month = next_month(month)
    due = [m for m in months if m not in stored] + [m for m in months[-REFRESHED_MONTHS:] if m in stored]
    for month in due:
        store_month(month, now)
    forget_statistics()
    return len(due)


@dataclass
class Statistics:
    months: list[Figures]  # oldest first
    years: list[Figures]
    coverage: list[Coverage]  # now, by size class


def compute_statistics(now: datetime) -> Statistics:
    current = month_start(local_today(now))
    previous = month_start(current - timedelta(days=1))
    by_month = {row.month: _stored(row) for row in MonthlyFigures.objects.filter(month__lt=current)}
    if previous not in by_month and Case.objects.filter(created_at__lt=month_bounds(current)[0]).exists():
        by_month[previous] = compute_month(previous, now)  # the task has not stored it yet
    by_month[current] = compute_month(current, now)
    months = [by_month[month] for month in sorted(by_month)]
    years: dict[int, Figures] = {}
    for figures in months:
        years.setdefault(figures.start.year, Figures(figures.start.replace(month=1))).add(figures)
    for year in years.values():
        hidden = sum(m.respondents for m in months if m.start.year == year.start.year and m.nki.too_few)
        year.nki_withheld = 0 < hidden < MIN_RESPONDENTS
    return Statistics(months, [years[year] for year in sorted(years)], coverage_by_size_class(now))


def statistics(now: datetime | None = None) -> Statistics:
    """The statistics as the public page shows them, from the cache when fresh."""
    # With Redis down every read is a miss (karlshamn_portal/cache.py): worked out, not stored.
    return cast(
        Statistics,
        cache.get_or_set(CACHE_KEY, lambda: compute_statistics(now or timezone.now()), CACHE_SECONDS),
    )


def forget_statistics() -> None:
    cache.delete(CACHE_KEY)
