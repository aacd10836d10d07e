"""Coverage for the public statistics: of the register's companies in each size class that has
a coverage goal, how many had a visit held within the goal's interval. One query for the goals
and one pass over the register (its stored last visits), whatever its history."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q

from companies.models import SIZE_CLASS_ORDER, Company, CoverageGoal, SizeClass
from companies.queries import met_condition
from feedback.nki import whole
from liaison.working_days import STOCKHOLM, local_today


@dataclass(frozen=True)
class Coverage:
    size_class: str
    interval_months: int
    companies: int
    visited: int

    @property
    def label(self) -> str:
        return str(SizeClass(self.size_class).label)

    @property
    def share(self) -> int | None:
        return whole(100 * self.visited / self.companies) if self.companies else None


def months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, min(day.day, 28))


def coverage_by_size_class(now: datetime) -> list[Coverage]:
    goals = {goal.size_class: goal.interval_months for goal in CoverageGoal.objects.all()}
    if not goals:
        return []
    today = local_today(now)
    counts: dict[str, Count] = {}
    for size_class, months in goals.items():
        since = datetime.combine(months_before(today, months), datetime.min.time(), tzinfo=STOCKHOLM)
        counts[f"companies_{size_class}"] = Count("pk", filter=Q(size_class=size_class))
        counts[f"visited_{size_class}"] = Count(
            "pk", filter=Q(size_class=size_class) & met_condition(since, ["visits"])
        )
    totals = Company.objects.in_register().aggregate(**counts)
    return [
        Coverage(
            size_class, goals[size_class], totals[f"companies_{size_class}"], totals[f"visited_{size_class}"]
        )
        for size_class in SIZE_CLASS_ORDER
        if size_class in goals
    ]
