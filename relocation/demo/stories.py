"""The five demo partners' stories, each told through the services from the employer's invitation
or the public form on; what happened earlier is dated back afterwards. See relocation.demo."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Max
from django.utils import timezone

from liaison.models import Department
from relocation.models import (
    ContactWay,
    Introduction,
    NetworkEmployer,
    Partner,
    PartnerLanguage,
    PartnerStatus,
    ReferralNeed,
    WorkExtent,
)
from relocation.services.hosting import assign_host, change_partner_status, record_contact
from relocation.services.network import answer_introduction, introduce_partner, invite_partner
from relocation.services.partners import register_partner, update_partner
from relocation.services.referrals import refer_partner

ANA = "ana.ferreira@example.org"
JOHANNA = "johanna.lund@example.org"
PRIYA = "priya.raman@example.org"
TOMASZ = "tomasz.nowak@example.org"
EMMA = "emma.lindgren@example.org"


@dataclass(frozen=True)
class Cast:
    """Who the stories need: the host, the network employers and the labour-market unit."""

    host: User
    employers: list[NetworkEmployer]
    work_department: Department | None


def _ago(days: int, hour: int = 10) -> datetime:
    """A moment `days` days back, at a working hour in Stockholm."""
    return (timezone.localtime() - timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def _day(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


@contextmanager
def _dated(partner: Partner, at: datetime) -> Iterator[None]:
    """The timeline events a service without a time stamp writes inside the block are moved
    back to `at`, where the story puts them."""
    newest = partner.events.aggregate(newest=Max("pk"))["newest"] or 0
    yield
    partner.events.filter(pk__gt=newest).update(created_at=at)


def _invited(employer: NetworkEmployer, at: datetime, **details: Any) -> Partner:
    """The employer's invitation, as its page sends it, at `at`."""
    return invite_partner(employer, details, now=at)


def _taken_in(
    partner: Partner, host: User, profile: dict[str, Any], *, filled: datetime, called: datetime, said: str
) -> Partner:
    """The partner fills in the profile from the invitation's link; the host takes them on and
    calls (or meets them), which moves them into contact."""
    partner = update_partner(partner, profile, now=filled)
    with _dated(partner, called - timedelta(hours=3)):
        assign_host(partner, host, host)
    way = ContactWay.MEETING if partner.contact_way == ContactWay.MEETING else ContactWay.PHONE
    return record_contact(partner, host, way, said, now=called)


def just_invited(cast: Cast) -> Partner:
    """Invited by the first employer today; has not filled in the form yet."""
    return _invited(
        cast.employers[0],
        timezone.now(),
        name="Ana Ferreira",
        email=ANA,
        language=PartnerLanguage.ENGLISH,
        recruit_role="Process engineer",
        recruit_start=_day(60),
    )


def on_their_own(cast: Cast) -> Partner:
    """Registered on the public form ten days ago, shares the profile, nobody has called yet
    (first contact overdue)."""
    partner, _new = register_partner(
        {
            "name": "Johanna Lund",
            "email": JOHANNA,
            "phone": "070-123 45 67",
            "contact_way": ContactWay.PHONE,
            "language": PartnerLanguage.SWEDISH,
            "arrival": _day(30),
            "moving_from": "Göteborg",
            "languages": "svenska, engelska",
            "profession": "Förskollärare",
            "education": "Förskollärarexamen, Göteborgs universitet",
            "work_industry": "Förskola och skola",
            "work_extent": WorkExtent.PART_TIME,
            "needs_housing": True,
            "needs_school": True,
            "children_ages": "2 och 6",
            "needs_leisure": True,
            "consent_network": True,
            "consent_activities": True,
        },
        now=_ago(10, hour=20),
    )
    return partner


