from django.conf import settings
from django.http import HttpRequest

from karlshamn_portal.roles import is_liaison, is_official


def roles(request: HttpRequest) -> dict[str, bool]:
    return {
        "user_is_liaison": is_liaison(request.user),
        "user_is_official": is_official(request.user),
        "outbox_browser": settings.OUTBOX_BROWSER,
    }
