"""The company's side after submitting: private links, messages and files, fresh links.

A private link carries the case id and when it was issued. It stops working after
TRACK_LINK_INACTIVITY_DAYS without activity from the company, counted from the later of the
issue time and the case's last company activity, so every visit keeps a link alive and a fresh
link by e-mail revives an expired one.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from karlshamn_portal.outbox.services import queue_email
from karlshamn_portal.signing import InvalidLink, make_token, read_token
from liaison.models import Attachment, Case, CaseEvent, CaseStatus, EventKind, LinkRequest
from liaison.services.case_events import liaison_recipients, notify_staff, record_event
from liaison.uploads import (
    CheckedUpload,
    StoredUpload,
    discard_uploads,
    record_attachments,
    store_uploads,
)

logger = logging.getLogger(__name__)

TRACK_PURPOSE = "track"
MY_CASES_PURPOSE = "my-cases"
# The signature itself never expires in practice; inactivity, checked on the case row, does.
TRACK_SIGNATURE_MAX_AGE = timedelta(days=3650)
SIGN_IN_LINK_VALIDITY = timedelta(hours=24)
# Visits closer together than this do not rewrite the case row.
ACTIVITY_RESOLUTION = timedelta(hours=1)


# What the company reads for each internal status: plain words, never the internal workings.
COMPANY_STATUS: dict[str, tuple[Promise, Promise]] = {
    CaseStatus.NEW: (
        gettext_lazy("Received"),
        gettext_lazy("We have received your request. The business liaison will get back to you."),
    ),
    CaseStatus.OPEN: (
        gettext_lazy("Being handled"),
        gettext_lazy("The business liaison is working on your request."),
    ),
    CaseStatus.WAITING: (
        gettext_lazy("Waiting for your answer"),
        gettext_lazy("We need something from you to go on. Please read the latest message below and reply."),
    ),
    CaseStatus.IN_PROGRESS: (
        gettext_lazy("With the municipality's specialists"),
        gettext_lazy(
            "Your request is being looked at by the people in charge of each part. The business liaison keeps it together."
        ),
    ),
    CaseStatus.RESOLVED: (
        gettext_lazy("Answered"),
        gettext_lazy("We think your request is answered. Write to us below if something is missing."),
    ),
    CaseStatus.CLOSED: (
        gettext_lazy("Closed"),
        gettext_lazy("This case is closed. Write to us below if you need more help; we will reopen it."),
    ),
}


@dataclass(frozen=True)
class CompanyStatus:
    label: str
    explanation: str


def company_status(status: str) -> CompanyStatus:
    label, explanation = COMPANY_STATUS[status]
    return CompanyStatus(str(label), str(explanation))


def company_event_title(event: CaseEvent) -> str:
    """How a public event is named on the track page."""
    if event.kind == EventKind.STATUS_CHANGED and event.data.get("to") in COMPANY_STATUS:
        return _("Status: %(status)s") % {"status": company_status(event.data["to"]).label}
    if event.kind == EventKind.COMPANY_MESSAGE:
        return _("Message from %(name)s") % {"name": event.actor_name or _("you")}
    if event.kind == EventKind.REPLY:
        return _("Message from the business liaison")
    return str(event.get_kind_display())


class LinkExpired(InvalidLink):
    """A genuine link that has not been used for too long."""


def make_track_token(case: Case, now: datetime | None = None) -> str:
    issued = int((now or timezone.now()).timestamp())
    return make_token(TRACK_PURPOSE, {"case": case.pk, "issued": issued})


def track_url(case: Case, now: datetime | None = None) -> str:
    return settings.SITE_URL + reverse("track", args=[make_track_token(case, now)])


def link_expires_at(case: Case, issued: datetime) -> datetime:
    last_activity = max(case.company_active_at, issued)
    return last_activity + timedelta(days=settings.TRACK_LINK_INACTIVITY_DAYS)


def case_for_track_token(token: str, now: datetime | None = None) -> Case:
    """The case a private link opens; InvalidLink if tampered with, LinkExpired if unused too long."""
    payload = read_token(TRACK_PURPOSE, token, max_age=TRACK_SIGNATURE_MAX_AGE)
    try:
        case_id, issued_at = int(payload["case"]), int(payload["issued"])  # type: ignore[call-overload]
    except (KeyError, TypeError, ValueError):
        raise InvalidLink("malformed payload") from None
    case = Case.objects.select_related("company", "topic").filter(pk=case_id).first()
    if case is None:
        raise InvalidLink("no such case")
    if case.anonymised_at is not None:
        raise InvalidLink("anonymised by the retention plan")
    if (now or timezone.now()) > link_expires_at(case, datetime.fromtimestamp(issued_at, tz=UTC)):
        raise LinkExpired("inactive for too long")
    return case


def record_company_activity(case: Case, now: datetime | None = None) -> None:
    now = now or timezone.now()
    if case.company_active_at < now - ACTIVITY_RESOLUTION:
        Case.objects.filter(pk=case.pk).update(company_active_at=now)
        case.company_active_at = now


def public_timeline(case: Case) -> QuerySet[CaseEvent]:
    """What the company sees: public events of this case only, with their public files."""
    return (
        CaseEvent.objects.public()
        .filter(case=case)
        .select_related("actor")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.filter(is_public=True)))
        .order_by("created_at", "id")
    )


def add_company_message(
    case: Case, text: str, files: Sequence[CheckedUpload] = (), now: datetime | None = None
) -> CaseEvent:
    """A message and/or files from the company on the track page: a public event, and the liaison
    officer is told by e-mail."""
    now = now or timezone.now()
    stored = store_uploads(files)
    try:
        return _store_company_message(case, text, stored, now)
    except BaseException:
        discard_uploads(stored)
        raise


@transaction.atomic
def _store_company_message(case: Case, text: str, stored: Sequence[StoredUpload], now: datetime) -> CaseEvent:
    case = Case.objects.select_for_update(of=("self",)).select_related("owner").get(pk=case.pk)
    event = record_event(
        case,
        EventKind.COMPANY_MESSAGE if text else EventKind.ATTACHMENT_ADDED,
        None,
        actor_name=case.contact_name,
        public=True,
        text=text,
        at=now,
    )
    attachments = record_attachments(case, event, stored)
    fields = ["company_active_at"]
    case.company_active_at = now
    if case.status == CaseStatus.WAITING:
        # The company has answered what we were waiting for: back to the liaison officer.
        case.status = CaseStatus.OPEN
        fields.append("status")
        record_event(
            case,
            EventKind.STATUS_CHANGED,
            None,
            actor_name=case.contact_name,
            public=True,
            data={"from": CaseStatus.WAITING, "to": CaseStatus.OPEN},
            at=now,
        )
    case.save(update_fields=fields)
    notify_staff(
        "track_message_notice",
        liaison_recipients(case),
        case,
        {"event": event, "attachments": attachments},
    )
    return event


def cases_for_contact(email: str) -> QuerySet[Case]:
    return Case.objects.filter(contact_email__iexact=email.strip()).order_by("-created_at", "-id")


def make_sign_in_token(email: str) -> str:
    return make_token(MY_CASES_PURPOSE, {"email": email.strip().lower()})


def email_for_sign_in_token(token: str) -> str:
    payload = read_token(MY_CASES_PURPOSE, token, max_age=SIGN_IN_LINK_VALIDITY)
    email = payload.get("email")
    if not isinstance(email, str) or not email:
        raise InvalidLink("malformed payload")
    return email


def send_case_links(email: str, language: str, now: datetime | None = None) -> bool:
    """E-mail fresh private links to every case submitted with this address, plus a sign-in link
    to the list of them. Sends nothing for an unknown address; callers answer the same either
    way, so the page never tells whether an address is known."""
    now = now or timezone.now()
    cases = list(cases_for_contact(email).select_related("company"))
    if not cases:
        return False
    queue_email(
        "track_links",
        cases[0].contact_email,
        {
            "cases": [(case, track_url(case, now)) for case in cases],
            "sign_in_url": settings.SITE_URL + reverse("my-cases-sign-in", args=[make_sign_in_token(email)]),
            "validity_hours": int(SIGN_IN_LINK_VALIDITY.total_seconds() // 3600),
        },
        language=language,
    )
    return True


# A request the worker has not taken this long after it was made was lost with the broker; the
# periodic sweep sends it.
LINK_REQUEST_SWEEP_AFTER = timedelta(minutes=2)


@transaction.atomic
def request_case_links(email: str, language: str) -> LinkRequest:
    """Note that links to the cases of `email` were asked for and have a task send them. The same
    work whether or not the address has cases: the lookup happens in the task."""
    from liaison.tasks import send_requested_links

    link_request = LinkRequest.objects.create(email=email.strip(), language=language)
    transaction.on_commit(lambda: _enqueue(send_requested_links, link_request.pk))
    return link_request


def _enqueue(task: Any, link_request_id: int) -> None:
    try:
        task.delay(link_request_id)
    except Exception:  # noqa: BLE001 - any broker failure; the sweep sends it later
        logger.warning(
            "Broker unreachable; link request %s waits for the sweep", link_request_id, exc_info=True
        )


@transaction.atomic
def send_requested_links(link_request_id: int, now: datetime | None = None) -> bool:
    """Send the links of one request (see send_case_links) and forget the address. Deleting the
    row claims it, so a task run twice, or the sweep beside it, sends once."""
    link_request = LinkRequest.objects.select_for_update(skip_locked=True).filter(pk=link_request_id).first()
    if link_request is None:
        return False
    link_request.delete()
    return send_case_links(link_request.email, link_request.language, now)


def send_stale_link_requests(now: datetime | None = None) -> int:
    """The sweep: requests whose task never ran (the broker was away)."""
    now = now or timezone.now()
    stale = LinkRequest.objects.filter(created_at__lt=now - LINK_REQUEST_SWEEP_AFTER).order_by("created_at")
    return sum(send_requested_links(pk, now) for pk in list(stale.values_list("pk", flat=True)[:500]))
