"""Signed, expiring links to a case page for staff e-mails.

The page behind the link still needs a staff login; the signature only keeps the rule that
every link leaving the portal is signed and expires.
"""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from karlshamn_portal.signing import make_token, read_token
from liaison.models import Case, Referral

PURPOSE = "staff-case"
LINK_LIFETIME = timedelta(days=60)


def staff_case_url(case: Case, referral: Referral | None = None) -> str:
    """A link to the case page, or to one referral of it."""
    payload: dict[str, object] = {"reference": case.reference}
    if referral is not None:
        payload["referral"] = referral.pk
    return settings.SITE_URL + reverse("staff-link", args=[make_token(PURPOSE, payload)])


def read_staff_link(token: str) -> str:
    """The page a staff link leads to; raises InvalidLink."""
    payload = read_token(PURPOSE, token, max_age=LINK_LIFETIME)
    if "referral" in payload:
        return reverse("referral-detail", args=[int(payload["referral"])])  # type: ignore[call-overload]
    return reverse("case-detail", args=[str(payload["reference"])])
