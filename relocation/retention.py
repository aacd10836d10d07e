"""What the retention plan clears of the relocation service (see retention/registry.py): a
partner's profile and everything about them, some time after the service closed. The partner's
data is consent-based, so an erasure request deletes it at once, as their own page does."""

from collections.abc import Iterable
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from relocation.models import Partner, PartnerStatus
from relocation.services.partners import CONSENTS, PROFILE_FIELDS
from relocation.services.retention import delete_partner
from retention.registry import Kind, Person


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date | datetime) else value


class RelocationProfiles(Kind):
    key = "relocation_profiles"
    label = _("Profiles in the relocation service (Medflyttarservice)")
    rule = _(
        "deleted with everything about the partner %(days)s days after the service closed, or at "
        "once when they ask"
    )

    def due(self, cutoff: datetime) -> Iterable[QuerySet]:
        return [Partner.objects.filter(status=PartnerStatus.CLOSED, closed_at__lt=cutoff)]

    def clear(self, rows: QuerySet, now: datetime) -> None:
        for pk in rows.values_list("pk", flat=True):
            delete_partner(pk, on_request=False, now=now)

    def _partners(self, person: Person) -> QuerySet[Partner]:
        # No personnummer is asked for in the relocation service: an address finds the partner.
        return Partner.objects.filter(email__iexact=person.email) if person.email else Partner.objects.none()

    def personal_data(self, person: Person) -> dict[str, list[dict[str, object]]]:
        profiles = []
        for partner in self._partners(person).order_by("pk"):
            fields = ("reference", *PROFILE_FIELDS, *CONSENTS, "recruit_role", "recruit_start", "status")
            profile = {name: _plain(getattr(partner, name)) for name in fields}
            profile |= {
                "registered": _plain(partner.created_at),
                "closed": _plain(partner.closed_at),
                "deleted_after": _plain(partner.delete_after),
                "timeline": [
                    {"time": _plain(event.created_at), "kind": event.kind, "text": event.text}
                    for event in partner.events.order_by("created_at", "pk")
                ],
            }
            profiles.append(profile)
        return {"relocation_profiles": profiles} if profiles else {}

    def erase_consented(self, person: Person) -> int:
        pks = list(self._partners(person).values_list("pk", flat=True))
        return sum(delete_partner(pk, on_request=True) for pk in pks)
