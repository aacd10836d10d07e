"""Follow-ups (återkoppling): promises made on a visit, the e-mails that tell the company, and
handing one over to the business liaison as a case."""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from companies.models import FOLLOW_UP_TRANSITIONS, FollowUp, FollowUpStatus, Visit, VisitStatus
from companies.orgnr import OrganisationNumber
from karlshamn_portal.outbox.services import queue_email
from liaison.models import Case, Department
from liaison.services.intake import Submission, submit_case
from liaison.working_days import add_working_days, local_today


class FollowUpError(Exception):
    """A change the follow-up or its visit does not allow (the view says why)."""


@transaction.atomic
def add_follow_up(
    visit: Visit,
    *,
    text: str,
    working_days: int,
    owner_user: User | None = None,
    owner_department: Department | None = None,
    tell_company: bool = True,
) -> FollowUp:
    """A promise with its owner (a colleague or a department) and a due date in working days."""
    if (owner_user is None) == (owner_department is None):
        raise FollowUpError("a follow-up has one owner: a colleague or a department")
    return FollowUp.objects.create(
        visit=visit,
        text=text,
        owner_user=owner_user,
        owner_department=owner_department,
        working_days=working_days,
        due_on=add_working_days(local_today(timezone.now()), working_days),
        tell_company=tell_company,
    )


def _change_status(follow_up: FollowUp, status: str) -> FollowUp:
    locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if status not in FOLLOW_UP_TRANSITIONS[locked.status]:
        raise FollowUpError(f"a follow-up cannot go from {locked.status} to {status}")
    locked.status = status
    return locked


def follow_up_email_context(visit: Visit, follow_ups: Iterable[FollowUp]) -> dict[str, object]:
    """What the e-mail to the company says; the preview and the sent e-mail use the same."""
    return {
        "visit": visit,
        "company": visit.company,
        "contact": visit.contact,
        "follow_ups": list(follow_ups),
    }


@transaction.atomic
def send_follow_up_email(visit: Visit, chosen: Iterable[FollowUp]) -> None:
    """Tell the company contact what the municipality will do: only the follow-ups chosen.

    The visit is "followed up" from now on; sending again is refused.
    """
    locked = (
        Visit.objects.select_for_update(of=("self",)).select_related("company", "contact").get(pk=visit.pk)
    )
    if locked.status != VisitStatus.HELD:
        raise FollowUpError("only a held visit is followed up")
    if locked.followed_up_at is not None:
        raise FollowUpError("the follow-up e-mail went out already")
    if locked.contact is None or not locked.contact.email:
        raise FollowUpError("the visit has no company contact with an e-mail address")
    chosen_ids = {follow_up.pk for follow_up in chosen}
    locked.follow_ups.update(tell_company=False)
    locked.follow_ups.filter(pk__in=chosen_ids).update(tell_company=True)
    told = locked.follow_ups.filter(pk__in=chosen_ids).order_by("due_on", "pk")
    queue_email(
        "visit_follow_up",
        locked.contact.email,
        follow_up_email_context(locked, told),
        dedupe_key=f"visit-follow-up:{locked.pk}",
    )
    locked.followed_up_at = timezone.now()
    locked.save(update_fields=["followed_up_at"])
    visit.followed_up_at = locked.followed_up_at


@transaction.atomic
def complete_follow_up(follow_up: FollowUp) -> FollowUp:
    """Done; if the company was told of this promise, it is told that it is kept."""
    locked = _change_status(follow_up, FollowUpStatus.DONE)
    locked.done_at = timezone.now()
    visit = Visit.objects.select_related("company", "contact").get(pk=locked.visit_id)
    if locked.tell_company and visit.followed_up_at and visit.contact and visit.contact.email:
        queue_email(
            "follow_up_done",
            visit.contact.email,
            {"visit": visit, "company": visit.company, "contact": visit.contact, "follow_up": locked},
            dedupe_key=f"follow-up-done:{locked.pk}",
        )
        locked.done_email_sent_at = locked.done_at
    locked.save()
    return locked


@transaction.atomic
def turn_follow_up_into_case(follow_up: FollowUp) -> Case:
    """Hand the promise to the business liaison: a case for the company, with its contact and the
    text carried over, received and then routed as any request (J3/J4)."""
    locked = _change_status(follow_up, FollowUpStatus.CASE)
    visit = Visit.objects.select_related("company", "contact").get(pk=locked.visit_id)
    company, contact = visit.company, visit.contact
    if contact is None or not contact.email:
        raise FollowUpError("the visit has no company contact with an e-mail address")
    case = submit_case(
        Submission(
            company_name=company.name,
            organisation_number=OrganisationNumber(company.organisation_number, company.is_sole_trader),
            contact_name=contact.name,
            contact_email=contact.email,
            contact_phone=contact.phone,
            subject=locked.text.splitlines()[0][:200] if locked.text.strip() else company.name,
            description=locked.text,
            channel="visit",
        )
    )
    locked.case = case
    locked.save()
    return case
