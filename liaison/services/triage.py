"""What a liaison officer does to a case: assign, set the topic, change status, reply, note, close.

Every function locks the case row, changes it and records who did what in the timeline, in one
transaction; e-mails go through the outbox in the same transaction.
"""

from collections.abc import Iterable
from functools import partial

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from karlshamn_portal.outbox.services import queue_email
from karlshamn_portal.people import display_name
from liaison.announcements import CloseOutcome, case_closed
from liaison.models import Case, CaseStatus, EventKind, ReferralStatus, Topic
from liaison.services.case_events import record_event
from liaison.services.tracking import track_url


class TransitionNotAllowed(Exception):
    """The case cannot move from its current status to the one asked for."""


class CaseAnonymised(TransitionNotAllowed):
    """The retention plan anonymised the case: nothing more is written to it but its diarium
    number, which only links it to the municipality's own record."""


def _locked(case: Case, *, anonymised_too: bool = False) -> Case:
    # Re-read under a row lock so two officers acting at once never both apply a change.
    locked = (
        Case.objects.select_for_update(of=("self",))
        .select_related("company", "topic", "owner")
        .get(pk=case.pk)
    )
    if locked.anonymised_at is not None and not anonymised_too:
        raise CaseAnonymised(locked.reference)
    return locked


def _move(case: Case, status: str, actor: User) -> None:
    if case.status == status:
        return
    if not case.can_move_to(status):
        raise TransitionNotAllowed(f"{case.reference}: {case.status} → {status}")
    record_event(case, EventKind.STATUS_CHANGED, actor, public=True, data={"from": case.status, "to": status})
    case.status = status
    if status == CaseStatus.CLOSED:
        case.closed_at = timezone.now()
    elif case.closed_at:
        case.closed_at = None  # reopened


@transaction.atomic
def assign_case(case: Case, owner: User | None, actor: User) -> Case:
    """Make `owner` the case's liaison officer (None leaves it unassigned)."""
    case = _locked(case)
    if case.owner_id == (owner.pk if owner else None):
        return case
    record_event(
        case,
        EventKind.ASSIGNED,
        actor,
        data={"from": display_name(case.owner), "to": display_name(owner)},
    )
    case.owner = owner
    case.save(update_fields=["owner"])
    return case


@transaction.atomic
def set_topic(case: Case, topic: Topic | None, actor: User) -> Case:
    case = _locked(case)
    if case.topic_id == (topic.pk if topic else None):
        return case
    record_event(
        case,
        EventKind.TOPIC_CHANGED,
        actor,
        data={
            "from": case.topic.name_sv if case.topic else "",
            "from_en": case.topic.name_en if case.topic else "",
            "to": topic.name_sv if topic else "",
            "to_en": topic.name_en if topic else "",
        },
    )
    case.topic = topic
    case.save(update_fields=["topic"])
    return case


@transaction.atomic
def change_status(case: Case, status: str, actor: User) -> Case:
    """Move the case along CASE_TRANSITIONS; raises TransitionNotAllowed otherwise."""
    case = _locked(case)
    _move(case, status, actor)
    case.save(update_fields=["status", "closed_at"])
    return case


@transaction.atomic
def set_diarium_number(case: Case, number: str, actor: User) -> Case:
    """Record the number the municipality's case system registered the case under (or clear
    it with an empty string)."""
    case = _locked(case, anonymised_too=True)
    number = number.strip()
    if case.diarium_number == number:
        return case
    record_event(case, EventKind.DIARIUM_NUMBER_SET, actor, data={"from": case.diarium_number, "to": number})
    case.diarium_number = number
    case.save(update_fields=["diarium_number"])
    return case


@transaction.atomic
def reply_to_company(case: Case, text: str, actor: User) -> Case:
    """A public reply: shown on the company's track page and e-mailed in the case's language."""
    case = _locked(case)
    record_event(case, EventKind.REPLY, actor, public=True, text=text)
    if case.first_responded_at is None:
        case.first_responded_at = timezone.now()
    if case.status == CaseStatus.NEW:
        _move(case, CaseStatus.OPEN, actor)
    case.save(update_fields=["first_responded_at", "status", "closed_at"])
    queue_email(
        "case_reply",
        case.contact_email,
        {"case": case, "text": text, "sender": display_name(actor), "track_url": track_url(case)},
        language=case.language,
    )
    return case


@transaction.atomic
def add_internal_note(case: Case, text: str, actor: User) -> None:
    """A note for staff only; never shown to the company."""
    record_event(_locked(case), EventKind.NOTE, actor, text=text)


@transaction.atomic
def close_case(case: Case, summary: str, actor: User, outcome: str = CloseOutcome.HANDLED) -> Case:
    """Close the case and tell the company what was done; once that commits, announce it
    (case_closed) with how it ended, so the feedback app can offer its survey."""
    case = _locked(case)
    _move(case, CaseStatus.CLOSED, actor)
    record_event(case, EventKind.CLOSED, actor, public=True, text=summary, data={"outcome": outcome})
    case.save(update_fields=["status", "closed_at"])
    done = case.referrals.filter(status=ReferralStatus.DONE).select_related("department")
    departments = [referral.department for referral in done]
    queue_email(
        "case_closed",
        case.contact_email,
        {"case": case, "summary": summary, "departments": departments, "track_url": track_url(case)},
        language=case.language,
    )
    # robust: a listener's failure is logged and never turns a committed close into an error page.
    announce = partial(case_closed.send_robust, sender=Case, case_id=case.pk, outcome=outcome)
    transaction.on_commit(announce)
    return case


@transaction.atomic
def assign_cases_to(cases: Iterable[Case], owner: User) -> int:
    """Bulk "assign to me"; returns how many cases changed hands."""
    changed = 0
    for case in cases:
        if case.owner_id != owner.pk:
            assign_case(case, owner, owner)
            changed += 1
    return changed


@transaction.atomic
def close_cases(cases: Iterable[Case], summary: str, actor: User) -> tuple[int, list[str]]:
    """Bulk close; returns how many were closed and the references that could not be."""
    closed, skipped = 0, []
    for case in cases:
        if case.can_move_to(CaseStatus.CLOSED):
            close_case(case, summary, actor)
            closed += 1
        else:
            skipped.append(case.reference)
    return closed, skipped
