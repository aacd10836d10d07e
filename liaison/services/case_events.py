"""Writing the timeline and telling people: shared by the triage and referral services."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from karlshamn_portal.outbox.services import queue_email
from karlshamn_portal.people import display_name
from karlshamn_portal.roles import liaison_officers
from liaison.models import Case, CaseEvent, Referral
from liaison.queries import invalidate_dashboard_counts
from liaison.staff_links import staff_case_url

# Staff e-mails are in Swedish, the staff's working language.
STAFF_LANGUAGE = "sv"


def record_event(
    case: Case,
    kind: str,
    actor: User | None,
    *,
    public: bool = False,
    text: str = "",
    data: dict[str, Any] | None = None,
    referral: Referral | None = None,
    actor_name: str = "",
    at: datetime | None = None,
) -> CaseEvent:
    """The one way onto a case's timeline. `actor_name` names who acted without an account (the
    company contact, an invitee); `at` is when, for a change that is dated by its caller."""
    # Every change to a case records an event, so this is where the dashboard counts go stale.
    invalidate_dashboard_counts()
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        actor=actor,
        actor_name=actor_name or display_name(actor),
        is_public=public,
        text=text,
        data=data or {},
        referral=referral,
        created_at=at or timezone.now(),
    )


def liaison_recipients(case: Case | None = None) -> list[str]:
    """The liaison officers to tell about a change on the case: its owner while the owner's account
    is active and has an address, else every active liaison officer (always, for a new case)."""
    owner = case.owner if case is not None and case.owner_id else None
    if owner is not None and owner.is_active and owner.email:
        return [owner.email]
    return sorted(set(liaison_officers().exclude(email="").values_list("email", flat=True)))


def notify_staff(
    name: str,
    recipients: Iterable[str],
    case: Case,
    context: dict[str, Any],
    *,
    referral: Referral | None = None,
    dedupe_key: str | None = None,
) -> None:
    """Staff e-mails link to the case page (or straight to the referral, for the department that
    has to answer it) with staff_links' signed, expiring link."""
    url = staff_case_url(case, referral)
    for recipient in recipients:
        key = f"{dedupe_key}:{recipient}" if dedupe_key else None
        queue_email(
            name,
            recipient,
            {"case": case, "case_url": url, **context},
            language=STAFF_LANGUAGE,
            dedupe_key=key,
        )
