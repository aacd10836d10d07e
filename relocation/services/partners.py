"""A partner's own side: registering (from the public form or an employer's invitation), changing
what is stored, giving and withdrawing consent."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from liaison.working_days import add_working_days, local_today
from meetings.services import remove_invitation
from relocation.links import partner_url, staff_url
from relocation.models import Partner, PartnerEventKind, PartnerOutcome
from relocation.services.contacts import end_all_contacts
from relocation.services.events import notify_hosts, queue_partner_email, record_partner_event

# What the partner fills in on the form and may change on their page.
PROFILE_FIELDS = (
    "name",
    "email",
    "phone",
    "contact_way",
    "language",
    "arrival",
    "moving_from",
    "languages",
    "profession",
    "education",
    "work_industry",
    "work_extent",
    "needs_housing",
    "needs_school",
    "children_ages",
    "needs_swedish_course",
    "needs_leisure",
    "needs_healthcare",
    "other_needs",
)
CONSENTS = ("consent_network", "consent_activities")


def find_partner(email: str) -> Partner | None:
    return Partner.objects.filter(email__iexact=email.strip()).first()


def _next_reference(now: datetime) -> str:
    # Counted on the outcome rows, which outlive deleted partners: a reference is never reused.
    year = local_today(now).year
    number = PartnerOutcome.objects.filter(registered_on__year=year).count() + 1
    return f"MF-{year}-{number:04d}"


class AddressTaken(Exception):
    """A registration with the same address was stored while this one was being made."""

    def __init__(self, partner: Partner) -> None:
        super().__init__(partner.reference)
        self.partner = partner


def create_partner(fields: Mapping[str, Any], now: datetime) -> Partner:
    """Store a new partner with its outcome row; a reference taken by a concurrent registration
    is retried with the next number, an address taken by one raises AddressTaken."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                partner = Partner.objects.create(
                    reference=_next_reference(now),
                    created_at=now,
                    active_at=now,
                    first_contact_due=add_working_days(
                        local_today(now), settings.RELOCATION_FIRST_CONTACT_WORKING_DAYS
                    ),
                    **fields,
                )
                PartnerOutcome.objects.create(partner=partner, registered_on=local_today(now))
                return partner
        except IntegrityError:
            existing = find_partner(str(fields["email"]))
            if existing is not None:
                raise AddressTaken(existing) from None
    raise IntegrityError("no free reference")


def send_partner_link(partner: Partner, now: datetime | None = None) -> None:
    """A fresh link to the partner's own page, in their language (an address already in the
    service gets this instead of a second profile)."""
    queue_partner_email(partner, "relocation_partner_link", {"partner_url": partner_url(partner, now)})


def _consent_fields(
    details: Mapping[str, Any], now: datetime, partner: Partner | None = None
) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for consent in CONSENTS:
        given = bool(details.get(consent, False))
        if partner is None or getattr(partner, consent) != given:
            fields[consent] = given
            fields[f"{consent}_at"] = now if given else None
    return fields


@transaction.atomic
def register_partner(details: Mapping[str, Any], now: datetime | None = None) -> tuple[Partner, bool]:
    """The public form: a new partner, or (for an address already in the service) a link to the
    existing profile, unchanged. Returns the partner and whether it is new."""
    now = now or timezone.now()
    existing = find_partner(details["email"])
    if existing is not None:
        send_partner_link(existing, now)
        return existing, False
    fields = {name: details[name] for name in PROFILE_FIELDS if name in details}
    try:
        partner = create_partner(
            {**fields, **_consent_fields(details, now), "profile_completed_at": now}, now
        )
    except AddressTaken as taken:
        # A double-click or a second tab: the first form made the profile.
        send_partner_link(taken.partner, now)
        return taken.partner, False
    record_partner_event(partner, PartnerEventKind.REGISTERED, None, actor_name=partner.name, at=now)
    queue_partner_email(partner, "relocation_welcome", {"partner_url": partner_url(partner, now)})
    notify_hosts(partner, "relocation_new_partner", {"staff_url": staff_url("partner", partner.pk)})
    return partner, True


@transaction.atomic
def update_partner(partner: Partner, details: Mapping[str, Any], now: datetime | None = None) -> Partner:
    """The partner changes what is stored about them; the first time completes an invited profile."""
    now = now or timezone.now()
    locked = Partner.objects.select_for_update().get(pk=partner.pk)
    changed = [name for name in PROFILE_FIELDS if name in details and getattr(locked, name) != details[name]]
    for name in changed:
        setattr(locked, name, details[name])
    consents = _consent_fields(details, now, locked)
    for name, value in consents.items():
        setattr(locked, name, value)
    if locked.profile_completed_at is None:
        locked.profile_completed_at = now
        changed.append("profile_completed_at")
    locked.save()
    if changed:
        record_partner_event(
            locked,
            PartnerEventKind.PROFILE_UPDATED,
            None,
            actor_name=locked.name,
            data={"fields": changed},
            at=now,
        )
    _record_consents(locked, consents, now)
    return locked


def _record_consents(partner: Partner, consents: Mapping[str, Any], now: datetime) -> None:
    for consent in CONSENTS:
        if consent in consents:
            given = bool(consents[consent])
            record_partner_event(
                partner,
                PartnerEventKind.CONSENT_CHANGED,
                None,
                actor_name=partner.name,
                data={"consent": consent, "given": given},
                at=now,
            )
            if consent == "consent_activities" and not given:
                _leave_upcoming_activities(partner, now)
            if consent == "consent_network" and not given:
                end_all_contacts(partner, now)


def _leave_upcoming_activities(partner: Partner, now: datetime) -> None:
    for link in partner.activity_invitations.select_related("invitation__meeting").filter(
        invitation__meeting__start__gt=now
    ):
        remove_invitation(link.invitation)


@transaction.atomic
def set_consent(partner: Partner, consent: str, given: bool, now: datetime | None = None) -> Partner:
    """Give or withdraw one consent; withdrawn (a) hides the profile from every employer at once,
    also those whose introduction the partner accepted."""
    if consent not in CONSENTS:
        raise ValueError(consent)
    now = now or timezone.now()
    locked = Partner.objects.select_for_update().get(pk=partner.pk)
    if getattr(locked, consent) == given:
        return locked
    setattr(locked, consent, given)
    setattr(locked, f"{consent}_at", now if given else None)
    locked.save(update_fields=[consent, f"{consent}_at"])
    _record_consents(locked, {consent: given}, now)
    return locked
