"""The company register's contacts: people kept for visits and the forum, cleared once they have
not been involved in anything (changed, or invited to a visit) for the plan's time."""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from companies.models import Contact, Visit
from meetings.models import Invitation
from retention.registry import Kind, Person


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


class CompanyContacts(Kind):
    key = "company_contacts"
    label = _("Contacts in the company register")
    rule = _("deleted %(days)s days after they were last involved (changed, or invited to a visit)")

    def due(self, cutoff: datetime) -> Iterable[QuerySet]:
        recent_visit = Visit.objects.filter(contact=OuterRef("pk"), meeting__start__gte=cutoff)
        return [Contact.objects.filter(updated_at__lt=cutoff).exclude(Exists(recent_visit))]

    def clear(self, rows: QuerySet, now: datetime) -> None:
        for contact in rows.only("pk", "email", "company_id"):
            if contact.email:
                # Their invitations to the company's visits, all older than the plan's time.
                for invitation in Invitation.objects.filter(
                    email__iexact=contact.email, meeting__visit__company_id=contact.company_id
                ).only("pk"):
                    Invitation.objects.filter(pk=invitation.pk).update(
                        name="", email=f"removed-{invitation.pk}@invalid.invalid", comment=""
                    )
        rows.delete()

    def personal_data(self, person: Person) -> dict[str, list[dict[str, object]]]:
        contacts = Q(pk__in=[])
        visits = Q(pk__in=[])
        if person.email:
            contacts |= Q(email__iexact=person.email)
            visits |= Q(contact__email__iexact=person.email)
        if person.personnummer:
            contacts |= Q(company__organisation_number=person.personnummer, company__is_sole_trader=True)
            visits |= Q(company__organisation_number=person.personnummer, company__is_sole_trader=True)
        return {
            "company_contacts": [
                {
                    "company": contact.company.name,
                    "name": contact.name,
                    "role": contact.role,
                    "email": contact.email,
                    "phone": contact.phone,
                    "why_kept": contact.purpose,
                    "added": _when(contact.created_at),
                }
                for contact in Contact.objects.filter(contacts).select_related("company")
            ],
            "visits": [
                {
                    "company": visit.company.name,
                    "when": _when(visit.meeting.start),
                    "status": visit.status,
                    "purpose": visit.purpose,
                    "what_works": visit.what_works,
                    "what_does_not_work": visit.what_does_not_work,
                    "plans": visit.plans,
                    "worries": visit.worries,
                }
                for visit in Visit.objects.filter(visits).select_related("company", "meeting").order_by("pk")
            ],
        }
