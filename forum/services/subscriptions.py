"""Double opt-in subscriptions and the one-click unsubscribe."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from forum.links import CONFIRM, forum_link, unsubscribe_headers, unsubscribe_link
from forum.models import ForumSeries, Subscriber, SubscriberStatus
from karlshamn_portal.outbox.services import queue_email
from liaison import ratelimit

# While a confirmation mail this young waits to be opened, subscribing again sends no new one:
# the form cannot be used to repeat mails to someone's inbox.
CONFIRMATION_FRESH_FOR = timedelta(hours=1)
CONFIRMATION_SCOPE = "forum-confirmation"


class TooManyConfirmations(Exception):
    """The address has had FORUM_CONFIRMATIONS_PER_ADDRESS_PER_DAY confirmation mails today."""


@transaction.atomic
def subscribe(series: ForumSeries, *, name: str, email: str, company_name: str, language: str) -> Subscriber:
    """Record the wish and e-mail a confirmation link; nothing is sent to the forum list until
    the address owner confirms. An address already confirmed is left as it is, so nobody can
    change another person's subscription from the public form; a confirmation sent within the
    last hour is not sent again; and one address gets at most a few confirmation mails a day,
    whichever series they are for (TooManyConfirmations, and nothing is stored)."""
    email = email.strip().lower()
    now = timezone.now()
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        series=series,
        email=email,
        defaults={"name": name, "company_name": company_name, "language": language},
    )
    if subscriber.status == SubscriberStatus.CONFIRMED:
        return subscriber
    if (
        subscriber.status == SubscriberStatus.PENDING
        and subscriber.confirmation_sent_at
        and subscriber.confirmation_sent_at > now - CONFIRMATION_FRESH_FOR
    ):
        return subscriber
    if not ratelimit.try_use(
        CONFIRMATION_SCOPE,
        email,
        settings.FORUM_CONFIRMATIONS_PER_ADDRESS_PER_DAY,
        window_seconds=ratelimit.DAY,
    ).allowed:
        raise TooManyConfirmations
    if not created:
        subscriber.name, subscriber.company_name, subscriber.language = name, company_name, language
        subscriber.status = SubscriberStatus.PENDING
    subscriber.confirmation_sent_at = now
    subscriber.save(update_fields=["name", "company_name", "language", "status", "confirmation_sent_at"])
    queue_email(
        "forum_subscription_confirm",
        email,
        {
            "series": series,
            "subscriber": subscriber,
            "confirm_url": forum_link(CONFIRM, subscriber=subscriber.pk, email=email),
            "unsubscribe_url": unsubscribe_link(series.pk, email),
        },
        language=language,
    )
    return subscriber


@transaction.atomic
def add_to_invite_list(
    series: ForumSeries, *, email: str, name: str = "", company_name: str = "", language: str = "sv"
) -> Subscriber:
    """A liaison officer puts a company contact (or any address) on the invite list: confirmed at
    once, as the unit knows them, and told so in an e-mail with the one-click way off the list.
    The next invitation scan invites them to every meeting whose invitations are out."""
    email = email.strip().lower()
    name = name.strip() or email
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        series=series,
        email=email,
        defaults={"name": name, "company_name": company_name, "language": language},
    )
    if not created and subscriber.status == SubscriberStatus.CONFIRMED:
        return subscriber
    subscriber.name, subscriber.company_name, subscriber.language = name, company_name, language
    subscriber.status, subscriber.confirmed_at = SubscriberStatus.CONFIRMED, timezone.now()
    subscriber.unsubscribed_at = None
    subscriber.save()
    queue_email(
        "forum_added_to_invite_list",
        email,
        {"series": series, "subscriber": subscriber, "unsubscribe_url": unsubscribe_link(series.pk, email)},
        language=language,
        headers=unsubscribe_headers(series.pk, email),
    )
    return subscriber


@transaction.atomic
def confirm_subscription(subscriber_id: int, email: str) -> Subscriber | None:
    """The confirmation link's POST; returns None when the link no longer matches a subscription."""
    subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber_id, email=email).first()
    if subscriber is None or subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return None
    if subscriber.status == SubscriberStatus.PENDING:
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])
        queue_email(
            "forum_subscription_welcome",
            subscriber.email,
            {
                "series": subscriber.series,
                "subscriber": subscriber,
                "unsubscribe_url": unsubscribe_link(subscriber.series_id, subscriber.email),
            },
            language=subscriber.language,
            headers=unsubscribe_headers(subscriber.series_id, subscriber.email),
        )
    return subscriber


@transaction.atomic
def unsubscribe(series: ForumSeries, email: str) -> bool:
    """Take the address off the series' invite list, whether a subscriber or an invited
    official; their invitations to future meetings are withdrawn without further e-mail."""
    from forum.services.invitations import withdraw_future_invitations

    email = email.lower()
    now = timezone.now()
    changed = bool(
        Subscriber.objects.filter(series=series, email=email)
        .exclude(status=SubscriberStatus.UNSUBSCRIBED)
        .update(status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=now)
    )
    officials = list(series.invited_officials.filter(email__iexact=email))
    if officials:
        series.invited_officials.remove(*officials)
        changed = True
    withdraw_future_invitations(series, email, now)
    return changed
