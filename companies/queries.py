"""The register's reads: who the unit met in a period, by which way, and coverage.

Each company carries when it was last met each way and in any way (companies.last_met), so
"met since" is a comparison on the company's own row and a count over the register is one pass
over it, whatever the history behind it.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q

from companies.last_met import ANY, FIELDS, WAYS
from companies.models import Company


def met_condition(since: datetime | None, ways: list[str] | None = None) -> Q:
    """Companies met since then (None: ever) in any of the ways."""
    fields = [FIELDS[way] for way in ways] if ways else [ANY]
    lookup = "isnull" if since is None else "gte"
    value = False if since is None else since
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__{lookup}": value})
    return condition


def not_met_condition(since: datetime | None) -> Q:
    """Companies not met in any way since then (None: never)."""
    never = Q(**{f"{ANY}__isnull": True})
    return never if since is None else never | Q(**{f"{ANY}__lt": since})


@dataclass(frozen=True)
class CoverageRow:
    key: str
    label: str
    total: int
    met: dict[str, int]  # per way, and "any"

    def share(self, way: str) -> int:
        """Percent of the group met that way, rounded down."""
        return 100 * self.met[way] // self.total if self.total else 0

    @property
    def shares(self) -> list[tuple[str, int, int]]:
        return [(way, self.met[way], self.share(way)) for way in [*WAYS, "any"]]


def coverage_counts(since: datetime) -> list[Mapping[str, Any]]:
    """Register companies per size class and industry section together: how many there are and
    how many were met each way and in any way since then. One pass over
    the register for both breakdowns: every company is in exactly one (size class, section)
    pair, so each breakdown is a sum over the pairs."""
    counts = {way: Count("id", filter=met_condition(since, [way])) for way in WAYS}
    counts["any"] = Count("id", filter=met_condition(since))
    return list(
        Company.objects.in_register()
        .order_by()
        .values("size_class", "industry_section")
        .annotate(total=Count("id"), **counts)
    )


def coverage_by(field: str, pairs: list[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """The counts of `coverage_counts` summed per value of `field` (size_class or
    industry_section)."""
    names = ["total", *WAYS, "any"]
    summed: dict[str, dict[str, int]] = {}
    for pair in pairs:
        row = summed.setdefault(str(pair[field]), dict.fromkeys(names, 0))
        for name in names:
            row[name] += int(pair[name])
    return summed
