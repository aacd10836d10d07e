from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from karlshamn_portal.roles import (
    can_use_register,
    is_business_developer,
    is_liaison,
    is_official,
    is_relocation_host,
)


def roles(request: HttpRequest) -> dict[str, bool]:
    # An error page for a request refused before the authentication middleware (a bad Host
    # header, a CSRF failure) has no request.user.
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "user_is_liaison": is_liaison(user),
        "user_is_official": is_official(user),
        "user_uses_register": can_use_register(user),
        "user_is_business_developer": is_business_developer(user),
        "user_is_relocation_host": is_relocation_host(user),
        "outbox_browser": settings.OUTBOX_BROWSER,
    }
