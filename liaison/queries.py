"""The dashboard's reads: counts, the filtered case list in keyset pages, the PostgreSQL search.

Pages are found by position in the sort order (the key of the last row seen), never by
OFFSET or a COUNT over all history, so the last page costs the same as the first at any size.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from karlshamn_portal.cache import forget
from karlshamn_portal.numbers import MAX_ID
from liaison.models import OPEN_STATUSES, Case, CaseStatus, RateLimitWindow
from liaison.models.cases import CaseQuerySet, organisation_number_in, reference_patterns
from liaison.working_days import local_today

PAGE_SIZE = 50
# Companies matched by name or number are listed for the case search; more than this many means
# the text is too vague to narrow anything by company.
MAX_COMPANY_MATCHES = 200
# A search's matches are gathered and sorted when there are at most this many; more means a
# common word, which the walk in date order meets within its first rows anyway.
MAX_GATHERED = 2000
# The counts cost a pass over the open cases, so they are kept briefly; every change through
# the services (anything that records a case event) drops them at once.
COUNTS_CACHE_SECONDS = 30

# sort name -> (field, newest or latest first)
SORT_FIELDS = {
    "-received": ("created_at", True),
    "received": ("created_at", False),
    "due": ("first_response_due", False),
}


def counts_key(today: date) -> str:
    return f"liaison:dashboard-counts:{today.isoformat()}"


def dashboard_counts(today: date) -> dict[str, int]:
    """New, unassigned, overdue and waiting: one aggregate query over the open cases."""

    def count() -> dict[str, int]:
        overdue = Q(first_responded_at__isnull=True, first_response_due__lt=today)
        return Case.objects.open().aggregate(
            new=Count("id", filter=Q(status=CaseStatus.NEW)),
            unassigned=Count("id", filter=Q(owner__isnull=True)),
            overdue=Count("id", filter=overdue),
            waiting=Count("id", filter=Q(status=CaseStatus.WAITING)),
        )

    return cast(dict[str, int], cache.get_or_set(counts_key(today), count, COUNTS_CACHE_SECONDS))


def invalidate_dashboard_counts() -> None:
    forget(counts_key(local_today(timezone.now())))


@dataclass(frozen=True)
class CaseFilters:
    """The dashboard's filters as plain values (DashboardFilterForm.case_filters reads the form)."""

    statuses: tuple[str, ...] | None = tuple(OPEN_STATUSES)  # None: any status
    topic_id: int | None = None
    department_id: int | None = None
    official_id: int | None = None
    owner_id: int | None = None
    unassigned: bool = False
    overdue_on: date | None = None  # only cases whose first response is overdue on this day
    text: str = ""

    def apply(self, cases: CaseQuerySet) -> CaseQuerySet:
        """Every filter but the search text."""
        cases = (
            cases.with_status(self.statuses)
            .about_topic(self.topic_id)
            .referred_to(self.department_id)
            .referred_to_official(self.official_id)
            .owned_by(self.owner_id)
        )
        if self.unassigned:
            cases = cases.unassigned()
        if self.overdue_on is not None:
            cases = cases.overdue(self.overdue_on)
        return cases


@dataclass(frozen=True)
class Scan:
    """How one page is read: the sort field, the direction of the scan and the key it starts
    beyond. A page before a key and the last page are read backwards and then turned round."""

    field: str
    descending: bool
    key: tuple[Any, int] | None
    backwards: bool

    @classmethod
    def of(cls, sort: str, after: str = "", before: str = "", last: bool = False) -> "Scan":
        field, descending = SORT_FIELDS.get(sort, SORT_FIELDS["-received"])
        if before and (key := _parse_key(before, field)):
            return cls(field, not descending, key, backwards=True)
        if last:
            return cls(field, not descending, None, backwards=True)
        return cls(field, descending, _parse_key(after, field) if after else None, backwards=False)

    @property
    def order(self) -> list[str]:
        sign = "-" if self.descending else ""
        return [f"{sign}{self.field}", f"{sign}id"]

    def beyond(self) -> Q:
        """(field, id) strictly past the key in the scan's direction. The plain range on the field
        comes first so the database starts the index scan at the key instead of filtering."""
        if self.key is None:
            return Q()
        value, pk = self.key
        if self.descending:
            return Q(**{f"{self.field}__lte": value}) & (Q(**{f"{self.field}__lt": value}) | Q(id__lt=pk))
        return Q(**{f"{self.field}__gte": value}) & (Q(**{f"{self.field}__gt": value}) | Q(id__gt=pk))


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


