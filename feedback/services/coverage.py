"""Coverage for the public statistics: of the register's companies in each size class that has
a coverage goal, how many had a visit held within the goal's interval: the register's goal gaps
count them (companies.coverage), cached for the day until something they count changes."""

from dataclasses import dataclass
from datetime import datetime

from companies.coverage import goal_gaps
from companies.models import SizeClass
from feedback.nki import whole


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


def coverage_by_size_class(now: datetime) -> list[Coverage]:
    """From the register's goal gaps, which count each class's companies visited within its goal."""
    return [Coverage(gap.size_class, gap.interval_months, gap.total, gap.visited) for gap in goal_gaps(now)]
