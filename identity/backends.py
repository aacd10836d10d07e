"""LOCAL_LOGIN=0: no password sign-in at all, in the staff login and the admin's alike."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


class LocalLoginSwitch:
    """Listed before the password backend; raising PermissionDenied stops Django trying the
    backends after it, so a correct password is refused like a wrong one. It has no get_user
    (BaseBackend's answers None), so force_login and sessions never pick it as the user's
    backend."""

    def authenticate(self, request: HttpRequest | None, password: str | None = None, **kwargs: Any) -> None:
        if password is not None and not settings.LOCAL_LOGIN:
            raise PermissionDenied
        return None
