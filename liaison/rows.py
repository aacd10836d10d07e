"""What a row of a staff list shows, as plain values for a template loop.

A new column is a field here and a cell in the list's template; the templates' autoescaping
protects every value a company typed.
"""

from dataclasses import dataclass
from datetime import date, datetime

from companies.orgnr import mask
from karlshamn_portal.people import display_name
from liaison.models import Case, Referral


@dataclass(frozen=True)
class ReferralBadge:
    """A referral as a dashboard row lists it under "Departments"."""

    department: str
    status: str
    is_overdue: bool


@dataclass(frozen=True)
class DashboardRow:
    pk: int
    reference: str
    received: datetime
    company: str
    organisation_number: str  # masked for a sole trader
    subject: str
    topic: str
    status: str
    owner: str
    referrals: list[ReferralBadge]
    first_response_due: date
    is_overdue: bool

    @classmethod
    def of(cls, case: Case, today: date) -> "DashboardRow":
        """From a case read with CaseQuerySet.with_row_details()."""
        return cls(
            pk=case.pk,
            reference=case.reference,
            received=case.created_at,
            company=case.company.name,
            organisation_number=mask(case.company.organisation_number, case.company.is_sole_trader),
            subject=case.subject,
            topic=case.topic.name if case.topic else "",
            status=case.get_status_display(),
            owner=display_name(case.owner),
            referrals=[
                ReferralBadge(
                    department=referral.department.name,
                    status=referral.get_status_display(),
                    is_overdue=referral.is_overdue_on(today),
                )
                for referral in case.referrals.all()
            ],
            first_response_due=case.first_response_due,
            is_overdue=case.is_first_response_overdue(today),
        )


@dataclass(frozen=True)
class ReferralRow:
    pk: int
    reference: str
    company: str
    subject: str
    department: str
    status: str
    official: str
    due_date: date
    is_overdue: bool

    @classmethod
    def of(cls, referral: Referral, today: date) -> "ReferralRow":
        """From a referral read with ReferralQuerySet.with_row_details()."""
        return cls(
            pk=referral.pk,
            reference=referral.case.reference,
            company=referral.case.company.name,
            subject=referral.case.subject,
            department=referral.department.name,
            status=referral.get_status_display(),
            official=display_name(referral.official),
            due_date=referral.due_date,
            is_overdue=referral.is_overdue_on(today),
        )
