"""Coverage: the share of the register's companies the unit met in a period, the goals per size
class and the companies behind each gap, largest first."""

from dataclasses import dataclass
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Case, Count, DateTimeField, F, IntegerField, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from companies.industry import IndustrySection
from companies.models import SIZE_CLASS_ORDER, Company, CoverageGoal, SizeClass
from companies.queries import CoverageRow, coverage_by, coverage_counts, not_met_condition

DEFAULT_MONTHS = 24
# How many companies each gap and the "never met" list show on the page.
LISTED = 10


def largest_first() -> Case:
    """An ORDER BY expression: 500+ first, then 200–499, …, 0 and unknown last."""
    whens = [
        When(size_class=value, then=Value(rank)) for rank, value in enumerate(reversed(SIZE_CLASS_ORDER))
    ]
    return Case(*whens, default=Value(len(SIZE_CLASS_ORDER)), output_field=IntegerField())


def by_size_largest_first(companies: QuerySet[Company]) -> QuerySet[Company]:
    return companies.order_by(largest_first(), "name", "id")


@dataclass(frozen=True)
class CoverageReport:
    since: datetime
    until: datetime
    months: int
    by_size: list[CoverageRow]
    by_section: list[CoverageRow]
    total: CoverageRow


def _rows(counts: dict[str, dict[str, int]], choices: list[tuple[str, str]]) -> list[CoverageRow]:
    empty = {"total": 0, "visits": 0, "cases": 0, "meetings": 0, "forum": 0, "any": 0}
    rows = []
    for value, label in choices:
        row = counts.get(value, empty)
        rows.append(
            CoverageRow(value, str(label), row["total"], {k: v for k, v in row.items() if k != "total"})
        )
    return rows


def coverage_report(until: datetime, months: int = DEFAULT_MONTHS) -> CoverageReport:
    since = until - relativedelta(months=months)
    pairs = coverage_counts(since, until)
    by_size = coverage_by("size_class", pairs)
    by_section = coverage_by("industry_section", pairs)
    size_rows = _rows(by_size, [*((value, str(label)) for value, label in SizeClass.choices), ("", "–")])
    section_rows = _rows(
        by_section, [*((v, f"{v} {label}") for v, label in IndustrySection.choices), ("", "–")]
    )
    size_rows = [row for row in size_rows if row.key or row.total]
    section_rows = [row for row in section_rows if row.key or row.total]
    keys = ["visits", "cases", "meetings", "forum", "any"]
    total = CoverageRow(
        "all",
        "",
        sum(row.total for row in size_rows),
        {key: sum(row.met[key] for row in size_rows) for key in keys},
    )
    return CoverageReport(since, until, months, size_rows, section_rows, total)


@dataclass(frozen=True)
class GoalGap:
    size_class: str
    label: str
    interval_months: int
    total: int
    behind: int
    companies: list[Company]


def met_since_by_class(goals: dict[str, int], now: datetime) -> Case:
    """The start of each company's goal interval, by its size class."""
    whens = [
        When(
            size_class__in=[size for size, interval in goals.items() if interval == months],
            then=Value(now - relativedelta(months=months)),
        )
        for months in sorted(set(goals.values()))
    ]
    return Case(*whens, default=Value(now), output_field=DateTimeField())


def behind_goals(companies: QuerySet[Company], goals: dict[str, int], now: datetime) -> QuerySet[Company]:
    """The companies not met within their size class's goal interval."""
    return companies.annotate(met_since=met_since_by_class(goals, now)).filter(
        not_met_condition(now, since_outer=True)
    )


def goal_gaps(now: datetime) -> list[GoalGap]:
    """Per size class with a goal, the companies not met within its interval, largest class first.

    Three queries whatever the register's size: the goals, the companies per class, and the
    first companies of every class behind with how many are behind (windows over the class). The
    "behind" condition is the costly part (it builds the sets of companies met per interval), so
    only the last query asks it.
    """
    goals = {goal.size_class: goal.interval_months for goal in CoverageGoal.objects.all()}
    if not goals:
        return []
    in_goals = Company.objects.in_register().filter(size_class__in=list(goals)).order_by()
    totals = dict(in_goals.values_list("size_class").annotate(total=Count("id")))
    numbered = behind_goals(in_goals, goals, now).annotate(
        rank=Window(RowNumber(), partition_by=[F("size_class")], order_by=[F("name").asc(), F("id").asc()]),
        behind=Window(Count("id"), partition_by=[F("size_class")]),
    )
    listed: dict[str, list[Company]] = {size: [] for size in goals}
    behind: dict[str, int] = {}
    for company in numbered.filter(rank__lte=LISTED).order_by("size_class", "name", "id"):
        listed[company.size_class].append(company)
        behind[company.size_class] = company.behind
    labels = dict(SizeClass.choices)
    return [
        GoalGap(
            size,
            str(labels.get(size, size)),
            goals[size],
            totals.get(size, 0),
            behind.get(size, 0),
            listed[size],
        )
        for size in reversed(SIZE_CLASS_ORDER)
        if size in goals
    ]


def never_met(now: datetime, limit: int = LISTED * 2) -> list[Company]:
    """Register companies nobody has met in any way, ever: largest first."""
    return list(by_size_largest_first(Company.objects.in_register().filter(not_met_condition(now)))[:limit])
