"""The coverage figures kept in the cache for the day, and dropping them when they change.

Coverage, the goal gaps and the "never met" list count over the whole register (one pass over
its rows, some 100 ms at 100,000 companies), and everyone who opens the coverage page, the start
page or the public statistics reads the same figures. Their periods start at the beginning of
the day, so the figures hold until something they count changes: a company's stored last-met
times, the register (an import, an edit) or the goals. Each of those drops them. A drop lost
while Redis is unreachable leaves figures at most CACHE_SECONDS old.
"""

from collections.abc import Callable
from datetime import date
from typing import TypeVar, cast

from django.core.cache import cache
from django.utils import timezone

from karlshamn_portal.cache import forget
from liaison.working_days import local_today

# The periods the coverage page offers, in months; each has its cached report.
PERIODS = [6, 12, 24, 36, 60]
CACHE_SECONDS = 10 * 60
T = TypeVar("T")


def _key(name: str, today: date) -> str:
    return f"companies:coverage:{today.isoformat()}:{name}"


def _names() -> list[str]:
    return [*(f"report-{months}" for months in PERIODS), "goal-gaps", "never-met"]


def remembered(name: str, today: date, compute: Callable[[], T]) -> T:
    if name not in _names():
        raise ValueError(f"{name} would not be dropped by forget_coverage")
    return cast(T, cache.get_or_set(_key(name, today), compute, CACHE_SECONDS))


def forget_coverage() -> None:
    forget(*(_key(name, local_today(timezone.now())) for name in _names()))
