"""The pages issue 8 measures, and how one page is measured: warm-up, then timed requests with
Django's test client in this process (server time), with their SQL queries counted."""

import itertools
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from tests.bench.seed import RARE_WORD, Seeded
from tests.liaison.factories import valid_organisation_number
from tests.statements import statements_sent


@dataclass(frozen=True)
class Page:
    name: str
    url_names: tuple[str, ...]  # the first that resolves is measured
    role: str  # "anonymous", "liaison" or "official"
    kwargs: Callable[[Seeded], dict[str, object]] = field(default=lambda seeded: {})
    query: Callable[[Seeded], dict[str, object]] = field(default=lambda seeded: {})
    post: Callable[[Seeded, int], dict[str, object]] | None = None  # form data for request n
    expect: tuple[int, ...] = (200,)


_new_companies = itertools.count(800_000)


def request_form_data(seeded: Seeded, n: int) -> dict[str, object]:
    return {
        "company_name": f"Benchmark {n} AB",
        "organisation_number": valid_organisation_number(next(_new_companies)),
        "contact_name": "Bo Bench",
        "contact_email": f"bench{n}@example.se",
        "topic": seeded.topics[0].pk,
        "subject": "Lokal för lager",
        "description": "Vi söker en lokal för lager nära hamnen.",
        "accept_privacy": "on",
    }


DASHBOARD = ("dashboard",)
CASE_PAGE = ("case-detail",)
REQUEST_FORM = ("case-new",)
PAGES = [
    Page("floor", ("bench-floor",), "anonymous"),
    Page("dashboard", DASHBOARD, "liaison"),
    # Searched over every case, closed ones included: the query that meets all of history.
    Page("dashboard_filtered", DASHBOARD, "liaison", query=lambda s: {"status": "all", "q": RARE_WORD}),
    Page("dashboard_last_page", DASHBOARD, "liaison", query=lambda s: {"status": "all", "last": "1"}),
    Page("case_page", CASE_PAGE, "liaison", kwargs=lambda s: {"reference": s.timeline_case.reference}),  # type: ignore[union-attr]
    Page("official_referrals", ("referral-list",), "official"),
    Page("track_page", ("track",), "anonymous", kwargs=lambda s: {"token": s.track_token}),
    Page("request_form", REQUEST_FORM, "anonymous"),
    Page("request_form_post", REQUEST_FORM, "anonymous", post=request_form_data, expect=(302,)),
    Page("forum", ("forum:index",), "anonymous"),
    Page("calendar_feed", ("forum:calendar",), "anonymous", kwargs=lambda s: {"slug": s.series_slug}),
    # The public statistics as visitors get them (cached), and worked out afresh on every request.
    Page("statistics", ("feedback:statistics",), "anonymous"),
    Page("statistics_uncached", ("bench-statistics-uncached",), "anonymous"),
    # The company register (issue 13), used by business developers and liaison officers alike.
    Page("register", ("companies:register",), "liaison"),
    Page("register_search", ("companies:register",), "liaison", query=lambda s: {"q": "vätgasbolaget"}),
    Page(
        "register_never_met",
        ("companies:register",),
        "liaison",
        query=lambda s: {"never_met": "on", "size_class": "1-4"},
    ),
    Page("company_page", ("companies:company",), "liaison", kwargs=lambda s: {"pk": s.visited_company}),
    Page("coverage", ("companies:coverage",), "liaison"),
    # The first view after a change to what coverage counts: the figures worked out afresh.
    Page("coverage_uncached", ("bench-coverage-uncached",), "liaison"),
    Page("business_start", ("companies:start",), "liaison"),
]


@dataclass
class Measurement:
    name: str
    n_cases: int
    p50_ms: float
    p95_ms: float
    queries: int
    ratio_to_floor: float | None = None
    growth: float | None = None


def resolve(page: Page, seeded: Seeded) -> str | None:
    for url_name in page.url_names:
        kwargs = page.kwargs(seeded)
        if None in kwargs.values():
            return None  # what the URL needs (a token maker, a series) has not landed yet
        try:
            return reverse(url_name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    return None


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(
    page: Page, url: str, client: Client, seeded: Seeded, n_cases: int, *, requests: int, warmup: int
) -> Measurement:
    timings: list[float] = []
    queries: list[int] = []
    for number in range(warmup + requests):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            if page.post:
                response = client.post(url, page.post(seeded, n_cases * 10 + number))
            else:
                response = client.get(url, page.query(seeded))
            if response.streaming:
                b"".join(response.streaming_content)
            elapsed = time.perf_counter() - started
        if response.status_code not in page.expect:
            raise AssertionError(
                f"{page.name}: {url} answered {response.status_code}, expected {page.expect}"
            )
        if number >= warmup:
            timings.append(elapsed * 1000)
            queries.append(len(statements_sent(captured)))
    return Measurement(
        page.name,
        n_cases,
        round(statistics.median(timings), 2),
        round(percentile(timings, 0.95), 2),
        max(queries),
    )