def in_contact(cast: Cast) -> Partner:
    """Invited by the third employer three weeks ago, filled in the profile in English, called
    by the host, referred to the labour-market unit and introduced to the second employer (not
    answered yet); goes to the fika (see _activities)."""
    partner = _invited(
        cast.employers[2],
        _ago(21),
        name="Priya Raman",
        email=PRIYA,
        language=PartnerLanguage.ENGLISH,
        recruit_role="Software developer",
        recruit_start=_day(-14),
    )
    partner = _taken_in(
        partner,
        cast.host,
        {
            "phone": "+46 73 555 01 02",
            "arrival": _day(-10),
            "moving_from": "Chennai, India",
            "languages": "English, Tamil, Hindi",
            "profession": "Data analyst",
            "education": "MSc Statistics, University of Madras",
            "work_industry": "IT or logistics",
            "work_extent": WorkExtent.FULL_TIME,
            "needs_housing": True,
            "needs_swedish_course": True,
            "needs_healthcare": True,
            "consent_network": True,
            "consent_activities": True,
        },
        filled=_ago(18, hour=19),
        called=_ago(16, hour=13),
        said="Talked about SFI and the housing queue. Priya would like work with data; meets us at the fika.",
    )
    if cast.work_department is not None:
        refer_partner(
            partner,
            cast.work_department,
            ReferralNeed.WORK,
            "Data analyst, looking for full-time work; speaks English. Can you help with job leads?",
            cast.host,
        )
    introduce_partner(
        partner,
        cast.employers[1],
        cast.host,
        "They are looking for someone to work with their logistics data. Would you like to talk to them?",
    )
    return partner


def matched(cast: Cast) -> Partner:
    """Invited by the second employer ten weeks ago, accepted an introduction to the first, who
    offered work: matched."""
    partner = _invited(
        cast.employers[1],
        _ago(70),
        name="Tomasz Nowak",
        email=TOMASZ,
        language=PartnerLanguage.ENGLISH,
        recruit_role="Production manager",
        recruit_start=_day(-40),
    )
    partner = _taken_in(
        partner,
        cast.host,
        {
            "phone": "+48 601 234 567",
            "contact_way": ContactWay.MEETING,
            "arrival": _day(-45),
            "moving_from": "Gdańsk, Poland",
            "languages": "Polish, English, some Swedish",
            "profession": "Welder",
            "education": "Vocational school, welding certificates (EN ISO 9606-1)",
            "work_industry": "Manufacturing",
            "work_extent": WorkExtent.FULL_TIME,
            "needs_school": True,
            "children_ages": "10",
            "needs_swedish_course": True,
            "consent_network": True,
        },
        filled=_ago(66, hour=18),
        called=_ago(62),
        said="Met at the town hall. Looking for welding work.",
    )
    with _dated(partner, _ago(50)):
        introduce_partner(partner, cast.employers[0], cast.host, "They need a welder in their workshop.")
    introduction = Introduction.objects.get(partner=partner, employer=cast.employers[0])
    # Answered now, so the employer's e-mail holds a link that still opens, then dated back.
    with _dated(partner, _ago(48, hour=21)):
        answer_introduction(introduction, accepted=True)
    Introduction.objects.filter(pk=introduction.pk).update(created_at=_ago(50), answered_at=_ago(48, hour=21))
    change_partner_status(partner, PartnerStatus.MATCHED, cast.host, now=_ago(30))
    return partner


def service_ended(cast: Cast) -> Partner:
    """Invited by the first employer last spring, settled and closed five weeks ago: the data
    is deleted six months after closing."""
    partner = _invited(
        cast.employers[0],
        _ago(200),
        name="Emma Lindgren",
        email=EMMA,
        language=PartnerLanguage.SWEDISH,
        recruit_role="Ekonomichef",
        recruit_start=_day(-150),
    )
    partner = _taken_in(
        partner,
        cast.host,
        {
            "moving_from": "Umeå",
            "languages": "svenska, engelska",
            "profession": "Sjuksköterska",
            "work_industry": "Vård",
            "work_extent": WorkExtent.FULL_TIME,
            "needs_housing": True,
            "needs_leisure": True,
        },
        filled=_ago(198),
        called=_ago(196),
        said="Välkomstsamtal, tips om boende.",
    )
    change_partner_status(partner, PartnerStatus.SETTLED, cast.host, now=_ago(120))
    return change_partner_status(partner, PartnerStatus.CLOSED, cast.host, now=_ago(35))


# Each partner by e-mail with the story that creates them, in the order they joined.
STORIES: list[tuple[str, Callable[[Cast], Partner]]] = [
    (EMMA, service_ended),
    (TOMASZ, matched),
    (PRIYA, in_contact),
    (JOHANNA, on_their_own),
    (ANA, just_invited),
]