def _key(case: Case, field: str) -> str:
    return f"{getattr(case, field).isoformat()}_{case.pk}"


@dataclass
class KeysetPage:
    cases: list[Case]
    has_previous: bool
    has_next: bool
    first_key: str = ""
    last_key: str = ""


def keyset_page(cases: CaseQuerySet, scan: Scan) -> KeysetPage:
    """One page of `cases` read as `scan` says: one row more than a page tells whether there is
    another page beyond it, without counting them."""
    found = list(cases.filter(scan.beyond()).order_by(*scan.order)[: PAGE_SIZE + 1])
    more = len(found) > PAGE_SIZE
    found = found[:PAGE_SIZE]
    if scan.backwards:
        page = KeysetPage(found[::-1], has_previous=more, has_next=scan.key is not None)
    else:
        page = KeysetPage(found, has_previous=scan.key is not None, has_next=more)
    if page.cases:
        page.first_key, page.last_key = _key(page.cases[0], scan.field), _key(page.cases[-1], scan.field)
    return page


def dashboard_page(filters: CaseFilters, scan: Scan) -> KeysetPage:
    """The dashboard's page of cases, with what their rows show."""
    cases = filters.apply(Case.objects.all())
    if filters.text and settings.USES_POSTGRESQL:
        cases = Case.objects.filter(pk__in=search_case_ids(filters, scan))
    elif filters.text:
        cases = cases.search(filters.text)
    return keyset_page(cases.with_row_details(), scan)


def prefix_tsquery(text: str) -> str:
    """Every word of `text` as a prefix, all required: "hamn bag" finds "Hamnens Bageri".
    Only letters and digits pass, so nothing the user types can break the tsquery syntax."""
    return " & ".join(f"{word}:*" for word in re.findall(r"\w+", text)[:8])


def _filter_sql(filters: CaseFilters) -> tuple[list[str], list[Any]]:
    """CaseFilters.apply written out on the case table `c`, each condition with its parameters."""
    conditions: list[str] = []
    params: list[Any] = []
    if filters.statuses is not None:
        conditions.append("c.status = ANY(%s)")
        params.append(list(filters.statuses))
    if filters.topic_id is not None:
        conditions.append("c.topic_id = %s")
        params.append(filters.topic_id)
    if filters.owner_id is not None:
        conditions.append("c.owner_id = %s")
        params.append(filters.owner_id)
    if filters.department_id is not None:
        conditions.append(
            "EXISTS (SELECT 1 FROM liaison_referral r WHERE r.case_id = c.id AND r.department_id = %s)"
        )
        params.append(filters.department_id)
    if filters.official_id is not None:
        conditions.append(
            "EXISTS (SELECT 1 FROM liaison_referral r WHERE r.case_id = c.id AND r.official_id = %s)"
        )
        params.append(filters.official_id)
    if filters.unassigned:
        conditions.append("c.owner_id IS NULL")
    if filters.overdue_on is not None:
        conditions.append("c.status = ANY(%s) AND c.first_responded_at IS NULL AND c.first_response_due < %s")
        params += [list(OPEN_STATUSES), filters.overdue_on]
    return conditions, params


def _search_sql(text: str) -> tuple[str, list[Any]]:
    """The search's own condition on `c`, and its parameters (see search_case_ids)."""
    branches = ["c.company_id = ANY(ARRAY(SELECT id FROM companies))"]
    params: list[Any] = []
    words = prefix_tsquery(text)
    if words:
        # migrations 0006 and 0016: the stored, GIN-indexed document of the subject, the
        # description and the company name the submitter typed
        branches.append("c.search_document @@ to_tsquery('swedish'::regconfig, %s)")
        params.append(words)
    patterns = reference_patterns(text)
    if patterns:
        # the reference's own index (LIKE 'start%') and migration 0007's reversed one (the end)
        branches.append("c.reference LIKE %s OR reverse(c.reference) LIKE %s")
        params += [_like_prefix(patterns[0]), _like_prefix(patterns[1][::-1])]
    # The diarium number, exactly (migration 0009's partial index).
    branches.append("c.diarium_number = %s")
    params.append(text.strip())
    return "(" + " OR ".join(branches) + ")", params


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# Field names and directions come from SORT_FIELDS, never from the request.
def _order_sql(scan: Scan, table: str) -> str:
    direction = "DESC" if scan.descending else "ASC"
    return f"{table}.{scan.field} {direction}, {table}.id {direction}"


