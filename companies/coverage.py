"""Coverage: the share of the register's companies the unit met in a period, the goals per size
class and the companies behind each gap, largest first."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time

from dateutil.relativedelta import relativedelta
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from companies.coverage_cache import PERIODS, remembered
from companies.industry import IndustrySection
from companies.last_met import WAYS
from companies.models import SIZE_CLASS_ORDER, Company, CoverageGoal, SizeClass, Visit, VisitStatus
from companies.queries import CoverageRow, coverage_by, coverage_counts, met_condition, not_met_condition
from liaison.working_days import STOCKHOLM, local_today

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


def start_of_day(now: datetime) -> datetime:
    """Where every coverage period ends: the start of today, so the figures hold all day."""
    return datetime.combine(local_today(now), time.min, tzinfo=STOCKHOLM)


def coverage_report(now: datetime, months: int = DEFAULT_MONTHS) -> CoverageReport:
    """Coverage of the `months` before today (from the cache while nothing it counts changed)."""
    until = start_of_day(now)
    if months not in PERIODS:
        return _coverage_report(until, months)
    return remembered(f"report-{months}", until.date(), lambda: _coverage_report(until, months))


def _coverage_report(until: datetime, months: int) -> CoverageReport:
    since = until - relativedelta(months=months)
    pairs = coverage_counts(since)
    by_size = coverage_by("size_class", pairs)
    by_section = coverage_by("industry_section", pairs)
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
    visited: int  # had a visit held within the interval (the public statistics show this share)


def _by_interval(goals: dict[str, int], until: datetime, condition: Callable[[datetime], Q]) -> Q:
    """`condition` of each company's goal interval, by its size class."""
    combined = Q(pk__in=[])
    for months in sorted(set(goals.values())):
        classes = [size for size, interval in goals.items() if interval == months]
        combined |= Q(size_class__in=classes) & condition(until - relativedelta(months=months))
    return combined


# Longest unmet first: never met, then met longest ago; by name among equals.
LONGEST_UNMET = (F("last_met_at").asc(nulls_first=True), F("name").asc(), F("id").asc())


def _longest_unmet_key(company: Company) -> tuple[bool, datetime, str, int]:
    met = company.last_met_at
    return (met is not None, met or datetime.min.replace(tzinfo=STOCKHOLM), company.name, company.pk)


def to_plan() -> QuerySet[Company]:
    """Register companies a visit could be planned for: not those with one planned already,
    which the lists of whom to visit next leave out (they still count as behind until met)."""
    planned = Visit.objects.filter(company=OuterRef("pk"), status=VisitStatus.PLANNED)
    return Company.objects.in_register().filter(~Exists(planned))


def longest_unmet_per_class(companies: QuerySet[Company], classes: list[str], limit: int) -> list[Company]:
    """The `limit` companies of each size class unmet the longest, largest class first, in one
    query whose part per class reads the class index (company_class_longest_unmet, PostgreSQL) until it has
    its companies.

    PostgreSQL runs the parts as a UNION ALL of short index scans; SQLite allows no LIMIT in a
    compound's parts, so there each part is an `IN` subquery (a scan of the small register a
    development database holds)."""
    if not classes:
        return []
    parts = [companies.filter(size_class=size).order_by(*LONGEST_UNMET)[:limit] for size in classes]
    if connection.features.supports_slicing_ordering_in_compound:
        found = list(parts[0].union(*parts[1:], all=True)) if len(parts) > 1 else list(parts[0])
    else:
        chosen = Q(pk__in=[])
        for part in parts:
            chosen |= Q(pk__in=part.values("pk"))
        found = list(Company.objects.filter(chosen).order_by())
    rank = {size: index for index, size in enumerate(classes)}
    return sorted(found, key=lambda company: (rank[company.size_class], *_longest_unmet_key(company)))


def goal_gaps(now: datetime) -> list[GoalGap]:
    """Per size class with a goal, the companies not met within its interval: largest class
    first, and in each the companies unmet the longest (from the cache while nothing it counts
    changed)."""
    until = start_of_day(now)
    return remembered("goal-gaps", until.date(), lambda: _goal_gaps(until))


def _goal_gaps(until: datetime) -> list[GoalGap]:
    """Three queries whatever the register's size: the goals, one pass over the register counting
    each class's companies, those behind and those visited, and the first companies behind of
    every class."""
    goals = {goal.size_class: goal.interval_months for goal in CoverageGoal.objects.all()}
    if not goals:
        return []
    behind = _by_interval(goals, until, not_met_condition)
    visited = _by_interval(goals, until, lambda since: met_condition(since, ["visits"]))
    counts = {
        size: (total, behind_count, visited_count)
        for size, total, behind_count, visited_count in Company.objects.in_register()
        .filter(size_class__in=list(goals))
        .order_by()
        .values_list("size_class")
        .annotate(total=Count("id"), behind=Count("id", filter=behind), visited=Count("id", filter=visited))
    }
    classes = [size for size in reversed(SIZE_CLASS_ORDER) if size in goals]
    listed: dict[str, list[Company]] = {size: [] for size in classes}
    for company in longest_unmet_per_class(to_plan().filter(behind), classes, LISTED):
        listed[company.size_class].append(company)
    labels = dict(SizeClass.choices)
    return [
        GoalGap(
            size_class=size,
            label=str(labels.get(size, size)),
            interval_months=goals[size],
            total=counts.get(size, (0, 0, 0))[0],
            behind=counts.get(size, (0, 0, 0))[1],
            companies=listed[size],
            visited=counts.get(size, (0, 0, 0))[2],
        )
        for size in classes
    ]


def never_met(now: datetime, limit: int = LISTED * 2) -> list[Company]:
    """Register companies nobody has met in any way, ever: largest first."""
    return remembered("never-met", local_today(now), lambda: _never_met(limit))


def _never_met(limit: int) -> list[Company]:
    classes = [*reversed(SIZE_CLASS_ORDER), ""]
    never = to_plan().filter(not_met_condition(None))
    return longest_unmet_per_class(never, classes, limit)[:limit]
