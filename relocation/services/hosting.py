"""The host's work with a partner: who hosts, contacts and notes, and where it stands."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from karlshamn_portal.people import display_name
from liaison.working_days import local_today
from relocation.models import Partner, PartnerEventKind, PartnerOutcome, PartnerStatus
from relocation.services.events import record_partner_event


class PartnerChangeNotAllowed(Exception):
    """The partner cannot make this move (see PARTNER_TRANSITIONS)."""


def deletion_time(closed_at: datetime) -> datetime | None:
    """When a closed partner's data is deleted, by the retention plan's "relocation_profiles"
    (relocation/retention.py clears it); None when the plan keeps it."""
    days = settings.RETENTION_PLAN["relocation_profiles"]
    return None if days is None else closed_at + timedelta(days=days)


def _locked(partner: Partner) -> Partner:
    return Partner.objects.select_for_update().get(pk=partner.pk)


@transaction.atomic
def assign_host(partner: Partner, host: User | None, actor: User) -> Partner:
    locked = _locked(partner)
    if locked.host_id == (host.pk if host else None):
        return locked
    locked.host = host
    locked.save(update_fields=["host"])
    record_partner_event(locked, PartnerEventKind.HOST_CHANGED, actor, data={"host": display_name(host)})
    return locked


@transaction.atomic
def change_partner_status(partner: Partner, status: str, actor: User, now: datetime | None = None) -> Partner:
    """Move the partner along; closing sets when their data will be deleted, reopening clears it."""
    now = now or timezone.now()
    locked = _locked(partner)
    if not locked.can_move_to(status):
        raise PartnerChangeNotAllowed(f"{locked.status} → {status}")
    previous = locked.status
    locked.status = status
    if status == PartnerStatus.CLOSED:
        locked.closed_at, locked.delete_after = now, deletion_time(now)
    else:
        locked.closed_at, locked.delete_after = None, None
    locked.save(update_fields=["status", "closed_at", "delete_after"])
    outcome = PartnerOutcome.objects.filter(partner=locked)
    if status == PartnerStatus.MATCHED:
        outcome.filter(matched_on__isnull=True).update(matched_on=local_today(now))
    outcome.update(closed_on=local_today(now) if status == PartnerStatus.CLOSED else None)
    record_partner_event(
        locked, PartnerEventKind.STATUS_CHANGED, actor, data={"from": previous, "to": status}, at=now
    )
    return locked


@transaction.atomic
def record_contact(
    partner: Partner, actor: User, way: str, text: str, now: datetime | None = None
) -> Partner:
    """A contact with the partner (a call, a meeting, an e-mail); the first one ends the wait."""
    now = now or timezone.now()
    locked = _locked(partner)
    record_partner_event(locked, PartnerEventKind.CONTACT, actor, text=text, data={"way": way}, at=now)
    if locked.first_contact_at is None:
        locked.first_contact_at = now
        locked.save(update_fields=["first_contact_at"])
    if locked.status == PartnerStatus.NEW:
        return change_partner_status(locked, PartnerStatus.IN_CONTACT, actor, now)
    return locked


@transaction.atomic
def add_partner_note(partner: Partner, actor: User, text: str) -> None:
    """A note for the hosts; the partner sees everything stored, notes included."""
    record_partner_event(partner, PartnerEventKind.NOTE, actor, text=text)
