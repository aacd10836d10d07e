"""Pages that belong to the portal as a whole rather than to one app."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from karlshamn_portal.roles import is_business_developer, is_liaison, is_official, is_relocation_host


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


@login_required
def signed_in(request: HttpRequest) -> HttpResponse:
    """Where staff land after signing in (LOGIN_REDIRECT_URL) when `next` names no page: their
    own work queue rather than the public start page."""
    if is_liaison(request.user):
        return redirect("dashboard")
    if is_official(request.user):
        return redirect("referral-list")
    if is_business_developer(request.user):
        return redirect("companies:start")
    if is_relocation_host(request.user):
        return redirect("relocation-queue")
    return redirect("home")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: the database or a context processor may be what failed.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def debug_server_error(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("Deliberate error to show the 500 page")
