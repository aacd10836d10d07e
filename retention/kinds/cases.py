"""Closed cases and their files. A case is an official record: after its time it is anonymised,
never deleted, so the reference, the dates and the statistics stay."""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from liaison.models import Attachment, Case, CaseStatus
from retention.registry import Kind, Person
from retention.services.anonymise import anonymise_cases
from retention.services.files import delete_files_after_commit


def cases_of(person: Person) -> QuerySet[Case]:
    """The cases whose contact is `person` (by e-mail), or whose company is the sole trader."""
    condition = Q(pk__in=[])
    if person.email:
        condition |= Q(contact_email__iexact=person.email)
    if person.personnummer:
        condition |= Q(company__organisation_number=person.personnummer, company__is_sole_trader=True)
    return Case.objects.filter(condition)


class ClosedCases(Kind):
    key = "closed_cases"
    label = _("Closed cases")
    rule = _(
        "anonymised %(days)s days after closing: the company and the figures stay; names, e-mail "
        "addresses, phone numbers, descriptions, messages and files are removed"
    )

    def due(self, cutoff: datetime) -> Iterable[QuerySet]:
        # The partial index case_closed_not_anonymised.
        return [
            Case.objects.filter(status=CaseStatus.CLOSED, closed_at__lt=cutoff, anonymised_at__isnull=True)
        ]

    def clear(self, rows: QuerySet, now: datetime) -> None:
        anonymise_cases(rows, now)


class ClosedCaseAttachments(Kind):
    key = "closed_case_attachments"
    label = _("Files of closed cases")
    rule = _("deleted %(days)s days after the case closed")

    def due(self, cutoff: datetime) -> Iterable[QuerySet]:
        return [Attachment.objects.filter(case__status=CaseStatus.CLOSED, case__closed_at__lt=cutoff)]

    def clear(self, rows: QuerySet, now: datetime) -> None:
        delete_files_after_commit(rows.values_list("file", flat=True))
        rows.delete()
