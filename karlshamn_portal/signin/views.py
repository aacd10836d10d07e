"""The staff login page and the answers it gives while logins are paused."""

from typing import Any

from axes.helpers import get_cool_off
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from karlshamn_portal.signin.forms import PortalAuthenticationForm


class PortalLoginView(LoginView):
    authentication_form = PortalAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form: Any) -> HttpResponse:
        if form.paused_until is None:
            return super().form_invalid(form)
        response = self.render_to_response(self.get_context_data(form=form, retry_at=form.paused_until))
        response.status_code = 429
        response["Retry-After"] = str(max(1, int((form.paused_until - timezone.now()).total_seconds())))
        return response


def locked_out(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """django-axes' answer (AXES_LOCKOUT_CALLABLE) when an address has failed too often for one
    user name: the lock-out page, saying when to try again."""
    cool_off = get_cool_off(request)
    retry_at = timezone.now() + cool_off if cool_off else None
    response = render(request, "registration/locked_out.html", {"retry_at": retry_at}, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
