"""Signed links in forum e-mails: confirm a subscription, unsubscribe, propose an agenda item,
read the minutes. Each expires; the unsubscribe link lives as long as a forum year."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse

from karlshamn_portal.signing import make_token, read_token

CONFIRM = "forum-confirm"
UNSUBSCRIBE = "forum-unsubscribe"
PROPOSE = "forum-propose"
MINUTES = "forum-minutes"

CONFIRM_MAX_AGE = timedelta(days=7)
UNSUBSCRIBE_MAX_AGE = timedelta(days=400)
PROPOSE_MAX_AGE = timedelta(days=120)
MINUTES_MAX_AGE = timedelta(days=400)

MAX_AGES = {
    CONFIRM: CONFIRM_MAX_AGE,
    UNSUBSCRIBE: UNSUBSCRIBE_MAX_AGE,
    PROPOSE: PROPOSE_MAX_AGE,
    MINUTES: MINUTES_MAX_AGE,
}
URL_NAMES = {
    CONFIRM: "forum:confirm",
    UNSUBSCRIBE: "forum:unsubscribe",
    PROPOSE: "forum:propose",
    MINUTES: "forum:minutes",
}


def forum_link(purpose: str, **payload: object) -> str:
    """An absolute, signed URL for one purpose."""
    token = make_token(purpose, payload)
    return settings.SITE_URL + reverse(URL_NAMES[purpose], args=[token])


def read_forum_link(purpose: str, token: str) -> dict[str, Any]:
    """The payload of a link; raises InvalidLink when tampered with, expired or for another purpose."""
    return read_token(purpose, token, MAX_AGES[purpose])


def unsubscribe_link(series_id: int, email: str) -> str:
    return forum_link(UNSUBSCRIBE, series=series_id, email=email.lower())


def unsubscribe_headers(series_id: int, email: str, link: str | None = None) -> dict[str, str]:
    """RFC 8058 headers: mail programs offer their own unsubscribe button, which POSTs to the link
    (`link` when already made for the same address)."""
    return {
        "List-Unsubscribe": f"<{link or unsubscribe_link(series_id, email)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
