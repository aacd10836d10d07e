"""Forum subscriptions: consent-based, so they end with consent."""

import hashlib
import hmac
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from forum.models import Subscriber, SubscriberStatus
from retention.registry import Kind, Person

# Where an unsubscribed address's hash is kept: a domain that can never receive mail (RFC 2606).
HASHED_DOMAIN = "unsubscribed.invalid"


def hashed_address(email: str) -> str:
    """An address as a keyed hash in the shape of an address, so the row can stay without it and
    a new subscription of the same address is a new row."""
    digest = hmac.new(settings.SECRET_KEY.encode(), email.strip().casefold().encode(), hashlib.sha256)
    return f"{digest.hexdigest()[:40]}@{HASHED_DOMAIN}"


class UnconfirmedForumSubscriptions(Kind):
    key = "unconfirmed_forum_subscriptions"
    label = _("Unconfirmed forum subscriptions")
    rule = _("deleted %(days)s days after the confirmation e-mail")
    erased_label = _("Forum subscriptions")

    def due(self, cutoff: datetime) -> Iterable[QuerySet]:
        asked = Q(confirmation_sent_at__lt=cutoff) | Q(
            confirmation_sent_at__isnull=True, created_at__lt=cutoff
        )
        return [Subscriber.objects.filter(asked, status=SubscriberStatus.PENDING)]

    def personal_data(self, person: Person) -> dict[str, list[dict[str, object]]]:
        if not person.email:
            return {}
        rows = Subscriber.objects.filter(email__iexact=person.email).select_related("series")
        return {
            "forum_subscriptions": [
                {
                    "series": row.series.name,
                    "name": row.name,
                    "email": row.email,
                    "company": row.company_name,
                    "status": row.status,
                    "subscribed": row.created_at.isoformat(),
                    "confirmed": row.confirmed_at.isoformat() if row.confirmed_at else None,
                    "unsubscribed": row.unsubscribed_at.isoformat() if row.unsubscribed_at else None,
                }
                for row in rows
            ]
        }

    def erase_consented(self, person: Person) -> int:
        if not person.email:
            return 0
        count, _deleted = Subscriber.objects.filter(email__iexact=person.email).delete()
        return count


class UnsubscribedForumAddresses(Kind):
    key = "unsubscribed_forum_addresses"
    label = _("Addresses that unsubscribed from the forum")
    rule = _("name and address replaced by a hash %(days)s days after unsubscribing")

    def due(self, cutoff: datetime) -> Iterable[QuerySet]:
        return [
            Subscriber.objects.filter(
                status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at__lt=cutoff
            ).exclude(email__endswith=f"@{HASHED_DOMAIN}")
        ]

    def clear(self, rows: QuerySet, now: datetime) -> None:
        for subscriber in rows.only("pk", "email"):
            Subscriber.objects.filter(pk=subscriber.pk).update(
                name="", email=hashed_address(subscriber.email)
            )
