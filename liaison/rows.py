"""What a row of a staff list shows, as plain values for a template loop.

A new column is a field here and a cell in the list's template; the templates' autoescaping
protects every value a company typed.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from companies.orgnr import mask
from karlshamn_portal.people import display_name
from liaison.models import Case, CaseStatus, Referral, ReferralStatus


@dataclass(frozen=True)
class ReferralBadge:
    """A referral as a dashboard row lists it under "Departments"."""

    department: str
    status: str
    is_overdue: bool


@dataclass(frozen=True)
class DashboardRow:
    """One case on the dashboard, every value as the row prints it: the template only loops and
    escapes, the formatting and lookups are done here once (see dashboard_rows)."""

    pk: str  # the bulk form's value and the checkbox's id: text, as the template would localise a number each time
    url: str
    reference: str
    received: str  # Stockholm time, to the minute
    company: str  # as the submitter typed it
    registered_as: str  # the company record's name where it differs, else ""
    organisation_number: str  # masked for a sole trader
    subject: str
    topic: str  # "–" for none
    status: str
    owner: str
    referrals: list[ReferralBadge]
    first_response_due: str
    is_overdue: bool
    is_chosen: bool  # ticked again beside a bulk action's error


def dashboard_rows(cases: Iterable[Case], today: date, chosen: Collection[int] = ()) -> list[DashboardRow]:
    """The rows of a dashboard page, from cases read with CaseQuerySet.with_row_details().

    The status names are translated once for the page: `get_status_display()` builds the
    field's choices and translates the label again on every call."""
    case_statuses = names_of(CaseStatus.choices)
    referral_statuses = names_of(ReferralStatus.choices)
    return [
        DashboardRow(
            pk=str(case.pk),
            url=reverse("case-detail", args=[case.reference]),
            reference=case.reference,
            received=local_minute(case.created_at),
            company=case.company_name_as_sent,
            registered_as=case.company_registered_as,
            organisation_number=mask(case.company.organisation_number, case.company.is_sole_trader),
            subject=case.subject,
            topic=(case.topic.name if case.topic else "") or "–",
            status=case_statuses.get(case.status, case.status),
            owner=display_name(case.owner),
            referrals=[
                ReferralBadge(
                    department=referral.department.name,
                    status=referral_statuses.get(referral.status, referral.status),
                    is_overdue=referral.is_overdue_on(today),
                )
                for referral in case.listed_referrals
            ],
            first_response_due=case.first_response_due.isoformat(),
            is_overdue=case.is_first_response_overdue(today),
            is_chosen=case.pk in chosen,
        )
        for case in cases
    ]


def names_of(choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """A TextChoices' values with their labels in the current language."""
    return {value: str(label) for value, label in choices}


def local_minute(moment: datetime) -> str:
    """A time as the staff lists print it (the template filter date:"Y-m-d H:i")."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class ReferralRow:
    pk: int
    reference: str
    company: str  # as the submitter typed it
    registered_as: str  # the company record's name where it differs, else ""
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
            company=referral.case.company_name_as_sent,
            registered_as=referral.case.company_registered_as,
            subject=referral.case.subject,
            department=referral.department.name,
            status=referral.get_status_display(),
            official=display_name(referral.official),
            due_date=referral.due_date,
            is_overdue=referral.is_overdue_on(today),
        )
