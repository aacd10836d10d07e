"""The second-factor steps after a password (enter a code, or set up the app first), and the
admin's login when password sign-in is off."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _

from identity import second_factor
from karlshamn_portal.staff_request import StaffRequest


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return str(settings.LOGIN_REDIRECT_URL)


def _credentials(request: StaffRequest) -> dict[str, str]:
    return {"username": request.user.get_username()}


def _locked_out(request: StaffRequest) -> HttpResponse:
    credentials = _credentials(request)
    logout(request)
    return get_lockout_response(request, None, credentials)


@login_required
def verify(request: StaffRequest) -> HttpResponse:
    """A code from the app or a recovery code. A wrong code counts as a failed sign-in towards
    the same lock-out as a wrong password."""
    if second_factor.pending_step(request) != second_factor.VERIFY:
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if AxesProxyHandler.is_locked(request, _credentials(request)):
            return _locked_out(request)
        if form.is_valid():
            device = second_factor.verify_code(request.user, form.cleaned_data["code"])
            if device is not None:
                second_factor.mark_verified(request, device)
                return redirect(_next_url(request))
            user_login_failed.send(sender=__name__, credentials=_credentials(request), request=request)
            if getattr(request, "axes_locked_out", False):
                return _locked_out(request)
            form.add_error("code", _("The code is wrong or has already been used. Try the next code."))
    return render(request, "identity/mfa_verify.html", {"form": form, "next": _next_url(request)})


@login_required
def setup(request: StaffRequest) -> HttpResponse:
    """Scan the QR code (or type the key), then prove it works with a code; the recovery codes
    are shown once."""
    if second_factor.pending_step(request) == second_factor.VERIFY:
        return redirect("mfa-verify")  # replacing the app needs the old one first
    device = second_factor.start_enrolment(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        enrolled = second_factor.confirm_enrolment(request.user, form.cleaned_data["code"])
        if enrolled is not None:
            confirmed, codes = enrolled
            second_factor.mark_verified(request, confirmed)
            return render(
                request, "identity/mfa_recovery_codes.html", {"codes": codes, "next": _next_url(request)}
            )
        form.add_error(
            "code", _("The code does not match. Check the time on your phone and try the next code.")
        )
    context = {
        "form": form,
        "qr_code": second_factor.qr_data_uri(device),
        "secret": second_factor.secret_for_typing(device),
        "required": second_factor.pending_step(request) == second_factor.ENROL,
        "next": _next_url(request),
    }
    return render(request, "identity/mfa_setup.html", context)


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's own login form while password sign-in is on; with LOCAL_LOGIN=0 it could
    only ever refuse, so the staff login page (the identity provider's button) takes over."""
    if settings.LOCAL_LOGIN:
        return admin.site.login(request)
    wanted = request.GET.get("next") or reverse("admin:index")
    return redirect(f"{reverse('login')}?{urlencode({'next': wanted})}")
