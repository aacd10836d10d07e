"""Receiving a company's request: the case, its reference, its files and the first e-mails."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from companies.models import Company
from companies.orgnr import OrganisationNumber
from karlshamn_portal.outbox.services import build_email, queue_emails, render_email
from liaison.models import Case, EventKind, ReferenceCounter, Topic
from liaison.services.case_events import STAFF_LANGUAGE, liaison_recipients, record_event
from liaison.services.tracking import track_url
from liaison.staff_links import staff_case_url
from liaison.uploads import CheckedUpload, StoredUpload, discard_uploads, record_attachments, store_uploads
from liaison.working_days import STOCKHOLM, due_date


@dataclass
class Submission:
    """What the public form collected, already validated."""

    company_name: str
    organisation_number: OrganisationNumber
    contact_name: str
    contact_email: str
    subject: str
    description: str
    topic: Topic | None = None
    contact_phone: str = ""
    language: str = "sv"
    files: Sequence[CheckedUpload] = field(default_factory=list)
    # How the request came in: "web" (the form), or "phone"/"desk" when a liaison officer or an
    # integration registers it on the company's behalf (registered_by).
    channel: str = "web"
    registered_by: User | None = None


def allocate_reference(now: datetime) -> str:
    """The next reference of the year, e.g. NL-2026-0042.

    The year's counter row is locked until the surrounding transaction commits, so concurrent
    submissions queue here and a number is never handed out twice, nor reused after a rollback
    of a later case (the counter only moves forward).
    """
    year = now.astimezone(STOCKHOLM).year
    # One statement (PostgreSQL, and SQLite from 3.35) that creates the year's row or moves it
    # on and locks it, instead of a locking read, a savepoint for the year's first case and an
    # update.
    table = connection.ops.quote_name(ReferenceCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (year, last_number) VALUES (%s, 1) "  # noqa: S608 - quoted model table
            f"ON CONFLICT (year) DO UPDATE SET last_number = {table}.last_number + 1 RETURNING last_number",
            [year],
        )
        (number,) = cursor.fetchone()
    return f"NL-{year}-{number:04d}"


def find_or_create_company(name: str, number: OrganisationNumber) -> Company:
    # A known organisationsnummer links to the company we already have; its name is kept, as
    # liaison officers may have corrected it (the case keeps the name typed, see Case).
    company = Company.objects.filter(organisation_number=number.number).first()
    if company is None:
        # Without get_or_create's savepoint: a company that a concurrent submission created
        # meanwhile is left as it is (ON CONFLICT DO NOTHING takes no lock on it) and read back.
        Company.objects.bulk_create(
            [Company(name=name, organisation_number=number.number, is_sole_trader=number.is_sole_trader)],
            ignore_conflicts=True,
        )
        company = Company.objects.get(organisation_number=number.number)
    return company


def submit_case(submission: Submission, now: datetime | None = None) -> Case:
    """Store a new case with its first event and files, then queue the e-mails.

    Nothing a company submits may be lost: the case and its first timeline event are written
    first, in the same transaction as the outbox rows, so either everything is stored or
    nothing is (files written to storage are removed again on failure).
    """
    now = now or timezone.now()
    stored = store_uploads(submission.files)
    try:
        return _store_case(submission, stored, now)
    except BaseException:
        discard_uploads(stored)
        raise


@transaction.atomic
def _store_case(submission: Submission, stored: Sequence[StoredUpload], now: datetime) -> Case:
    company = find_or_create_company(submission.company_name, submission.organisation_number)
    case = Case.objects.create(
        reference=allocate_reference(now),
        company=company,
        submitted_company_name=submission.company_name,
        contact_name=submission.contact_name,
        contact_email=submission.contact_email,
        contact_phone=submission.contact_phone,
        language=submission.language,
        topic=submission.topic,
        subject=submission.subject,
        description=submission.description,
        created_at=now,
        first_response_due=due_date(now, settings.FIRST_RESPONSE_WORKING_DAYS),
        company_active_at=now,
    )
    event = record_event(
        case,
        EventKind.SUBMITTED,
        submission.registered_by,
        actor_name=submission.contact_name,
        public=True,
        data={} if submission.channel == "web" else {"channel": submission.channel},
        at=now,
    )
    record_attachments(case, event, stored)
    context = {"case": case, "company": company, "attachment_count": len(stored)}
    # One insert for the company's receipt and every liaison officer's notice, however many
    # liaison officers there are.
    receipt = render_email("case_received", {**context, "track_url": track_url(case, now)}, case.language)
    notice = render_email("new_case_notice", {**context, "case_url": staff_case_url(case)}, STAFF_LANGUAGE)
    queue_emails(
        [build_email("case_received", case.contact_email, receipt, language=case.language)]
        + [
            build_email("new_case_notice", email, notice, language=STAFF_LANGUAGE)
            for email in liaison_recipients()
        ]
    )
    return case
