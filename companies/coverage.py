"""Coverage: the share of the register's companies the unit met in a period, the goals per size
class and the companies behind each gap, largest first."""

from dataclasses import dataclass
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q, QuerySet

from companies.industry import IndustrySection
from companies.last_met import WAYS
from companies.models import SIZE_CLASS_ORDER, Company, CoverageGoal, SizeClass
from companies.queries import CoverageRow, coverage_by, coverage_counts, not_met_condition

DEFAULT_MONTHS = 24
# How many companies each gap and the "never met" list show on the page.
LISTED = 10


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
    """Coverage of the `months` up to `until`, which is now: the stored times know the past."""
    since = until - relativedelta(months=months)
    pairs = coverage_counts(since)
    names = ["total", *WAYS, "any"]
    by_size = coverage_by("size_class", pairs, names)
    by_section = coverage_by("industry_section", pairs, names)
    size_rows = _rows(by_size, [*((value, str(label)) for value, label in SizeClass.choices), ("", "–")])
    section_rows = _rows(
        by_section, [*((v, f"{v} {label}") for v, label in IndustrySection.choices), ("", "–")]
    )
    size_rows = [row for row in size_rows if row.key or row.total]
    section_rows = [row for row in section_rows if row.key or row.total]
    keys = [*WAYS, "any"]
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


def behind_goals(goals: dict[str, int], now: datetime) -> Q:
    """Companies not met within their size class's goal interval."""
    condition = Q(pk__in=[])
    for months in sorted(set(goals.values())):
        classes = [size for size, interval in goals.items() if interval == months]
        condition |= Q(size_class__in=classes) & not_met_condition(now - relativedelta(months=months))
    return condition


def first_by_name_per_class(companies: QuerySet[Company], classes: list[str], limit: int) -> list[Company]:
    """The first `limit` companies by name of each size class, largest class first: one query,
    whose part per class reads the class-and-name index until it has its companies."""
    if not classes:
        return []
    chosen = Q(pk__in=[])
    for size in classes:
        chosen |= Q(pk__in=companies.filter(size_class=size).order_by("name", "id").values("pk")[:limit])
    rank = {size: index for index, size in enumerate(classes)}
    return sorted(
        Company.objects.filter(chosen).order_by(),
        key=lambda company: (rank[company.size_class], company.name, company.pk),
    )


def goal_gaps(now: datetime) -> list[GoalGap]:
    """Per size class with a goal, the companies not met within its interval, largest class first.

    Three queries whatever the register's size: the goals, one pass over the register counting
    each class's companies and those behind, and the first companies behind of every class."""
    goals = {goal.size_class: goal.interval_months for goal in CoverageGoal.objects.all()}
    if not goals:
        return []
    behind = behind_goals(goals, now)
    totals: dict[str, int] = {}
    behind_counts: dict[str, int] = {}
    for size, total, behind_count in (
        Company.objects.in_register()
        .filter(size_class__in=list(goals))
        .order_by()
        .values_list("size_class")
        .annotate(total=Count("id"), behind=Count("id", filter=behind))
    ):
        totals[size], behind_counts[size] = total, behind_count
    classes = [size for size in reversed(SIZE_CLASS_ORDER) if size in goals]
    listed: dict[str, list[Company]] = {size: [] for size in classes}
    for company in first_by_name_per_class(Company.objects.in_register().filter(behind), classes, LISTED):
        listed[company.size_class].append(company)
    labels = dict(SizeClass.choices)
    return [
        GoalGap(
            size,
            str(labels.get(size, size)),
            goals[size],
            totals.get(size, 0),
            behind_counts.get(size, 0),
            listed[size],
        )
        for size in classes
    ]


def never_met(now: datetime, limit: int = LISTED * 2) -> list[Company]:
    """Register companies nobody has met in any way, ever: largest first."""
    classes = [*reversed(SIZE_CLASS_ORDER), ""]
    never = Company.objects.in_register().filter(not_met_condition(None))
    return first_by_name_per_class(never, classes, limit)[:limit]
