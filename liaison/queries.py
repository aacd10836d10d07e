"""The dashboard's reads: counts, filters and keyset pages over the case list.

Pages are found by position in the sort order (the key of the last row seen), never by
OFFSET or a COUNT over all history, so the last page costs the same as the first at any size.
"""

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models import BooleanField, Count, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from karlshamn_portal.cache import forget, remembered
from liaison.forms.staff import ALL_OPEN, ALL_STATUSES
from liaison.models import (
    OPEN_STATUSES,
    Case,
    CaseStatus,
    Company,
    Department,
    Referral,
)
from liaison.models.cases import first_response_overdue, prefix_tsquery
from liaison.models.referrals import referral_overdue
from liaison.working_days import local_today

PAGE_SIZE = 50
# The case table, by its own name: the ORM's WHERE clauses name it so.
CASES = Case._meta.db_table
# Companies matched by name or number are listed for the case search; more than this many means
# the text is too vague to narrow anything by company.
MAX_COMPANY_MATCHES = 200
# A search's matches are gathered and sorted (PostgreSQL) when there are at most this many; more
# means a common word, which the walk in date order meets within its first rows anyway.
MAX_GATHERED = 2000

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


def counts_key(today: date) -> str:
    return f"liaison:dashboard-counts:{today.isoformat()}"


def dashboard_counts(today: date, prefetched: dict[str, Any] | None = None) -> dict[str, int]:
    """New, unassigned, overdue and waiting: one aggregate query over the open cases.
    `prefetched`: cache entries the caller already read with get_many, to save a round trip."""

    def count() -> dict[str, int]:
        overdue = Q(first_responded_at__isnull=True, first_response_due__lt=today)
        return Case.objects.open().aggregate(
            new=Count("id", filter=Q(status=CaseStatus.NEW)),
            unassigned=Count("id", filter=Q(owner__isnull=True)),
            overdue=Count("id", filter=overdue),
            waiting=Count("id", filter=Q(status=CaseStatus.WAITING)),
        )

    return remembered(counts_key(today), COUNTS_CACHE_SECONDS, count, prefetched)


def invalidate_dashboard_counts() -> None:
    forget(counts_key(local_today(timezone.now())))


def _matching_companies(text: str) -> QuerySet[Company, Any]:
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
    return Company.objects.filter(condition).order_by().values("id")[:MAX_COMPANY_MATCHES]


@dataclass
class CaseSelection:
    cases: QuerySet[Case]
    # A search on PostgreSQL, whose matches are likely few (see keyset_page).
    gather: bool = False


def filtered_cases(filters: dict[str, Any], user: User, today: date) -> CaseSelection:
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
    if not text:
        return CaseSelection(cases)
    return CaseSelection(cases.search(text, _matching_companies(text)), gather=settings.USES_POSTGRESQL)


@dataclass
class KeysetPage:
    rows: list[dict[str, Any]]
    has_previous: bool
    has_next: bool
    first_key: str = ""
    last_key: str = ""


def _key(row: dict[str, Any], field: str) -> str:
    return f"{row[field].isoformat()}_{row['id']}"


# The largest id a bigint column holds: a larger one in a key is refused by the database.
MAX_ID = 2**63 - 1


def _parse_key(raw: str, field: str) -> tuple[Any, int] | None:
    """The (value, id) a page key names, or None for a key we did not write (the first page is
    shown then). Times are turned to UTC here: an offset such as -14:00 on 9999-12-31 lies beyond
    the last representable instant, and PostgreSQL refuses offsets beyond ±15:59."""
    value, _, pk = raw.rpartition("_")
    try:
        parsed: Any = datetime.fromisoformat(value) if field == "created_at" else date.fromisoformat(value)
        position = int(pk)
        if isinstance(parsed, datetime):
            if parsed.tzinfo is None:
                return None  # keys are written with their UTC offset; anything else was typed by hand
            parsed = parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    if not 0 <= position <= MAX_ID:
        return None
    return parsed, position


def _beyond(field: str, value: Any, pk: int, forwards: bool) -> Q:
    # (field, id) strictly after the key in the scan direction. The plain range on `field`
    # comes first so the database can start the index scan at the key instead of filtering.
    if forwards:
        return Q(**{f"{field}__gte": value}) & (Q(**{f"{field}__gt": value}) | Q(id__gt=pk))
    return Q(**{f"{field}__lte": value}) & (Q(**{f"{field}__lt": value}) | Q(id__lt=pk))


