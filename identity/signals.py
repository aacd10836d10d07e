from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest

from identity.oidc import signed_in_through_provider
from identity.second_factor import PENDING_SESSION_KEY, step_after_password


def ask_for_second_factor(sender: object, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if signed_in_through_provider(request):
        return  # the provider asked for its own second factor
    step = step_after_password(user)
    if step:
        request.session[PENDING_SESSION_KEY] = step


def connect() -> None:
    user_logged_in.connect(ask_for_second_factor, dispatch_uid="identity.ask_for_second_factor")
