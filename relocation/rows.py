"""Plain values for the templates: a timeline line, a queue row, what the partner's own page and
a network employer's page show."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from karlshamn_portal.language import page_in_english
from liaison.models import ReferralStatus
from liaison.models.referrals import referral_overdue
from relocation.forms import PartnerForm
from relocation.models import (
    ContactWay,
    IntroductionStatus,
    NetworkEmployer,
    Partner,
    PartnerEvent,
    PartnerEventKind,
    PartnerStatus,
    ReferralNeed,
    RelocationReferral,
)

CONSENT_NAMES = {
    "consent_network": "(a)",
    "consent_activities": "(b)",
}


def _label(choices: Any, value: object) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


@dataclass(frozen=True)
class TimelineLine:
    at: datetime
    title: str
    who: str
    text: str


def event_line(event: PartnerEvent) -> TimelineLine:
    """How one event reads on the host's and the partner's timeline."""
    data, title = event.data, str(event.get_kind_display())
    if event.kind == PartnerEventKind.STATUS_CHANGED:
        title = _("Status: %(from)s → %(to)s") % {
            "from": _label(PartnerStatus, data.get("from")),
            "to": _label(PartnerStatus, data.get("to")),
        }
    elif event.kind == PartnerEventKind.CONTACT:
        title = _("Contact: %(way)s") % {"way": _label(ContactWay, data.get("way"))}
    elif event.kind == PartnerEventKind.CONSENT_CHANGED:
        name = CONSENT_NAMES.get(str(data.get("consent")), "")
        template = _("Consent %(name)s given") if data.get("given") else _("Consent %(name)s withdrawn")
        title = template % {"name": name}
    elif event.kind in (PartnerEventKind.REFERRED, PartnerEventKind.REFERRAL_ANSWERED):
        # Both names are kept, as liaison keeps a topic's: the page may be read in either language.
        english = data.get("department_en") if page_in_english() else None
        title = f"{title}: {english or data.get('department', '')}"
        if data.get("to"):
            title += f" ({_label(ReferralStatus, data['to'])})"
    elif event.kind in (
        PartnerEventKind.INTRODUCED,
        PartnerEventKind.INTRODUCTION_ANSWERED,
        PartnerEventKind.CONTACT_ENDED,
        PartnerEventKind.INVITED,
    ):
        title = f"{title}: {data.get('employer', '')}"
        if "accepted" in data:
            title += f" ({_('accepted') if data['accepted'] else _('declined')})"
    elif event.kind == PartnerEventKind.HOST_CHANGED:
        title = f"{title}: {data.get('host') or _('nobody')}"
    elif event.kind == PartnerEventKind.ACTIVITY_INVITED:
        title = f"{title}: {data.get('activity', '')}"
    return TimelineLine(event.created_at, title, event.actor_name, event.text)


def timeline(partner: Partner) -> list[TimelineLine]:
    return [event_line(event) for event in partner.events.order_by("created_at", "id")]


def partner_page_context(partner: Partner, form: PartnerForm, token: str) -> dict[str, Any]:
    """Everything stored about the partner, for their own page."""
    referrals = [
        (
            referral.department.name,
            _label(ReferralNeed, referral.need),
            _label(ReferralStatus, referral.status),
        )
        for referral in partner.referrals.select_related("department")
    ]
    return {
        "partner": partner,
        "form": form,
        "token": token,
        "status": _label(PartnerStatus, partner.status),
        "timeline": timeline(partner),
        "referrals": referrals,
        "introductions": partner.introductions.select_related("employer__company"),
        "activities": partner.activity_invitations.select_related("invitation__meeting").order_by(
            "invitation__meeting__start"
        ),
        "proposed": IntroductionStatus.PROPOSED,
        "accepted": IntroductionStatus.ACCEPTED,
        "consents": [
            (consent, getattr(partner, consent), str(PartnerForm.base_fields[consent].label))
            for consent in CONSENT_NAMES
        ],
        "retention_days": settings.RETENTION_PLAN["relocation_profiles"],
    }


@dataclass(frozen=True)
class SharedProfile:
    """A profile as a network employer sees it; contact details only after an accepted
    introduction to this employer."""

    name: str
    profession: str
    education: str
    work_industry: str
    work_extent: str
    languages: str
    arrival: date | None
    moving_from: str
    email: str = ""
    phone: str = ""


def shared_profile(partner: Partner, with_contact: bool) -> SharedProfile:
    return SharedProfile(
        name=partner.name,
        profession=partner.profession,
        education=partner.education,
        work_industry=partner.work_industry,
        work_extent=partner.get_work_extent_display() if partner.work_extent else "",
        languages=partner.languages,
        arrival=partner.arrival,
        moving_from=partner.moving_from,
        email=partner.email if with_contact else "",
        phone=partner.phone if with_contact else "",
    )


def employer_page_context(employer: NetworkEmployer) -> dict[str, Any]:
    """What a network employer sees: the partners they invited (name and status), the profiles
    shared with the network, and the partners who accepted an introduction to them."""
    accepted: QuerySet[Partner] = Partner.objects.filter(
        introductions__employer=employer, introductions__status=IntroductionStatus.ACCEPTED
    ).order_by("name", "pk")
    accepted_ids = {partner.pk for partner in accepted}
    shared = Partner.objects.shared_with_network().exclude(pk__in=accepted_ids).order_by("-created_at", "-pk")
    invited = [
        (partner.name, partner.created_at, _label(PartnerStatus, partner.status))
        for partner in employer.invited_partners.order_by("-created_at", "-pk")
    ]
    return {
        "employer": employer,
        "invited": invited,
        "contacts": [shared_profile(partner, with_contact=True) for partner in accepted],
        "shared": [shared_profile(partner, with_contact=False) for partner in shared],
    }


@dataclass(frozen=True)
class ReferralListRow:
    """One line of an official's list of relocation referrals: what the referral page shows above
    its contact details, so the list carries no e-mail address or phone number."""

    referral_id: int
    partner_reference: str
    need: str
    department: str
    status: str
    due_date: date
    overdue: bool
    answered_at: datetime | None


def referral_list_row(referral: RelocationReferral, today: date) -> ReferralListRow:
    return ReferralListRow(
        referral_id=referral.pk,
        partner_reference=referral.partner.reference,
        need=str(referral.get_need_display()),
        department=referral.department.name,
        status=str(referral.get_status_display()),
        due_date=referral.due_date,
        overdue=referral_overdue(referral.status, referral.due_date, today),
        answered_at=referral.answered_at,
    )