@dataclass
class ChosenCases:
    """The SQL picking a page's cases in scan order, and its parameters. With `gathered`, the
    matching cases are first gathered in no order (SQL for a common table expression named
    "gathered", at most MAX_GATHERED + 1 of them) and `sql` picks the page among them."""

    sql: str
    params: list[Any]
    order: list[str]
    gathered: str = ""


# The page's rows: what each row of the chosen cases shows. With gathered cases, each row also
# has "gathered_count", the number gathered.
PageShape = Callable[[ChosenCases], list[dict[str, Any]]]


def _where(cases: QuerySet[Case]) -> tuple[str, list[Any]]:
    """The filters' WHERE clause on the case table (by its own name). Compiled alone and put into
    a query written out, because compiling the whole ordered, limited query took the ORM longer
    than PostgreSQL took to plan and run it."""
    if len(cases.query.alias_map) > 1:
        # A filter joined another table, which the clause would name: the ORM writes it whole.
        sql, params = cases.order_by().values("id").query.sql_with_params()
        return f"WHERE {CASES}.id IN ({sql})", list(params)
    try:
        where, params = cases.query.get_compiler(connection=connection).compile(cases.query.where)
    except FullResultSet:  # no filter at all
        return "", []
    except EmptyResultSet:  # a filter no case can match
        return "WHERE 1 = 0", []
    return f"WHERE {where}", list(params)


def _chosen(cases: QuerySet[Case], order: list[str], gather: bool) -> ChosenCases:
    # The page's cases are picked on the case table alone (an index-only walk for most filters),
    # then their row columns and joins are read for those 51 only.
    where, params = _where(cases)
    if not gather:
        sql = f"SELECT {CASES}.id FROM {CASES} {where} ORDER BY {_order_sql(order, CASES)} LIMIT {PAGE_SIZE + 1}"  # noqa: S608
        return ChosenCases(sql, params, order)
    # Found through the indexes with no order asked for, then sorted: in one ordered and limited
    # query PostgreSQL would walk the cases in date order checking each one, as it cannot tell
    # how rare the searched words are (thousands of rows for a rare word). The LIMIT keeps the
    # two steps apart and bounds the gathering.
    field = order[0].lstrip("-")
    gathered = f"SELECT {CASES}.id, {CASES}.{field} FROM {CASES} {where} LIMIT {MAX_GATHERED + 1}"  # noqa: S608
    sql = f"SELECT g.id FROM gathered g ORDER BY {_order_sql(order, 'g')} LIMIT {PAGE_SIZE + 1}"  # noqa: S608
    return ChosenCases(sql, params, order, gathered)


def _page_rows(
    cases: QuerySet[Case], order: list[str], shape: PageShape, gather: bool
) -> list[dict[str, Any]]:
    rows = shape(_chosen(cases, order, gather))
    if gather and rows and rows[0]["gathered_count"] > MAX_GATHERED:
        # Too common to gather: the walk in date order meets enough matches within its first rows.
        rows = shape(_chosen(cases, order, gather=False))
    return rows


def keyset_page(
    cases: QuerySet[Case],
    sort: str,
    *,
    shape: PageShape,
    after: str = "",
    before: str = "",
    last: bool = False,
    gather: bool = False,
) -> KeysetPage:
    """One page of `cases` in `sort` order: the first, the one after/before a key, or the last.
    `shape` turns the chosen cases into the row values (dashboard_rows). `gather`: the cases are
    likely few (a search on PostgreSQL), so first try gathering them all and sorting them."""
    field, descending = SORT_FIELDS.get(sort, SORT_FIELDS["-received"])
    forward_order = [f"-{field}", "-id"] if descending else [field, "id"]
    backward_order = [field, "id"] if descending else [f"-{field}", "-id"]
    key = _parse_key(after or before, field) if (after or before) else None
    if before and key:
        scan_forwards = descending is False
        rows = _page_rows(
            cases.filter(_beyond(field, *key, forwards=not scan_forwards)), backward_order, shape, gather
        )
        has_previous = len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE][::-1]
        page = KeysetPage(rows, has_previous=has_previous, has_next=True)
    elif last:
        rows = _page_rows(cases, backward_order, shape, gather)
        has_previous = len(rows) > PAGE_SIZE
        page = KeysetPage(rows[:PAGE_SIZE][::-1], has_previous=has_previous, has_next=False)
    else:
        if after and key:
            cases = cases.filter(_beyond(field, *key, forwards=not descending))
        rows = _page_rows(cases, forward_order, shape, gather)
        page = KeysetPage(rows[:PAGE_SIZE], has_previous=bool(after and key), has_next=len(rows) > PAGE_SIZE)
    if page.rows:
        page.first_key, page.last_key = _key(page.rows[0], field), _key(page.rows[-1], field)
    return page


