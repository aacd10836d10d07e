"""Referrals: the liaison officer routes a case to departments; their officials accept or
decline, note, and mark their part done. When every part is done the liaison officer hears."""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from karlshamn_portal.people import display_name
from karlshamn_portal.roles import officials
from liaison.models import (
    ACTIVE_REFERRAL_STATUSES,
    Case,
    CaseStatus,
    Department,
    EventKind,
    Referral,
    ReferralStatus,
)
from liaison.services.case_events import liaison_recipients, notify_staff, record_event
from liaison.working_days import add_working_days, local_today


class ReferralNotAllowed(Exception):
    """The referral cannot make this move (see REFERRAL_TRANSITIONS), or the routing is invalid."""


def department_recipients(department: Department, official: User | None = None) -> list[str]:
    """Who hears of a new referral: the named official, else the department's officials, else
    its contact address (also for relocation referrals)."""
    if official is not None and official.email:
        return [official.email]
    emails = sorted(
        set(officials().filter(departments=department).exclude(email="").values_list("email", flat=True))
    )
    return emails or ([department.contact_email] if department.contact_email else [])


@transaction.atomic
def route_case(
    case: Case,
    departments: Iterable[Department],
    actor: User,
    *,
    official: User | None = None,
    message: str = "",
) -> list[Referral]:
    """Refer the case to each department that has no active referral on it yet.

    A named official must belong to the department; with several departments they must belong
    to one of them and are named on that referral only. Each referral is due the department's
    number of working days from today; the department's officials (or the named one) are told.
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.is_open:
        raise ReferralNotAllowed("A closed or resolved case cannot be referred.")
    departments = list(departments)
    if official is not None and not any(d.officials.filter(pk=official.pk).exists() for d in departments):
        raise ReferralNotAllowed("The named official does not belong to the department.")
    already = set(
        case.referrals.filter(status__in=ACTIVE_REFERRAL_STATUSES).values_list("department_id", flat=True)
    )
    today = local_today(timezone.now())
    created = []
    for department in departments:
        if department.pk in already:
            continue
        named = official if official and department.officials.filter(pk=official.pk).exists() else None
        referral = Referral.objects.create(
            case=case,
            department=department,
            official=named,
            message=message,
            due_date=add_working_days(today, department.referral_working_days),
        )
        record_event(
            case,
            EventKind.REFERRED,
            actor,
            text=message,
            data={"department": department.name_sv, "official": display_name(named)},
            referral=referral,
        )
        notify_staff(
            "referral_new",
            department_recipients(department, named),
            case,
            {
                "referral": referral,
                "department": department,
                "message": message,
                "sender": display_name(actor),
            },
            referral=referral,
        )
        created.append(referral)
    if created and case.can_move_to(CaseStatus.IN_PROGRESS):
        record_event(
            case,
            EventKind.STATUS_CHANGED,
            actor,
            public=True,
            data={"from": case.status, "to": CaseStatus.IN_PROGRESS},
        )
        case.status = CaseStatus.IN_PROGRESS
        case.save(update_fields=["status"])
    return created


def _locked(referral: Referral, status: str) -> Referral:
    locked = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("case", "department")
        .get(pk=referral.pk)
    )
    if not locked.can_move_to(status):
        raise ReferralNotAllowed(f"{locked.status} → {status}")
    return locked


@transaction.atomic
def accept_referral(referral: Referral, official: User) -> Referral:
    """The official takes the referral and becomes its handling official."""
    referral = _locked(referral, ReferralStatus.ACCEPTED)
    previous = referral.status
    referral.status = ReferralStatus.ACCEPTED
    referral.official = official
    referral.accepted_at = timezone.now()
    referral.save(update_fields=["status", "official", "accepted_at"])
    record_event(
        referral.case,
        EventKind.REFERRAL_ACCEPTED,
        official,
        data={"department": referral.department.name_sv, "from": previous, "to": referral.status},
        referral=referral,
    )
    return referral


@transaction.atomic
def decline_referral(referral: Referral, official: User, reason: str) -> Referral:
    """Send the referral back to the liaison officer with a reason; they are told by e-mail."""
    referral = _locked(referral, ReferralStatus.DECLINED)
    previous = referral.status
    referral.status = ReferralStatus.DECLINED
    referral.decline_reason = reason
    referral.save(update_fields=["status", "decline_reason"])
    record_event(
        referral.case,
        EventKind.REFERRAL_DECLINED,
        official,
        text=reason,
        data={"department": referral.department.name_sv, "from": previous, "to": referral.status},
        referral=referral,
    )
    case = referral.case
    notify_staff(
        "referral_declined",
        liaison_recipients(case),
        case,
        {"referral": referral, "reason": reason, "official": display_name(official)},
    )
    return referral


@transaction.atomic
def add_referral_note(referral: Referral, author: User, text: str) -> None:
    """A note from the department on its part of the case; internal, never shown to the company."""
    record_event(
        referral.case,
        EventKind.REFERRAL_NOTE,
        author,
        text=text,
        data={"department": referral.department.name_sv},
        referral=referral,
    )


@transaction.atomic
def complete_referral(referral: Referral, official: User, text: str = "") -> Referral:
    """Mark the department's part done; when no part is left, tell the liaison officer."""
    # Parts finishing at the same moment take turns on the case row, so the last one always
    # sees the others done and the liaison officer is told exactly once.
    case = Case.objects.select_for_update(of=("self",)).select_related("owner").get(pk=referral.case_id)
    referral = _locked(referral, ReferralStatus.DONE)
    previous = referral.status
    referral.status = ReferralStatus.DONE
    referral.done_at = timezone.now()
    referral.save(update_fields=["status", "done_at"])
    record_event(
        referral.case,
        EventKind.REFERRAL_DONE,
        official,
        text=text,
        data={"department": referral.department.name_sv, "from": previous, "to": referral.status},
        referral=referral,
    )
    if not case.referrals.filter(status__in=ACTIVE_REFERRAL_STATUSES).exists():
        notify_staff(
            "all_referrals_done",
            liaison_recipients(case),
            case,
            {"referrals": case.referrals.filter(status=ReferralStatus.DONE).select_related("department")},
            # One notice per completed round, even if a request is retried.
            dedupe_key=f"all-referrals-done:{case.pk}:{referral.pk}",
        )
    return referral


@transaction.atomic
def route_cases(cases: Iterable[Case], department: Department, actor: User) -> int:
    """Bulk routing to one department; returns how many referrals were made."""
    return sum(len(route_case(case, [department], actor)) for case in cases if case.is_open)
