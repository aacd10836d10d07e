"""A closed case anonymised by the plan: what stays is what the statistics and the records need."""

import json
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from api.models import DeliveryStatus, WebhookDelivery
from feedback.models import Survey, SurveyResponse
from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import Attachment, Case, CaseEvent, Referral
from meetings.models import Invitation
from retention.services.files import delete_files_after_commit

# Values in an event's data that can name a person outside the staff (a meeting answer's name).
_PERSONAL_DATA_KEYS = ("name", "comment", "email", "phone", "description")


def anonymise_cases(cases: QuerySet[Case], now: datetime) -> None:
    """Remove from the cases the company name as typed, the contact (name, e-mail, phone), the
    subject and description, every message and note, the departments' texts, the files, the
    company contact's meeting invitations, the survey's address and comment, and the e-mails and
    webhook deliveries about the case. The reference, the company, the topic, the departments, the statuses, the survey's
    ratings and every date stay, so the case still opens and still counts."""
    case_ids = list(cases.values_list("pk", flat=True))
    contacts = list(cases.values_list("reference", "contact_email", "closed_at"))
    emails = {email.casefold() for _reference, email, _closed in contacts if email}

    delete_files_after_commit(Attachment.objects.filter(case_id__in=case_ids).values_list("file", flat=True))
    Attachment.objects.filter(case_id__in=case_ids).delete()
    events = CaseEvent.objects.filter(case_id__in=case_ids)
    for event in events.exclude(data={}).only("pk", "data"):
        kept = {key: value for key, value in event.data.items() if key not in _PERSONAL_DATA_KEYS}
        if kept != event.data:
            CaseEvent.objects.filter(pk=event.pk).update(data=kept)
    events.update(text="")
    events.filter(actor__isnull=True).update(actor_name="")
    Referral.objects.filter(case_id__in=case_ids).update(message="", decline_reason="")
    invitations = Invitation.objects.filter(meeting__case_meeting__case_id__in=case_ids, user__isnull=True)
    for invitation in invitations.only("pk", "email"):
        if invitation.email.casefold() in emails:
            Invitation.objects.filter(pk=invitation.pk).update(
                name="", email=f"anonymised-{invitation.pk}@invalid.invalid", comment=""
            )
    Invitation.objects.filter(meeting__case_meeting__case_id__in=case_ids).update(comment="")
    # The survey's own plan entry may keep it longer (or for ever); the case's anonymity wins,
    # and the ratings stay for the index.
    SurveyResponse.objects.filter(survey__case_id__in=case_ids).exclude(comment="").update(comment="")
    Survey.objects.filter(case_id__in=case_ids).exclude(email="").update(email="")
    _anonymise_emails(contacts)
    _clear_webhook_deliveries(case_ids, list(cases.values_list("contact_name", "contact_email")))
    cases.update(
        # The name as typed may be a person's own (a sole trader's); the register's record stays.
        submitted_company_name="",
        contact_name="",
        contact_email="",
        contact_phone="",
        subject="",
        description="",
        anonymised_at=now,
    )


def _anonymise_emails(contacts: list[tuple[str, str, datetime | None]]) -> None:
    """The e-mails about the cases: every one names its case in the subject
    (templates/emails/*/subject.txt), and those to the contact until the case closed (meeting
    invitations among them) lose their address. The rows stay as the record that mail went out."""
    condition = Q(pk__in=[])
    for reference, email, closed_at in contacts:
        condition |= Q(subject__contains=reference)
        if email and closed_at:
            condition |= Q(recipient__iexact=email, created_at__lte=closed_at + timedelta(days=1))
    OutboxMessage.objects.filter(condition).update(
        recipient="", subject="", body_text="", body_html="", attachments=[], headers={}
    )


def _clear_webhook_deliveries(case_ids: list[int], contacts: list[tuple[str, str]]) -> None:
    """The webhook deliveries about the cases. Those delivered or failed have done their work
    and go. One still waiting is sent without what is personal: the keys an event's data can
    name a person by, and any text holding the contact's name or address (its body copies the
    event's data, whatever a service put there). The receiver's last answer goes too: it may
    have echoed anything back."""
    deliveries = WebhookDelivery.objects.filter(case_id__in=case_ids)
    deliveries.filter(status__in=[DeliveryStatus.DELIVERED, DeliveryStatus.FAILED]).delete()
    personal = [value.casefold() for contact in contacts for value in contact if value]
    for delivery in deliveries.only("pk", "body"):
        try:
            body = json.dumps(_without_personal(json.loads(delivery.body), personal), ensure_ascii=False)
        except ValueError:
            body = "{}"
        WebhookDelivery.objects.filter(pk=delivery.pk).update(body=body, last_response="")


def _without_personal(value: Any, personal: list[str]) -> Any:
    if isinstance(value, dict):
        return {
            key: _without_personal(item, personal)
            for key, item in value.items()
            if key not in _PERSONAL_DATA_KEYS
        }
    if isinstance(value, list):
        return [_without_personal(item, personal) for item in value]
    if isinstance(value, str) and any(text in value.casefold() for text in personal):
        return ""
    return value
