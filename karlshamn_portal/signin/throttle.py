"""The per-account login throttle: guessing one account's password from many addresses.

django-axes locks a user name from one address after a few failures. This counts the failures
for a user name from every address together: after LOGIN_ACCOUNT_FAILURE_LIMIT of them in one
window of LOGIN_ACCOUNT_WINDOW_MINUTES, password login to that account waits until the window
ends, and the account's owner is told by e-mail. The count is per typed name (case folded), so
a name that has no account is paused the same way and the pause reveals nothing.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model

from karlshamn_portal.outbox.services import queue_email
from liaison import ratelimit

SCOPE = "login-account"
NOTICE = "password_login_paused"


def _window_seconds() -> int:
    return settings.LOGIN_ACCOUNT_WINDOW_MINUTES * 60


def password_login_paused_until(username: str) -> datetime | None:
    """When password login to `username` opens again, or None while it is open."""
    refusal = ratelimit.is_used_up(
        SCOPE, username, settings.LOGIN_ACCOUNT_FAILURE_LIMIT, window_seconds=_window_seconds()
    )
    return refusal.retry_at if refusal else None


def record_failed_password_login(username: str) -> None:
    """Count one failed password login for `username`; the failure that uses up the allowance
    pauses the account and e-mails its owner (once per window, through the outbox). Not atomic:
    each of its writes stands alone, and the counted failure must stay counted."""
    limit = settings.LOGIN_ACCOUNT_FAILURE_LIMIT
    use = ratelimit.try_use(SCOPE, username, limit, window_seconds=_window_seconds())
    if not use.allowed:
        return  # already paused, and the owner already told
    paused_until = password_login_paused_until(username)
    if paused_until is None:
        return
    owner = (
        get_user_model()
        .objects.filter(username__iexact=username, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .first()
    )
    if owner is None:
        return
    queue_email(
        NOTICE,
        owner.email,
        {"user": owner, "failures": limit, "paused_until": paused_until},
        language=settings.LANGUAGE_CODE,
        dedupe_key=f"{NOTICE}:{owner.pk}:{use.window_start:%Y%m%dT%H%M}",
    )
