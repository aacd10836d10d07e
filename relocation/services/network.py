"""The network: employers join and leave, invite a recruit's partner, and are introduced to
partners by a host."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from companies.models import Company
from karlshamn_portal.outbox.services import queue_email
from relocation.links import employer_url, partner_url, staff_url
from relocation.models import (
    Introduction,
    IntroductionStatus,
    NetworkEmployer,
    Partner,
    PartnerEventKind,
    PartnerOutcome,
)
from relocation.services.events import notify_hosts, queue_partner_email, record_partner_event
from relocation.services.partners import AddressTaken, create_partner, find_partner, send_partner_link


class IntroductionNotAllowed(Exception):
    """The employer has left the network, or the partner is already introduced to it."""


class PartnerClosed(IntroductionNotAllowed):
    """The partner's service has ended: nobody is introduced to them until the host reopens it."""


@transaction.atomic
def add_network_employer(
    company: Company, contact_name: str, contact_email: str, language: str
) -> NetworkEmployer:
    """A company joins (or rejoins) the network; a company already in it gets the new contact."""
    employer = NetworkEmployer.objects.select_for_update().filter(company=company, is_active=True).first()
    if employer is None:
        employer = NetworkEmployer(company=company)
    employer.contact_name, employer.contact_email, employer.contact_language = (
        contact_name,
        contact_email,
        language,
    )
    employer.save()
    return employer


@transaction.atomic
def remove_network_employer(employer: NetworkEmployer) -> None:
    """The company leaves: its link stops working and its profiles are gone from its page."""
    NetworkEmployer.objects.filter(pk=employer.pk).update(is_active=False)


@transaction.atomic
def send_employer_link(employer: NetworkEmployer, now: datetime | None = None) -> None:
    now = now or timezone.now()
    queue_email(
        "relocation_employer_link",
        employer.contact_email,
        {
            "employer": employer,
            "employer_url": employer_url(employer.pk, now),
            "link_days": settings.RELOCATION_EMPLOYER_LINK_DAYS,
        },
        language=employer.contact_language,
    )
    NetworkEmployer.objects.filter(pk=employer.pk).update(link_sent_at=now)


@transaction.atomic
def invite_partner(
    employer: NetworkEmployer, details: Mapping[str, Any], now: datetime | None = None
) -> Partner:
    """The employer invites a recruit's partner. An address already in the service gets a link to
    its own profile instead of a second one; the existing profile is not changed."""
    now = now or timezone.now()
    existing = find_partner(details["email"])
    if existing is not None:
        send_partner_link(existing, now)
        return existing
    fields = {name: details[name] for name in ("name", "email", "language", "recruit_role", "recruit_start")}
    try:
        partner = create_partner({**fields, "invited_by": employer}, now)
    except AddressTaken as taken:
        # The partner registered (or was invited) while this invitation was being made.
        send_partner_link(taken.partner, now)
        return taken.partner
    PartnerOutcome.objects.filter(partner=partner).update(employer=employer)
    record_partner_event(
        partner,
        PartnerEventKind.INVITED,
        None,
        actor_name=employer.contact_name,
        data={"employer": str(employer)},
        at=now,
    )
    queue_partner_email(
        partner, "relocation_invitation", {"employer": employer, "partner_url": partner_url(partner, now)}
    )
    notify_hosts(partner, "relocation_new_partner", {"staff_url": staff_url("partner", partner.pk)})
    return partner


@transaction.atomic
def introduce_partner(partner: Partner, employer: NetworkEmployer, actor: User, message: str) -> Introduction:
    """The host proposes a contact; the partner decides on their page."""
    if partner.is_closed:
        raise PartnerClosed
    if not employer.is_active or partner.introductions.filter(employer=employer).exists():
        raise IntroductionNotAllowed
    introduction = Introduction.objects.create(
        partner=partner, employer=employer, message=message, created_by=actor
    )
    record_partner_event(
        partner, PartnerEventKind.INTRODUCED, actor, text=message, data={"employer": str(employer)}
    )
    queue_partner_email(
        partner,
        "relocation_introduction",
        {"employer": employer, "message": message, "partner_url": partner_url(partner)},
    )
    return introduction


@transaction.atomic
def answer_introduction(introduction: Introduction, accepted: bool, now: datetime | None = None) -> bool:
    """The partner accepts or declines; an acceptance sends the employer the profile and how to
    reach the partner. Returns False when it was already answered."""
    now = now or timezone.now()
    status = IntroductionStatus.ACCEPTED if accepted else IntroductionStatus.DECLINED
    claimed = Introduction.objects.filter(pk=introduction.pk, status=IntroductionStatus.PROPOSED).update(
        status=status, answered_at=now
    )
    if not claimed:
        return False
    introduction.refresh_from_db()
    partner, employer = introduction.partner, introduction.employer
    record_partner_event(
        partner,
        PartnerEventKind.INTRODUCTION_ANSWERED,
        None,
        actor_name=partner.name,
        data={"employer": str(employer), "accepted": accepted},
        at=now,
    )
    if accepted and employer.is_active:
        queue_partner_email(
            partner,
            "relocation_introduction_accepted",
            {"employer": employer, "employer_url": employer_url(employer.pk, now)},
            recipient=employer.contact_email,
            language=employer.contact_language,
        )
    notify_hosts(
        partner,
        "relocation_introduction_answered",
        {"accepted": accepted, "staff_url": staff_url("partner", partner.pk)},
    )
    return True
