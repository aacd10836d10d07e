"""Signed, expiring links to a case page for staff e-mails.

The page behind the link still needs a staff login; the signature only keeps the rule that
every link leaving the portal is signed and expires.
"""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from karlshamn_portal.signing import make_token, read_token
from liaison.models import Case

PURPOSE = "staff-case"
LINK_LIFETIME = timedelta(days=60)


def staff_case_url(case: Case) -> str:
    token = make_token(PURPOSE, {"reference": case.reference})
    return settings.SITE_URL + reverse("staff-link", args=[token])


def read_staff_link(token: str) -> str:
    """The case reference in a staff link; raises InvalidLink."""
    return str(read_token(PURPOSE, token, max_age=LINK_LIFETIME)["reference"])
