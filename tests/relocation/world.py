"""The relocation service's part of the access matrix's world (tests/security/world.py)."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from companies.models import Company
from liaison.models import Department
from relocation.links import employer_token, partner_url, staff_url
from relocation.models import Activity, NetworkEmployer, Partner, RelocationReferral
from relocation.services.activities import schedule_activity
from relocation.services.network import add_network_employer
from relocation.services.referrals import refer_partner
from tests.relocation.factories import make_host, make_partner


@dataclass
class RelocationWorld:
    partner: Partner
    employer: NetworkEmployer
    referral_x: RelocationReferral  # the partner's need, referred to department X
    activity: Activity

    def partner_token(self) -> str:
        return partner_url(self.partner).rstrip("/").rsplit("/", 1)[-1]

    def employer_token(self) -> str:
        return employer_token(self.employer.pk)

    def staff_token(self) -> str:
        return staff_url("partner", self.partner.pk).rstrip("/").rsplit("/", 1)[-1]


def make_relocation_world(department_x: Department, company: Company) -> RelocationWorld:
    host = make_host("hanna")
    partner = make_partner(email="pia@partner.example", consent_activities=True)
    start = timezone.now() + timedelta(days=14)
    activity = schedule_activity(
        title="Fika",
        description="",
        start=start,
        end=start + timedelta(hours=1),
        place="Café",
        organizer=host,
    )
    return RelocationWorld(
        partner=partner,
        employer=add_network_employer(company, "Elin", "elin@beta.example", "sv"),
        referral_x=refer_partner(partner, department_x, "school", "Preschool place.", host),
        activity=activity,
    )