def _beyond_sql(scan: Scan, table: str) -> str:
    if scan.key is None:
        return "TRUE"
    return f"({table}.{scan.field}, {table}.id) {'<' if scan.descending else '>'} (%s, %s)"


# Companies by word prefixes of their name (migration 0004's index) or by their number.
COMPANIES_SQL = (
    "companies AS MATERIALIZED (SELECT id FROM liaison_company"
    " WHERE to_tsvector('simple'::regconfig, name) @@ to_tsquery('simple'::regconfig, %s)"
    " OR organisation_number = %s LIMIT %s)"
)


def search_case_ids(filters: CaseFilters, scan: Scan) -> list[int]:
    """PostgreSQL: the ids of the page of cases matching `filters` and their search text, read
    as `scan` says (at most one more than a page, in the scan's order).

    Keeps: every matching case is found, on every page, whether a word is rare or common.
    First the matches are gathered through the indexes in no order (the company name's GIN
    index of migration 0004, the stored document's of 0006 and 0016, the reference's two), at most
    MAX_GATHERED + 1 of them, then sorted and the page taken beyond the key; more than
    MAX_GATHERED means a common word, and the page is then read by walking the cases in sort
    order, which meets enough matches within its first rows.

    Written out because the ORM cannot say it: `WITH … AS MATERIALIZED` (without that fence
    PostgreSQL, which cannot tell how rare a prefix is, walks every case in date order testing
    each one: thousands of rows for a rare word); the matching companies listed once before the
    scan (`= ANY(ARRAY(…))`, so the company index serves that branch of the OR); and the stored
    `search_document` column, which is no model field as SQLite has no such column."""
    conditions, params = _filter_sql(filters)
    search, search_params = _search_sql(filters.text)
    where = " AND ".join([*conditions, search])
    matching = [
        prefix_tsquery(filters.text),
        organisation_number_in(filters.text),
        MAX_COMPANY_MATCHES,
        *params,
        *search_params,
    ]
    beyond = list(scan.key or ())
    # Every name spliced in below is a constant of this module or a field of SORT_FIELDS; all
    # that the request brings is a parameter.
    gathered = (
        f"WITH {COMPANIES_SQL}, gathered AS MATERIALIZED"  # noqa: S608
        f" (SELECT c.id, c.{scan.field} FROM liaison_case c WHERE {where} LIMIT %s)"
        " SELECT (SELECT COUNT(*) FROM gathered),"
        f" ARRAY(SELECT g.id FROM gathered g WHERE {_beyond_sql(scan, 'g')}"
        f" ORDER BY {_order_sql(scan, 'g')} LIMIT %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(gathered, [*matching, MAX_GATHERED + 1, *beyond, PAGE_SIZE + 1])
        count, ids = cursor.fetchone()
        if count <= MAX_GATHERED:
            return list(ids)
        walk = (
            f"WITH {COMPANIES_SQL} SELECT c.id FROM liaison_case c"  # noqa: S608
            f" WHERE {where} AND {_beyond_sql(scan, 'c')} ORDER BY {_order_sql(scan, 'c')} LIMIT %s"
        )
        cursor.execute(walk, [*matching, *beyond, PAGE_SIZE + 1])
        return [row[0] for row in cursor.fetchall()]


def count_use_within_limit(key: str, window_start: datetime, expires_at: datetime, limit: int) -> bool:
    """Count one use in a rate-limit window unless `limit` uses are already counted; True when
    it was counted (liaison.ratelimit.try_use).

    One statement, so the increment and the comparison cannot be raced: an insert of the
    window's first use, or on conflict an increment only while below the limit. RETURNING gives
    a row exactly when the use counted. The ORM has no upsert with a conditional increment, and
    two statements (insert, then a conditional update) cost a round trip more on the request
    form. Works on PostgreSQL and on SQLite (3.35+).
    """
    table = connection.ops.quote_name(RateLimitWindow._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    sql = (
        f'INSERT INTO {table} ("key", "window_start", "expires_at", "uses") VALUES (%s, %s, %s, 1)'  # noqa: S608
        f' ON CONFLICT ("key", "window_start") DO UPDATE SET "uses" = {table}."uses" + 1'
        f' WHERE {table}."uses" < %s RETURNING "uses"'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, adapt(window_start), adapt(expires_at), limit])
        return cursor.fetchone() is not None
