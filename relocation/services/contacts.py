"""Ending an accepted introduction: the employer no longer sees the partner's profile or contact
details. The partner ends one contact on their page; withdrawing consent (a) ends all of them,
since the profile must then disappear from every employer at once."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from relocation.models import Introduction, IntroductionStatus, Partner, PartnerEventKind
from relocation.services.events import record_partner_event


@transaction.atomic
def end_contact(introduction: Introduction, now: datetime | None = None) -> bool:
    """End one accepted contact; False when it was not (or no longer) accepted."""
    now = now or timezone.now()
    claimed = Introduction.objects.filter(pk=introduction.pk, status=IntroductionStatus.ACCEPTED).update(
        status=IntroductionStatus.ENDED, answered_at=now
    )
    if not claimed:
        return False
    partner = Partner.objects.get(pk=introduction.partner_id)
    record_partner_event(
        partner,
        PartnerEventKind.CONTACT_ENDED,
        None,
        actor_name=partner.name,
        data={"employer": str(introduction.employer)},
        at=now,
    )
    return True


def end_all_contacts(partner: Partner, now: datetime) -> int:
    accepted = partner.introductions.filter(status=IntroductionStatus.ACCEPTED).select_related(
        "employer__company"
    )
    return sum(end_contact(introduction, now) for introduction in accepted)
