from django.conf import settings
from django.http import HttpRequest

from identity import oidc


def sign_in(request: HttpRequest) -> dict[str, bool]:
    """Which ways of signing in the login page offers."""
    return {"oidc_sign_in": oidc.enabled(), "local_login": settings.LOCAL_LOGIN}
