"""One due-or-not row per kind of the retention plan: `make(start)` writes a row whose rule's
clock started at `start`; `cleared(row)` says whether the plan has cleared it."""

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.files.base import ContentFile

from api.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from companies.models import Contact, Visit
from feedback.models import Export, ExportStatus, Survey
from feedback.services.surveys import offer_survey, record_answer
from forum.models import Subscriber, SubscriberStatus
from karlshamn_portal.outbox.models import OutboxMessage, OutboxStatus
from liaison.models import Attachment, Case, CaseStatus, PersonalDataSeen
from relocation.models import Partner, PartnerStatus
from relocation.services.hosting import change_partner_status
from retention.kinds.forum import HASHED_DOMAIN
from retention.models import PersonalDataRequest
from tests.factories import make_liaison
from tests.forum.factories import make_series
from tests.liaison.factories import make_case, make_company
from tests.meetings.factories import make_meeting
from tests.relocation.factories import make_host, make_partner

_serial = itertools.count(1)


@dataclass(frozen=True)
class Rows:
    make: Callable[[datetime], object]
    cleared: Callable[[object], bool]


def closed_case(closed_at: datetime, **fields: object) -> Case:
    n = next(_serial)
    fields.setdefault("contact_email", f"kontakt{n}@example.se")
    case = make_case(contact_name=f"Kontakt {n}", contact_phone="0454-123 45", **fields)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closed_at=closed_at)
    case.refresh_from_db()
    return case


def _anonymised(case: object) -> bool:
    assert isinstance(case, Case)
    case.refresh_from_db()
    return case.anonymised_at is not None and case.contact_email == "" and case.description == ""


def attachment_of_closed_case(closed_at: datetime) -> Attachment:
    return Attachment.objects.create(
        case=closed_case(closed_at),
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="ritning.pdf"),
        original_name="ritning.pdf",
        content_type="application/pdf",
        size=14,
    )


def _gone(row: object) -> bool:
    return not type(row)._default_manager.filter(pk=row.pk).exists()  # type: ignore[attr-defined]


def sent_message(sent_at: datetime) -> OutboxMessage:
    return OutboxMessage.objects.create(
        template_name="case_reply",
        recipient="karin@example.se",
        subject="Svar",
        body_text="Hej Karin, här är ditt svar.",
        body_html="<p>Hej Karin</p>",
        status=OutboxStatus.SENT,
        sent_at=sent_at,
    )


def _body_cleared(message: object) -> bool:
    assert isinstance(message, OutboxMessage)
    message.refresh_from_db()
    return message.body_text == "" and message.body_html == "" and message.recipient == "karin@example.se"


def failed_message(created_at: datetime) -> OutboxMessage:
    return OutboxMessage.objects.create(
        template_name="case_reply",
        recipient="fel@example.se",
        subject="Svar",
        body_text="Hej",
        status=OutboxStatus.FAILED,
        created_at=created_at,
    )


def webhook_delivery(last_attempt_at: datetime, status: str = DeliveryStatus.DELIVERED) -> WebhookDelivery:
    endpoint, _created = WebhookEndpoint.objects.get_or_create(
        name="Diariet",
        defaults={"url": "https://diarium.example/hooks", "secret": "s", "events": ["case.closed"]},
    )
    return WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="case.closed",
        body='{"event": "case.closed", "case": {"reference": "NL-2026-0001"}}',
        status=status,
        attempts=1,
        last_attempt_at=last_attempt_at,
        last_status_code=200,
        last_response="Registrerad: Karin Bagare",
        created_at=last_attempt_at,
    )


def _subscriber(**fields: object) -> Subscriber:
    n = next(_serial)
    series = make_series(name=f"Frukostmöte {n}", slug=f"frukost-{n}")
    return Subscriber.objects.create(
        series=series,
        name="Anna Andersson",
        email="anna@foretag.se",
        company_name="Andersson Bygg AB",
        **fields,
    )


def pending_subscriber(asked_at: datetime) -> Subscriber:
    return _subscriber(status=SubscriberStatus.PENDING, created_at=asked_at, confirmation_sent_at=asked_at)


def unsubscribed(unsubscribed_at: datetime) -> Subscriber:
    return _subscriber(status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=unsubscribed_at)


def _hashed(subscriber: object) -> bool:
    assert isinstance(subscriber, Subscriber)
    subscriber.refresh_from_db()
    return subscriber.email.endswith(f"@{HASHED_DOMAIN}") and subscriber.name == ""


