from typing import Any

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from karlshamn_portal.login import lockout_username
from karlshamn_portal.signin.throttle import record_failed_password_login


@receiver(user_login_failed, dispatch_uid="signin-count-failed-login")
def count_failed_login(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = lockout_username(request, credentials)
    if username:
        record_failed_password_login(username)
