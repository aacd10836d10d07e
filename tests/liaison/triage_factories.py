"""Cases for the triage tests, created directly as rows.

The intake work brings the real `submit_case`; until then these make what it would store: a
company, a case with a fresh reference and its first timeline event.
"""

import itertools
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from companies.models import Company
from liaison.models import Case, CaseEvent, CaseStatus, Department, EventKind, Referral, Topic
from liaison.working_days import add_working_days, due_date, local_today

_numbers = itertools.count(1)


def luhn_organisation_number(serial: int) -> str:
    """A valid legal-person organisationsnummer (third digit 2 or more) built from `serial`."""
    digits = f"55{serial:07d}"
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    check = (10 - total % 10) % 10
    return f"{digits[:6]}-{digits[6:]}{check}"


def make_company(name: str = "Hamnens Bageri AB", organisation_number: str | None = None) -> Company:
    number = organisation_number or luhn_organisation_number(next(_numbers))
    return Company.objects.create(name=name, organisation_number=number)


def make_topic(slug: str, name_sv: str, name_en: str, *departments: Department) -> Topic:
    topic = Topic.objects.create(slug=slug, name_sv=name_sv, name_en=name_en)
    topic.departments.set(departments)
    return topic


def make_case(
    company: Company | None = None,
    *,
    subject: str = "Bygglov för ny bageributik",
    description: str = "Vi vill bygga om en lokal vid hamnen till butik med bageri.",
    status: str = CaseStatus.NEW,
    created_at: datetime | None = None,
    topic: Topic | None = None,
    contact_email: str = "kontakt@hamnensbageri.se",
    language: str = "sv",
    **fields: object,
) -> Case:
    created_at = created_at or timezone.now()
    company = company or make_company()
    number = next(_numbers)
    case = Case.objects.create(
        reference=f"NL-{created_at.year}-{number:04d}",
        company=company,
        contact_name="Karin Kontakt",
        contact_email=contact_email,
        language=language,
        topic=topic,
        subject=subject,
        description=description,
        status=status,
        created_at=created_at,
        first_response_due=due_date(created_at, settings.FIRST_RESPONSE_WORKING_DAYS),
        company_active_at=created_at,
        **fields,
    )
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.SUBMITTED,
        is_public=True,
        actor_name=case.contact_name,
        created_at=created_at,
    )
    return case


def make_referral(
    case: Case, department: Department, *, due: date | None = None, **fields: object
) -> Referral:
    due = due or add_working_days(local_today(timezone.now()), department.referral_working_days)
    return Referral.objects.create(case=case, department=department, due_date=due, **fields)


def make_many_cases(count: int, *, start: datetime | None = None, **fields: object) -> list[Case]:
    """`count` cases in a few queries, one minute apart, for list and query-count tests."""
    start = start or timezone.now() - timedelta(days=30)
    companies = Company.objects.bulk_create(
        Company(
            name=f"Företag {next(_numbers)} AB", organisation_number=luhn_organisation_number(next(_numbers))
        )
        for _ in range(count)
    )
    cases = []
    for index, company in enumerate(companies):
        created_at = start + timedelta(minutes=index)
        cases.append(
            Case(
                reference=f"NL-{created_at.year}-{next(_numbers):04d}",
                company=company,
                contact_name="Karin Kontakt",
                contact_email=f"kontakt{index}@example.se",
                subject=f"Ärende nummer {index}",
                description="Fråga om lokaler.",
                created_at=created_at,
                first_response_due=due_date(created_at, settings.FIRST_RESPONSE_WORKING_DAYS),
                company_active_at=created_at,
                **fields,
            )
        )
    return Case.objects.bulk_create(cases)