def login_attempts(at: datetime) -> list[object]:
    n = next(_serial)
    common = {"user_agent": "pytest", "ip_address": "192.0.2.1", "username": f"user{n}", "http_accept": "*/*"}
    made = [
        AccessAttempt.objects.create(**common, get_data="", post_data="", failures_since_start=1),
        AccessFailureLog.objects.create(**common),
        AccessLog.objects.create(**common),
    ]
    for row in made:
        type(row).objects.filter(pk=row.pk).update(attempt_time=at)  # auto_now_add ignores a given time
    return made


def seen(at: datetime) -> PersonalDataSeen:
    return PersonalDataSeen.objects.create(kind="personnummer", user_name="Lina", seen_at=at)


def request_made(at: datetime) -> PersonalDataRequest:
    return PersonalDataRequest.objects.create(
        kind="access", email="karin@example.se", made_by_name="Lina", created_at=at
    )


def make_contact(company, name: str = "Kalle Kontakt", email: str = "kalle@foretag.example", **fields):  # type: ignore[no-untyped-def]
    fields.setdefault("purpose", "Företagets kontakt för besök och forum")
    return Contact.objects.create(company=company, name=name, email=email, phone="0454-55 66 77", **fields)


def make_visit(contact: Contact, start: datetime, **fields: object) -> Visit:
    meeting = make_meeting(start, title=f"Besök hos {contact.company.name}")
    return Visit.objects.create(
        company=contact.company, meeting=meeting, contact=contact, purpose="Lära känna företaget", **fields
    )


def idle_contact(last_involved: datetime) -> Contact:
    """A contact last changed, and last invited to a visit, at `last_involved`."""
    contact = make_contact(make_company(f"Kontaktföretaget {next(_serial)} AB"))
    make_visit(contact, last_involved)
    Contact.objects.filter(pk=contact.pk).update(updated_at=last_involved)  # auto_now ignores a given time
    return contact


def answered_survey(sent_at: datetime) -> Survey:
    """A survey sent at `sent_at` and answered with a comment."""
    n = next(_serial)
    case = closed_case(sent_at, contact_email=f"enkat{n}@example.se")
    survey = offer_survey(case.pk, now=sent_at)
    assert survey is not None
    record_answer(survey, {"overall": 8, "expectations": 8, "ideal": 8, "comment": "Bra"}, now=sent_at)
    return survey


def _survey_cleared(survey: object) -> bool:
    assert isinstance(survey, Survey)
    survey.refresh_from_db()
    return survey.email == "" and survey.response.comment == "" and survey.response.overall == 8


def staff_export(asked_at: datetime) -> Export:
    """A large export a worker made for a liaison officer at `asked_at`."""
    n = next(_serial)
    return Export.objects.create(
        requested_by=make_liaison(f"exportor{n}"),
        kind="cases",
        file_format="csv",
        status=ExportStatus.DONE,
        rows=1,
        file=ContentFile(b"Kontakt\r\nKarin Bagare\r\n", name="cases.csv"),
        created_at=asked_at,
    )


def closed_partner(closed_at: datetime) -> Partner:
    """A relocation partner whose service closed at `closed_at`."""
    n = next(_serial)
    partner = make_partner(email=f"medflyttare{n}@example.org")
    return change_partner_status(partner, PartnerStatus.CLOSED, make_host(f"vard{n}"), now=closed_at)


ROWS: dict[str, Rows] = {
    "closed_cases": Rows(closed_case, _anonymised),
    "closed_case_attachments": Rows(attachment_of_closed_case, _gone),
    "sent_email_bodies": Rows(sent_message, _body_cleared),
    "failed_emails": Rows(failed_message, _gone),
    "webhook_deliveries": Rows(webhook_delivery, _gone),
    "unconfirmed_forum_subscriptions": Rows(pending_subscriber, _gone),
    "unsubscribed_forum_addresses": Rows(unsubscribed, _hashed),
    "login_attempts": Rows(login_attempts, lambda rows: all(_gone(row) for row in rows)),  # type: ignore[attr-defined]
    "company_contacts": Rows(idle_contact, _gone),
    "personal_data_record": Rows(seen, _gone),
    "personal_data_requests": Rows(request_made, _gone),
    "survey_personal_data": Rows(answered_survey, _survey_cleared),
    "staff_exports": Rows(staff_export, _gone),
    "relocation_profiles": Rows(closed_partner, _gone),
}