# The row columns: the names are those of the values() lookups they replace.
ROW_COLUMNS = {
    "id": "c.id",
    "reference": "c.reference",
    "created_at": "c.created_at",
    "subject": "c.subject",
    "status": "c.status",
    "first_response_due": "c.first_response_due",
    "first_responded_at": "c.first_responded_at",
    "company__name": "co.name",
    "company__organisation_number": "co.organisation_number",
    # The view names topics from the topic select's cached options.
    "topic_id": "c.topic_id",
    "owner__username": "u.username",
    "owner__first_name": "u.first_name",
    "owner__last_name": "u.last_name",
}


def _order_sql(order: list[str], alias: str = "c") -> str:
    return ", ".join(
        f"{alias}.{name.lstrip('-')} DESC" if name.startswith("-") else f"{alias}.{name} ASC"
        for name in order
    )


def _aware(value: datetime) -> datetime:
    # SQLite hands back the stored UTC time without its zone (the ORM adds it; raw SQL does not).
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def dashboard_rows(chosen: ChosenCases, today: date) -> list[dict[str, Any]]:
    """What each row shows, as plain values from the page's one query: only the columns shown
    (the description and contact details stay in the database), and no model objects.
    The query is written out rather than built with the ORM: assembling the joins, columns and
    annotation took longer than running it, on a page drawn on every visit."""
    columns, prefix = dict(ROW_COLUMNS), ""
    if chosen.gathered:
        # MATERIALIZED: the gathering runs once, for the count and for the page.
        prefix = f"WITH gathered AS MATERIALIZED ({chosen.gathered}) "
        columns["gathered_count"] = "(SELECT COUNT(*) FROM gathered)"
    sql = (
        f"{prefix}SELECT {', '.join(columns.values())} FROM {CASES} c"  # noqa: S608
        f" INNER JOIN {Company._meta.db_table} co ON co.id = c.company_id"
        f" LEFT OUTER JOIN {get_user_model()._meta.db_table} u ON u.id = c.owner_id"
        f" WHERE c.id IN ({chosen.sql}) ORDER BY {_order_sql(chosen.order)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, chosen.params)
        rows = [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]
    for row in rows:
        row["created_at"] = _aware(row["created_at"])
        row["is_overdue"] = first_response_overdue(
            row["status"], row["first_responded_at"], row["first_response_due"], today
        )
    return rows


def referrals_by_case(rows: list[dict[str, Any]], today: date) -> dict[int, list[dict[str, Any]]]:
    """The referrals of a page of cases (dashboard_rows) as values in one query, grouped by case.
    (prefetch_related does the same but builds a queryset per case, which costs more than the
    query on a full page; the ORM's own query building cost about as much as running it.)"""
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    ids = [row["id"] for row in rows]
    if not ids:
        return grouped
    sql = (
        f"SELECT r.case_id, r.status, r.due_date, d.name_sv, d.name_en"  # noqa: S608
        f" FROM {Referral._meta.db_table} r INNER JOIN {Department._meta.db_table} d ON d.id = r.department_id"
        f" WHERE r.case_id IN ({', '.join(['%s'] * len(ids))}) ORDER BY r.created_at ASC, r.id ASC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        for case_id, status, due_date, name_sv, name_en in cursor.fetchall():
            grouped[case_id].append(
                {
                    "case_id": case_id,
                    "status": status,
                    "is_overdue": referral_overdue(status, due_date, today),
                    "department__name_sv": name_sv,
                    "department__name_en": name_en,
                }
            )
    return grouped
