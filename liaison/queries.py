"""The dashboard's reads: counts, filters and keyset pages over the case list.

Pages are found by position in the sort order (the key of the last row seen), never by
OFFSET or a COUNT over all history, so the last page costs the same as the first at any size.
"""

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import BooleanField, Count, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from liaison.forms.staff import ALL_OPEN, ALL_STATUSES
from liaison.models import OPEN_STATUSES, Case, CaseStatus, Company, Referral
from liaison.models.cases import prefix_tsquery
from liaison.working_days import local_today

PAGE_SIZE = 50
# Companies matched by name or number are looked up first and passed to the case search as a
# list; more than this many means the text is too vague to narrow anything by company.
MAX_COMPANY_MATCHES = 200
# Cases whose words match are listed first (PostgreSQL) when there are at most this many; more
# means a common word, which the ordered scan meets within its first rows anyway.
MAX_TEXT_MATCHES = 2000

# sort name -> (field, descending)
SORT_FIELDS = {
    "-received": ("created_at", True),
    "received": ("created_at", False),
    "due": ("first_response_due", False),
}


# The company-name document for the search; migration 0004 indexes exactly this expression.
COMPANY_NAME_DOCUMENT = 'to_tsvector(\'simple\'::regconfig, "liaison_company"."name")'
# The counts cost a pass over the open cases, so they are kept briefly; every change through
# the services (anything that records a case event) drops them at once.
COUNTS_CACHE_SECONDS = 30


def _counts_key(today: date) -> str:
    return f"liaison:dashboard-counts:{today.isoformat()}"


def dashboard_counts(today: date) -> dict[str, int]:
    """New, unassigned, overdue and waiting: one aggregate query over the open cases."""
    counts = cache.get(_counts_key(today))
    if counts is None:
        overdue = Q(first_responded_at__isnull=True, first_response_due__lt=today)
        counts = Case.objects.open().aggregate(
            new=Count("id", filter=Q(status=CaseStatus.NEW)),
            unassigned=Count("id", filter=Q(owner__isnull=True)),
            overdue=Count("id", filter=overdue),
            waiting=Count("id", filter=Q(status=CaseStatus.WAITING)),
        )
        cache.set(_counts_key(today), counts, COUNTS_CACHE_SECONDS)
    return counts


def invalidate_dashboard_counts() -> None:
    """Drop the cached counts now and again after commit, so no reader re-caches old numbers
    between the change and its commit."""
    key = _counts_key(local_today(timezone.now()))
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def _matching_companies(text: str) -> list[int]:
    digits = re.sub(r"\D", "", text)
    if settings.USES_POSTGRESQL:
        # Word prefixes against the GIN index from migration 0004, instead of a scan with LIKE.
        query = prefix_tsquery(text)
        condition = (
            Q(
                RawSQL(  # noqa: S611 - constant SQL; the search text is a bound parameter
                    f"{COMPANY_NAME_DOCUMENT} @@ to_tsquery('simple'::regconfig, %s)",
                    [query],
                    output_field=BooleanField(),
                )
            )
            if query
            else Q(pk__in=[])
        )
    else:
        condition = Q(name__icontains=text)
    if len(digits) in (10, 12):
        digits = digits[-10:]
        condition |= Q(organisation_number=f"{digits[:6]}-{digits[6:]}")
    return list(
        Company.objects.filter(condition).order_by().values_list("id", flat=True)[:MAX_COMPANY_MATCHES]
    )


def filtered_cases(filters: dict[str, Any], user: object, today: date) -> QuerySet[Case]:
    """The cases matching the dashboard filters (cleaned DashboardFilterForm data)."""
    cases = Case.objects.all()
    status = filters.get("status") or ALL_OPEN
    if status == ALL_OPEN:
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif status != ALL_STATUSES:
        cases = cases.filter(status=status)
    if filters.get("topic"):
        cases = cases.filter(topic=filters["topic"])
    if filters.get("department"):
        cases = cases.filter(
            Exists(Referral.objects.filter(case=OuterRef("pk"), department=filters["department"]))
        )
    if filters.get("official"):
        cases = cases.filter(
            Exists(Referral.objects.filter(case=OuterRef("pk"), official=filters["official"]))
        )
    if filters.get("owner") == "me":
        cases = cases.filter(owner=user)
    elif filters.get("owner") == "none":
        cases = cases.filter(owner__isnull=True)
    if filters.get("overdue"):
        cases = cases.overdue(today)
    text = (filters.get("q") or "").strip()
    if text:
        case_ids = (
            Case.objects.full_text_matches(text, MAX_TEXT_MATCHES) if settings.USES_POSTGRESQL else None
        )
        cases = cases.search(text, _matching_companies(text), case_ids)
    return cases


