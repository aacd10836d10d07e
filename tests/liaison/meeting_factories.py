"""Cases with referrals, made directly as rows, for the case-meeting tests."""

from datetime import date, datetime

from django.utils import timezone

from companies.models import Company
from liaison.models import Case, Department, Referral, ReferralStatus


def make_case(reference: str = "NL-2030-0042", *departments: Department, **fields: object) -> Case:
    company, _ = Company.objects.get_or_create(
        organisation_number="556036-0793", defaults={"name": "Hamnens Bageri AB"}
    )
    now = timezone.now()
    defaults: dict[str, object] = {
        "company": company,
        "contact_name": "Anna Andersson",
        "contact_email": "anna@hamnensbageri.se",
        "subject": "Utbyggnad av bageriet",
        "description": "Vi vill bygga ut och behöver bygglov och besked om livsmedelslokalen.",
        "created_at": now,
        "company_active_at": now,
        "first_response_due": date(2030, 1, 3),
    }
    case = Case.objects.create(reference=reference, **{**defaults, **fields})
    for department in departments:
        make_referral(case, department)
    return case


def make_referral(case: Case, department: Department, official=None, **fields: object) -> Referral:  # noqa: ANN001
    return Referral.objects.create(
        case=case, department=department, official=official, due_date=date(2030, 1, 10), **fields
    )


def stockholm(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Europe/Stockholm"))


__all__ = ["ReferralStatus", "make_case", "make_referral", "stockholm"]
