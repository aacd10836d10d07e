"""The files on a case for staff: the list the case and referral pages show, and the download.

A file is served to whoever may read its case (`get_case_for`): liaison officers, and officials
of a department the case is referred to. A department that declined the referral loses its
files with the case.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from karlshamn_portal.people import display_name
from karlshamn_portal.staff_request import StaffRequest
from liaison.access import get_case_for
from liaison.models import Case, PersonalDataSeenKind
from liaison.services.personal_data import record_personal_data_seen
from liaison.uploads import attachment_response, type_label


@dataclass(frozen=True)
class AttachmentRow:
    name: str
    url: str
    size: int
    type: str
    sender: str
    sent_at: datetime
    is_public: bool


def attachment_rows(case: Case) -> list[AttachmentRow]:
    """Every file on the case, from the request form and later messages, oldest first."""
    rows = []
    for attachment in case.attachments.select_related("uploaded_by", "event"):
        if attachment.uploaded_by is not None:
            sender = display_name(attachment.uploaded_by)
        else:
            # Sent by the company through the form or its track page; the event names the contact.
            contact = attachment.event.actor_name if attachment.event else case.contact_name
            sender = _("%(name)s (the company)") % {"name": contact}
        rows.append(
            AttachmentRow(
                name=attachment.original_name,
                url=reverse("case-attachment", args=[case.reference, attachment.pk]),
                size=attachment.size,
                type=type_label(attachment.content_type),
                sender=sender,
                sent_at=attachment.created_at,
                is_public=attachment.is_public,
            )
        )
    return rows


@never_cache
@login_required
def case_attachment(request: StaffRequest, reference: str, attachment_id: int) -> HttpResponseBase:
    case = get_case_for(request.user, reference)
    attachment = case.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    record_personal_data_seen(
        request.user, PersonalDataSeenKind.ATTACHMENT, case=case, what=f"{case.reference} #{attachment.pk}"
    )
    return attachment_response(attachment)
