"""An access request's answer (GDPR art. 15): everything the portal holds about one person, as a
ZIP of one JSON file per kind, the files they sent, and a short summary in Swedish."""

import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO

from django.template.loader import render_to_string
from django.utils import timezone, translation

from karlshamn_portal.outbox.models import OutboxMessage
from karlshamn_portal.tokens import hide_tokens
from liaison.models import Attachment, Case, CaseEvent
from meetings.models import Invitation
from retention import registry
from retention.kinds.cases import cases_of
from retention.registry import Person

Rows = list[dict[str, object]]


def _when(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]


def _case_row(case: Case) -> dict[str, object]:
    return {
        "reference": case.reference,
        "received": _when(case.created_at),
        "status": case.status,
        "closed": _when(case.closed_at),
        "company": case.company_name_as_sent,
        "organisation_number": case.company.organisation_number,
        "contact_name": case.contact_name,
        "email": case.contact_email,
        "phone": case.contact_phone,
        "subject": case.subject,
        "description": case.description,
        "anonymised": _when(case.anonymised_at),
    }


def _message_row(event: CaseEvent) -> dict[str, object]:
    return {
        "case": event.case.reference,
        "time": _when(event.created_at),
        "kind": event.kind,
        "from": event.actor_name,
        "text": event.text,
    }


def _file_name(attachment: Attachment) -> str:
    safe = re.sub(r"[^\w.-]+", "_", attachment.original_name).strip("._") or "file"
    return f"files/{attachment.case.reference}/{attachment.pk}-{safe}"


@dataclass
class PersonalData:
    """What was found, by file name (without .json), and the files to add."""

    sections: dict[str, Rows] = field(default_factory=dict)
    files: list[tuple[str, Attachment]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counts = {name: len(rows) for name, rows in self.sections.items()}
        counts["files"] = len(self.files)
        return counts


def collect_personal_data(person: Person) -> PersonalData:
    cases = list(cases_of(person).select_related("company").order_by("created_at", "id"))
    case_ids = [case.pk for case in cases]
    # What the company saw on its track page: public events with a text, never internal notes.
    events = CaseEvent.objects.filter(case_id__in=case_ids, is_public=True).exclude(text="")
    attachments = (
        Attachment.objects.filter(case_id__in=case_ids, is_public=True).select_related("case").order_by("pk")
    )
    data = PersonalData()
    data.sections["cases"] = [_case_row(case) for case in cases]
    data.sections["messages"] = [_message_row(event) for event in events.select_related("case")]
    data.files = [(_file_name(attachment), attachment) for attachment in attachments]
    data.sections["files"] = [
        {
            "case": attachment.case.reference,
            "name": attachment.original_name,
            "in_zip": name,
            "size": attachment.size,
            "added": _when(attachment.created_at),
            "sent_by_the_company": attachment.uploaded_by_id is None,
        }
        for name, attachment in data.files
    ]
    if person.email:
        data.sections["meeting_invitations"] = [
            {
                "meeting": invitation.meeting.title,
                "start": _when(invitation.meeting.start),
                "name": invitation.name,
                "email": invitation.email,
                "answer": invitation.answer,
                "comment": invitation.comment,
            }
            for invitation in Invitation.objects.filter(email__iexact=person.email).select_related("meeting")
        ]
        data.sections["emails"] = [
            {
                "to": message.recipient,
                "subject": message.subject,
                "written": _when(message.created_at),
                "sent": _when(message.sent_at),
                "status": message.status,
                # The private links' tokens stay out: the file may travel by ordinary e-mail.
                "text": hide_tokens(message.body_text),
            }
            for message in OutboxMessage.objects.filter(recipient__iexact=person.email).order_by("created_at")
        ]
    for kind in registry.kinds():
        for name, rows in kind.personal_data(person).items():
            data.sections.setdefault(name, []).extend(rows)
    return data


def write_access_zip(person: Person, target: IO[bytes]) -> dict[str, int]:
    """The ZIP into `target`; the counts by section, for the request's record."""
    data = collect_personal_data(person)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, rows in data.sections.items():
            archive.writestr(f"{name}.json", json.dumps(rows, ensure_ascii=False, indent=2))
        for name, attachment in data.files:
            try:
                with attachment.file.open("rb") as content:
                    archive.writestr(name, content.read())
            except FileNotFoundError:
                continue  # the row outlived its file (a restore without the uploads)
        with translation.override("sv"):
            summary = render_to_string(
                "retention/access_summary.txt",
                {"counts": data.counts(), "made_at": timezone.localtime(), "has_email": bool(person.email)},
            )
        archive.writestr("sammanfattning.txt", summary)
    return data.counts()
