"""Coverage: the share of the register's companies the unit met in a period, the goals per size
class and the companies behind each gap, largest first."""

from dataclasses import dataclass
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from companies.industry import IndustrySection
from companies.models import SIZE_CLASS_ORDER, Company, CoverageGoal, SizeClass
from companies.queries import CoverageRow, coverage_by, met_condition

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
    by_size = coverage_by("size_class", since, until)
    by_section = coverage_by("industry_section", since, until)
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


def behind_condition(goals: dict[str, int], now: datetime) -> Q:
    """Companies not met within their size class's goal interval."""
    condition = Q(pk__in=[])
    for months in sorted(set(goals.values())):
        classes = [size for size, interval in goals.items() if interval == months]
        condition |= Q(size_class__in=classes) & ~met_condition(now - relativedelta(months=months), now)
    return condition


def goal_gaps(now: datetime) -> list[GoalGap]:
    """Per size class with a goal, the companies not met within its interval, largest class first.

    Three queries whatever the register's size: the goals, the counts per class, and the first
    companies of every class behind (a window numbers them within their class).
    """
    goals = {goal.size_class: goal.interval_months for goal in CoverageGoal.objects.all()}
    if not goals:
        return []
    behind = behind_condition(goals, now)
    in_goals = Company.objects.in_register().filter(size_class__in=list(goals)).order_by()
    counts: dict[str, dict[str, int]] = {
        row["size_class"]: {"total": row["total"], "behind": row["behind"]}
        for row in in_goals.values("size_class").annotate(
            total=Count("id"), behind=Count("id", filter=behind)
        )
    }
    numbered = in_goals.filter(behind).annotate(
        rank=Window(RowNumber(), partition_by=[F("size_class")], order_by=[F("name").asc(), F("id").asc()])
    )
    listed: dict[str, list[Company]] = {size: [] for size in goals}
    for company in numbered.filter(rank__lte=LISTED).order_by("size_class", "name", "id"):
        listed[company.size_class].append(company)
    labels = dict(SizeClass.choices)
    return [
        GoalGap(
            size,
            str(labels.get(size, size)),
            goals[size],
            counts.get(size, {}).get("total", 0),
            counts.get(size, {}).get("behind", 0),
            listed[size],
        )
        for size in reversed(SIZE_CLASS_ORDER)
        if size in goals
    ]


def never_met(now: datetime, limit: int = LISTED * 2) -> list[Company]:
    """Register companies nobody has met in any way, ever: largest first."""
    return list(
        by_size_largest_first(Company.objects.in_register().exclude(met_condition(None, now)))[:limit]
    )
