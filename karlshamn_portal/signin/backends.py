from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from karlshamn_portal.signin.throttle import password_login_paused_until


class PausedPasswordLoginBackend:
    """Listed before the backend that checks passwords: while an account's password login is
    paused (throttle.py), no password is even tried, whichever form or address it comes from.
    PermissionDenied stops Django's authenticate() here. It has no get_user, so Django never
    takes it for the backend a session belongs to."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if username and password is not None and password_login_paused_until(username):
            raise PermissionDenied
        return None
