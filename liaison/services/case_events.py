"""Writing the timeline and telling people: shared by the triage and referral services."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from karlshamn_portal.outbox.services import queue_email
from karlshamn_portal.people import display_name
from karlshamn_portal.roles import LIAISON_GROUP
from liaison.models import Case, CaseEvent, Referral
from liaison.queries import invalidate_dashboard_counts
from liaison.staff_links import staff_case_url


def record_event(
    case: Case,
    kind: str,
    actor: User | None,
    *,
    public: bool = False,
    text: str = "",
    data: dict[str, Any] | None = None,
    referral: Referral | None = None,
) -> CaseEvent:
    # Every change to a case records an event, so this is where the dashboard counts go stale.
    invalidate_dashboard_counts()
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        actor=actor,
        actor_name=display_name(actor) if actor else "",
        is_public=public,
        text=text,
        data=data or {},
        referral=referral,
    )


def liaison_recipients(case: Case) -> list[str]:
    """The case's liaison officer, or every liaison officer while nobody owns it."""
    owner = case.owner
    if owner is not None and owner.email:
        return [owner.email]
    users = get_user_model().objects.filter(groups__name=LIAISON_GROUP, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def notify_staff(
    name: str,
    recipients: Iterable[str],
    case: Case,
    context: dict[str, Any],
    *,
    referral: Referral | None = None,
    dedupe_key: str | None = None,
) -> None:
    """Staff e-mails are in Swedish, the staff's working language, and link to the case page
    (or straight to the referral, for the department that has to answer it)."""
    url = staff_case_url(case, referral)
    for recipient in recipients:
        key = f"{dedupe_key}:{recipient}" if dedupe_key else None
        queue_email(
            name,
            recipient,
            {"case": case, "case_url": url, **context},
            language="sv",
            dedupe_key=key,
        )