@dataclass
class KeysetPage:
    rows: list[dict[str, Any]]
    has_previous: bool
    has_next: bool
    first_key: str = ""
    last_key: str = ""


def _key(row: dict[str, Any], field: str) -> str:
    return f"{row[field].isoformat()}_{row['id']}"


def _parse_key(raw: str, field: str) -> tuple[Any, int] | None:
    value, _, pk = raw.rpartition("_")
    try:
        parsed: Any = datetime.fromisoformat(value) if field == "created_at" else date.fromisoformat(value)
        position = int(pk)
    except ValueError:
        return None
    if isinstance(parsed, datetime) and parsed.tzinfo is None:
        return None  # keys are written with their UTC offset; anything else was typed by hand
    return parsed, position


def _beyond(field: str, value: Any, pk: int, forwards: bool) -> Q:
    # (field, id) strictly after the key in the scan direction. The plain range on `field`
    # comes first so the database can start the index scan at the key instead of filtering.
    if forwards:
        return Q(**{f"{field}__gte": value}) & (Q(**{f"{field}__gt": value}) | Q(id__gt=pk))
    return Q(**{f"{field}__lte": value}) & (Q(**{f"{field}__lt": value}) | Q(id__lt=pk))


def _page_rows(cases: QuerySet[Case], order: list[str], shape: Callable[[QuerySet[Case]], QuerySet]) -> list:
    # The page's cases are picked on the case table alone, then their row columns and joins are
    # read for those 51 only: with a search, PostgreSQL would otherwise join every match to its
    # company, topic and officer before sorting.
    chosen = cases.order_by(*order).values("id")[: PAGE_SIZE + 1]
    return list(shape(Case.objects.filter(pk__in=chosen)).order_by(*order))


def keyset_page(
    cases: QuerySet[Case],
    sort: str,
    *,
    shape: Callable[[QuerySet[Case]], QuerySet],
    after: str = "",
    before: str = "",
    last: bool = False,
) -> KeysetPage:
    """One page of `cases` in `sort` order: the first, the one after/before a key, or the last.
    `shape` turns the chosen cases into the row values (dashboard_rows)."""
    field, descending = SORT_FIELDS.get(sort, SORT_FIELDS["-received"])
    forward_order = [f"-{field}", "-id"] if descending else [field, "id"]
    backward_order = [field, "id"] if descending else [f"-{field}", "-id"]
    key = _parse_key(after or before, field) if (after or before) else None
    if before and key:
        scan_forwards = descending is False
        rows = _page_rows(
            cases.filter(_beyond(field, *key, forwards=not scan_forwards)), backward_order, shape
        )
        has_previous = len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE][::-1]
        page = KeysetPage(rows, has_previous=has_previous, has_next=True)
    elif last:
        rows = _page_rows(cases, backward_order, shape)
        has_previous = len(rows) > PAGE_SIZE
        page = KeysetPage(rows[:PAGE_SIZE][::-1], has_previous=has_previous, has_next=False)
    else:
        if after and key:
            cases = cases.filter(_beyond(field, *key, forwards=not descending))
        rows = _page_rows(cases, forward_order, shape)
        page = KeysetPage(rows[:PAGE_SIZE], has_previous=bool(after and key), has_next=len(rows) > PAGE_SIZE)
    if page.rows:
        page.first_key, page.last_key = _key(page.rows[0], field), _key(page.rows[-1], field)
    return page


ROW_COLUMNS = [
    "id",
    "reference",
    "created_at",
    "subject",
    "status",
    "first_response_due",
    "is_overdue",
    "company__name",
    "company__organisation_number",
    "topic__name_sv",
    "topic__name_en",
    "owner__username",
    "owner__first_name",
    "owner__last_name",
]


def dashboard_rows(cases: QuerySet[Case], today: date) -> QuerySet:
    """What each row shows, as plain values from the page's one query: only the columns shown
    (the description and contact details stay in the database), and no model objects, whose
    construction (a case, its company, topic and owner per row) was a good part of the page."""
    return cases.with_overdue_flag(today).values(*ROW_COLUMNS)


def referrals_by_case(rows: list[dict[str, Any]], today: date) -> dict[int, list[dict[str, Any]]]:
    """The referrals of a page of cases (dashboard_rows) as values in one query, grouped by case.
    (prefetch_related does the same but builds a queryset per case, which costs more than the
    query on a full page.)"""
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    referrals = (
        Referral.objects.filter(case_id__in=[row["id"] for row in rows])
        .with_overdue_flag(today)
        .order_by("created_at", "id")
        .values("case_id", "status", "is_overdue", "department__name_sv", "department__name_en")
    )
    for referral in referrals:
        grouped[referral["case_id"]].append(referral)
    return grouped
