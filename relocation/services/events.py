"""Writing a partner's timeline and telling people: the one way for every relocation service."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from karlshamn_portal.outbox.services import queue_email
from karlshamn_portal.people import display_name
from karlshamn_portal.roles import relocation_hosts
from liaison.services.case_events import STAFF_LANGUAGE
from relocation.models import Partner, PartnerEvent, PartnerMessage


def record_partner_event(
    partner: Partner,
    kind: str,
    actor: User | None,
    *,
    text: str = "",
    data: dict[str, Any] | None = None,
    actor_name: str = "",
    at: datetime | None = None,
) -> PartnerEvent:
    return PartnerEvent.objects.create(
        partner=partner,
        kind=kind,
        actor=actor,
        actor_name=actor_name or display_name(actor),
        text=text,
        data=data or {},
        created_at=at or timezone.now(),
    )


def queue_partner_email(
    partner: Partner, name: str, context: dict[str, Any], *, recipient: str = "", language: str = ""
) -> None:
    """An e-mail that carries the partner's data: to the partner in their language (or to
    `recipient` in `language`), noted so that deleting the partner deletes it from the outbox."""
    message = queue_email(
        name,
        recipient or partner.email,
        {"partner": partner, **context},
        language=language or (STAFF_LANGUAGE if recipient else partner.language),
    )
    if message is not None:
        PartnerMessage.objects.create(partner=partner, message=message)


def host_recipients(partner: Partner | None) -> list[str]:
    """The partner's host while their account is active, else every relocation host."""
    host = partner.host if partner is not None and partner.host_id else None
    if host is not None and host.is_active and host.email:
        return [host.email]
    return sorted(set(relocation_hosts().exclude(email="").values_list("email", flat=True)))


def notify_hosts(partner: Partner, name: str, context: dict[str, Any]) -> None:
    """Staff notices name the partner by reference only, so they hold no personal data that
    would outlive a deletion."""
    tell(host_recipients(partner), name, {"reference": partner.reference, **context})


def tell(recipients: Iterable[str], name: str, context: dict[str, Any]) -> None:
    for recipient in recipients:
        queue_email(name, recipient, context, language=STAFF_LANGUAGE)
