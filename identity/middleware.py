from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from identity.second_factor import ENROL, admin_without_second_factor, ask_at_the_admin, pending_step

# Reachable while a sign-in waits for its second factor: the steps themselves, signing out and
# the language switch.
ALLOWED_PREFIXES = ("/static/", "/i18n/", "/health/")
ALLOWED_NAMES = ("mfa-verify", "mfa-setup", "logout", "admin:logout")


class SecondFactorMiddleware:
    """Sends a signed-in person whose sign-in still needs its second factor to that step."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The path first: /health/ must answer without the session, which lives in the database
        # it reports on.
        if self._allowed(request.path):
            return self.get_response(request)
        step = pending_step(request)
        if (
            not step
            and request.path.startswith(reverse("admin:index"))
            and admin_without_second_factor(request)
        ):
            step = ask_at_the_admin(request)
        if step:
            target = reverse("mfa-setup" if step == ENROL else "mfa-verify")
            return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        return path.startswith(ALLOWED_PREFIXES) or path in {reverse(name) for name in ALLOWED_NAMES}
