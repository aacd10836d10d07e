"""The register's reads: who the unit met in a period, by which way, and coverage.

"Met" counts four ways of meeting a company: a visit held, a case it sent, a coordinated
meeting for one of its cases, and forum attendance (an accepted invitation of one of its
contacts). Each is a subquery of company ids; PostgreSQL runs an uncorrelated `IN` subquery once
and hashes it, so a count over 100,000 companies is one pass, not 100,000 lookups.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower

from companies.models import Company, Contact, Visit, VisitStatus
from liaison.models import Case, CaseMeeting
from meetings.models import Answer, Invitation, MeetingStatus

# The ways of meeting a company, in the order the coverage tables show them.
WAYS = ["visits", "cases", "meetings", "forum"]


def _in_period(prefix: str, since: datetime | OuterRef | None, until: datetime) -> Q:
    condition = Q(**{f"{prefix}__lte": until})
    if since is not None:
        condition &= Q(**{f"{prefix}__gte": since})
    return condition


def met_company_ids(way: str, since: datetime | None, until: datetime) -> QuerySet:
    """The ids of the companies met one way in the period (since None: ever)."""
    if way == "visits":
        return Visit.objects.filter(
            _in_period("meeting__start", since, until), status=VisitStatus.HELD
        ).values("company_id")
    if way == "cases":
        return Case.objects.filter(_in_period("created_at", since, until)).values("company_id")
    if way == "meetings":
        return CaseMeeting.objects.filter(
            _in_period("meeting__start", since, until), meeting__status=MeetingStatus.SCHEDULED
        ).values("case__company_id")
    if way == "forum":
        attended = (
            Invitation.objects.filter(
                _in_period("meeting__start", since, until),
                meeting__forum_occurrence__isnull=False,
                meeting__status=MeetingStatus.SCHEDULED,
                answer=Answer.ACCEPTED,
            )
            .annotate(address=Lower("email"))
            .values("address")
        )
        return (
            Contact.objects.annotate(address=Lower("email")).filter(address__in=attended).values("company_id")
        )
    raise ValueError(f"no such way of meeting a company: {way}")


def met_condition(since: datetime | None, until: datetime, ways: list[str] | None = None) -> Q:
    """Companies met in the period in any of the ways."""
    condition = Q()
    for way in ways or WAYS:
        condition |= Q(pk__in=met_company_ids(way, since, until))
    return condition


def _met_since_outer(way: str, until: datetime, since_outer: bool) -> QuerySet:
    """One way's meetings of the outer company (OuterRef "pk"), up to `until` and, when
    `since_outer`, from the outer row's `met_since` on."""
    since = OuterRef("met_since") if since_outer else None
    if way == "visits":
        return Visit.objects.filter(
            _in_period("meeting__start", since, until), company=OuterRef("pk"), status=VisitStatus.HELD
        )
    if way == "cases":
        return Case.objects.filter(_in_period("created_at", since, until), company=OuterRef("pk"))
    if way == "meetings":
        return CaseMeeting.objects.filter(
            _in_period("meeting__start", since, until),
            case__company=OuterRef("pk"),
            meeting__status=MeetingStatus.SCHEDULED,
        )
    attended = Invitation.objects.filter(
        _in_period("meeting__start", OuterRef(OuterRef("met_since")) if since_outer else None, until),
        meeting__forum_occurrence__isnull=False,
        meeting__status=MeetingStatus.SCHEDULED,
        answer=Answer.ACCEPTED,
        email__iexact=OuterRef("email"),
    )
    return Contact.objects.filter(Exists(attended), company=OuterRef("pk"))


def not_met_condition(until: datetime, since_outer: bool = False) -> Q:
    """Companies not met in any way up to `until` (from each company's `met_since` annotation
    on, when `since_outer`; else ever). Four `NOT EXISTS` joined by AND, which PostgreSQL turns
    into hash anti-joins: each way's rows are read once, however many goal intervals there are,
    where an OR of `NOT IN` subqueries per interval read them once per interval and way."""
    condition = Q()
    for way in WAYS:
        condition &= Q(~Exists(_met_since_outer(way, until, since_outer)))
    return condition


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


def coverage_counts(since: datetime, until: datetime) -> list[Mapping[str, Any]]:
    """Register companies per size class and industry section together: how many there are and
    how many were met each way and in any way. One query for both breakdowns: every company is
    in exactly one (size class, section) pair, so each breakdown is a sum over the pairs, and the
    sets of companies met are built once for the page instead of once per breakdown."""
    counts = {way: Count("id", filter=Q(pk__in=met_company_ids(way, since, until))) for way in WAYS}
    counts["any"] = Count("id", filter=met_condition(since, until))
    return list(
        Company.objects.in_register()
        .order_by()
        .values("size_class", "industry_section")
        .annotate(total=Count("id"), **counts)
    )


def coverage_by(field: str, pairs: list[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """The counts of `coverage_counts` summed per value of `field` (size_class or industry_section)."""
    summed: dict[str, dict[str, int]] = {}
    for pair in pairs:
        row = summed.setdefault(str(pair[field]), dict.fromkeys(["total", *WAYS, "any"], 0))
        for name in row:
            row[name] += int(pair[name])
    return summed
