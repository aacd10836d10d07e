"""The private links of the service: a partner's own page, a network employer's page, and the
signed staff links in the hosts' and departments' e-mails.

A partner's link carries the partner's id and link key and when it was issued; it stops working
after RELOCATION_LINK_INACTIVITY_DAYS without a visit, counted from the later of the two. A
network employer's link expires RELOCATION_EMPLOYER_LINK_DAYS after it was sent; the host sends
a fresh one.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from karlshamn_portal.signing import InvalidLink, make_token, read_token
from relocation.models import Partner

PARTNER_PURPOSE = "relocation-partner"
EMPLOYER_PURPOSE = "relocation-employer"
STAFF_PURPOSE = "relocation-staff"
# The partner's signature itself never expires in practice; inactivity, checked on the row, does.
PARTNER_SIGNATURE_MAX_AGE = timedelta(days=3650)
STAFF_LINK_LIFETIME = timedelta(days=60)
ACTIVITY_RESOLUTION = timedelta(hours=1)


class LinkExpired(InvalidLink):
    """A genuine link that has not been used for too long."""


class PartnerGone(InvalidLink):
    """A genuine link to a partner whose data has been deleted."""


def _issued(now: datetime | None) -> int:
    return int((now or timezone.now()).timestamp())


def partner_url(partner: Partner, now: datetime | None = None) -> str:
    token = make_token(
        PARTNER_PURPOSE, {"partner": partner.pk, "key": partner.link_key, "issued": _issued(now)}
    )
    return settings.SITE_URL + reverse("relocation-partner", args=[token])


def partner_from_token(token: str, now: datetime | None = None) -> Partner:
    """The partner a private link opens; InvalidLink when tampered with or made for something
    else, PartnerGone when their data is deleted, LinkExpired when unused for too long."""
    payload = read_token(PARTNER_PURPOSE, token, max_age=PARTNER_SIGNATURE_MAX_AGE)
    try:
        partner_id, key, issued = int(payload["partner"]), str(payload["key"]), int(payload["issued"])  # type: ignore[call-overload]
    except (KeyError, TypeError, ValueError):
        raise InvalidLink("malformed payload") from None
    partner = Partner.objects.filter(pk=partner_id, link_key=key).first()
    if partner is None:
        raise PartnerGone("no such partner")
    last_use = max(partner.active_at, datetime.fromtimestamp(issued, tz=UTC))
    now = now or timezone.now()
    if now > last_use + timedelta(days=settings.RELOCATION_LINK_INACTIVITY_DAYS):
        raise LinkExpired("inactive for too long")
    if partner.active_at < now - ACTIVITY_RESOLUTION:
        Partner.objects.filter(pk=partner.pk).update(active_at=now)
        partner.active_at = now
    return partner


def employer_token(employer_id: int, now: datetime | None = None) -> str:
    return make_token(EMPLOYER_PURPOSE, {"employer": employer_id, "issued": _issued(now)})


def employer_url(employer_id: int, now: datetime | None = None) -> str:
    return settings.SITE_URL + reverse("relocation-employer", args=[employer_token(employer_id, now)])


def employer_id_from_token(token: str, now: datetime | None = None) -> int:
    """The network employer a link was sent to; InvalidLink or LinkExpired."""
    payload = read_token(EMPLOYER_PURPOSE, token, max_age=PARTNER_SIGNATURE_MAX_AGE)
    try:
        employer_id, issued = int(payload["employer"]), int(payload["issued"])  # type: ignore[call-overload]
    except (KeyError, TypeError, ValueError):
        raise InvalidLink("malformed payload") from None
    sent = datetime.fromtimestamp(issued, tz=UTC)
    if (now or timezone.now()) > sent + timedelta(days=settings.RELOCATION_EMPLOYER_LINK_DAYS):
        raise LinkExpired("the link is too old")
    return employer_id


def staff_url(page: str, object_id: int) -> str:
    """A signed link for a staff e-mail to a partner page ("partner"), a referral ("referral") or
    the queue ("queue");
    the page behind it still needs a staff login."""
    token = make_token(STAFF_PURPOSE, {"page": page, "id": object_id})
    return settings.SITE_URL + reverse("relocation-staff-link", args=[token])


def read_staff_link(token: str) -> tuple[str, int]:
    payload = read_token(STAFF_PURPOSE, token, max_age=STAFF_LINK_LIFETIME)
    page, object_id = payload.get("page"), payload.get("id")
    if page not in ("partner", "referral", "queue") or not isinstance(object_id, int):
        raise InvalidLink("malformed payload")
    return str(page), object_id
