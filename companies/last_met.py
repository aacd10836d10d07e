"""When the unit last met each company, stored on the company, one time per way and one for any.

"Met" counts four ways of meeting a company: a visit held, a case it sent, a coordinated meeting
for one of its cases, and forum attendance (an accepted invitation to a forum meeting of one of
its contacts' addresses). Only what has happened counts: a meeting is met from its start on.

Coverage, the goal gaps and the register's "never met" filter read the stored times, so their
cost is the register's size, not its history's. The times are worked out here and nowhere else:
after each change that can move them (companies/signals.py), every hour for the meetings that
have just started, and every night for the whole register, so a change made around the signals
(a bulk update, a restored backup) is put right within a day.
"""

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from companies.coverage_cache import forget_coverage
from companies.models import Company, Contact, Visit, VisitStatus
from liaison.models import Case, CaseMeeting
from meetings.models import Answer, Invitation, Meeting, MeetingStatus

logger = logging.getLogger(__name__)

# The ways of meeting a company, in the order the coverage tables show them, and the company's
# field that holds each.
FIELDS = {
    "visits": "last_visit_at",
    "cases": "last_case_at",
    "meetings": "last_meeting_at",
    "forum": "last_forum_at",
}
WAYS = list(FIELDS)
ANY = "last_met_at"
# The hourly pass looks this far back, so a missed tick or two loses nothing.
RECENT = timedelta(hours=3)
BATCH = 2_000
# bulk_update writes a CASE per field whose length grows with the batch, and each row reads
# it: small batches keep the whole register's first fill in seconds.
UPDATE_BATCH = 100


def _forum_accepted() -> QuerySet[Any, Any]:
    """Accepted invitations to forum meetings, each with its lower-cased address."""
    return Invitation.objects.filter(
        meeting__forum_occurrence__isnull=False, answer=Answer.ACCEPTED
    ).annotate(address=Lower("email"))


def _contacts_by_address() -> QuerySet[Any, Any]:
    """Contacts with an address, each with it lower-cased: forum invitations match on it."""
    return Contact.objects.exclude(email="").annotate(address=Lower("email"))


def _latest(way: str, now: datetime, company_ids: list[int] | None) -> dict[int, datetime]:
    """The latest time each company (of `company_ids`, or all) was met one way."""
    if way == "forum":
        return _latest_forum(now, company_ids)
    rows: QuerySet[Any, Any]
    if way == "visits":
        rows = (
            Visit.objects.filter(status=VisitStatus.HELD, meeting__start__lte=now)
            .values_list("company_id")
            .annotate(latest=Max("meeting__start"))
        )
        key = "company_id"
    elif way == "cases":
        rows = Case.objects.values_list("company_id").annotate(latest=Max("created_at"))
        key = "company_id"
    else:
        rows = (
            CaseMeeting.objects.filter(meeting__status=MeetingStatus.SCHEDULED, meeting__start__lte=now)
            .values_list("case__company_id")
            .annotate(latest=Max("meeting__start"))
        )
        key = "case__company_id"
    if company_ids is not None:
        rows = rows.filter(**{f"{key}__in": company_ids})
    return dict(rows.order_by())


def _latest_forum(now: datetime, company_ids: list[int] | None) -> dict[int, datetime]:
    contacts = _contacts_by_address()
    if company_ids is not None:
        contacts = contacts.filter(company_id__in=company_ids)
    companies_by_address: dict[str, set[int]] = {}
    for address, company_id in contacts.values_list("address", "company_id"):
        companies_by_address.setdefault(address, set()).add(company_id)
    if not companies_by_address:
        return {}
    attended = _forum_accepted().filter(meeting__status=MeetingStatus.SCHEDULED, meeting__start__lte=now)
    if company_ids is not None:
        attended = attended.filter(address__in=list(companies_by_address))
    latest: dict[int, datetime] = {}
    for row in attended.values("address").annotate(at=Max("meeting__start")).order_by():
        for company_id in companies_by_address.get(row["address"], ()):
            if company_id not in latest or latest[company_id] < row["at"]:
                latest[company_id] = row["at"]
    return latest


def refresh_last_met(company_ids: Iterable[int] | None = None, now: datetime | None = None) -> int:
    """Work out the stored times of these companies (all when None) afresh and save those that
    changed. Returns how many companies changed."""
    now = now or timezone.now()
    batches: list[list[int] | None] = [None]  # the whole register at once
    if company_ids is not None:
        ids = sorted(set(company_ids))
        batches = [ids[start : start + BATCH] for start in range(0, len(ids), BATCH)]
    changed = 0
    for batch in batches:
        latest = {way: _latest(way, now, batch) for way in WAYS}
        companies = Company.objects.only("pk", *FIELDS.values(), ANY).order_by("pk")
        if batch is not None:
            companies = companies.filter(pk__in=batch)
        stale = []
        for company in companies.iterator(chunk_size=BATCH):
            times = {field: latest[way].get(company.pk) for way, field in FIELDS.items()}
            times[ANY] = max((time for time in times.values() if time is not None), default=None)
            if any(getattr(company, field) != time for field, time in times.items()):
                for field, time in times.items():
                    setattr(company, field, time)
                stale.append(company)
        Company.objects.bulk_update(stale, [*FIELDS.values(), ANY], batch_size=UPDATE_BATCH)
        changed += len(stale)
    if changed:
        forget_coverage()
    return changed


def companies_of_meetings(meeting_ids: Iterable[int]) -> set[int]:
    """The companies a change of these meetings can concern: the visit's, the cases', and those
    of the contacts who accepted a forum meeting."""
    meeting_ids = list(meeting_ids)
    companies = set(Visit.objects.filter(meeting_id__in=meeting_ids).values_list("company_id", flat=True))
    companies |= set(
        CaseMeeting.objects.filter(meeting_id__in=meeting_ids).values_list("case__company_id", flat=True)
    )
    companies |= companies_of_addresses(
        _forum_accepted().filter(meeting_id__in=meeting_ids).values("address")
    )
    return companies


def companies_of_addresses(addresses: Iterable[str] | QuerySet) -> set[int]:
    """The companies with a contact at one of these addresses (lower case)."""
    if not isinstance(addresses, QuerySet):
        addresses = [address.lower() for address in addresses]
    return set(_contacts_by_address().filter(address__in=addresses).values_list("company_id", flat=True))


def refresh_recently_met(now: datetime | None = None) -> int:
    """The hourly pass: a meeting counts once it has started, without any write to tell us so."""
    now = now or timezone.now()
    started = Meeting.objects.filter(start__gt=now - RECENT, start__lte=now).values_list("pk", flat=True)
    # A case's own hand-off may have been lost to a broker outage; new cases are cheap to find.
    new_cases = Case.objects.filter(created_at__gt=now - RECENT).values_list("company_id", flat=True)
    return refresh_last_met(companies_of_meetings(started) | set(new_cases), now)


def refresh_after_commit(
    company_ids: list[int] | None = None,
    meeting_ids: list[int] | None = None,
    addresses: list[str] | None = None,
) -> None:
    """Work these companies' times out in the worker once the current transaction commits (the
    receivers' service: no request waits for it)."""

    def hand_off() -> None:
        from companies import tasks  # the tasks module imports this one

        try:
            tasks.refresh_last_met.apply_async(
                kwargs={"company_ids": company_ids, "meeting_ids": meeting_ids, "addresses": addresses}
            )
        except Exception:  # noqa: BLE001 - any broker failure: the nightly pass puts it right
            logger.warning("Broker unreachable; last-met times wait for the nightly pass", exc_info=True)

    transaction.on_commit(hand_off)
