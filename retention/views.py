"""The liaison officers' pages for access and erasure requests, and the public privacy page."""

import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from karlshamn_portal.staff_request import StaffRequest
from retention import registry
from retention.access import check_may_handle_requests, get_request_for
from retention.forms import PersonalDataRequestForm
from retention.models import PersonalDataRequest, RequestKind
from retention.services.requests import download_access_request, erase_personal_data, record_access_request

RECENT_REQUESTS = 20


@never_cache
@login_required
def requests_page(request: StaffRequest) -> HttpResponse:
    check_may_handle_requests(request.user)
    form = PersonalDataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        if form.cleaned_data["kind"] == RequestKind.ERASURE:
            made = erase_personal_data(person, request.user)
        else:
            made = record_access_request(person, request.user)
        return redirect("retention:request", pk=made.pk)
    recent = PersonalDataRequest.objects.all()[:RECENT_REQUESTS]
    return render(request, "retention/requests.html", {"form": form, "recent": recent})


@never_cache
@login_required
def request_detail(request: StaffRequest, pk: int) -> HttpResponse:
    made = get_request_for(request.user, pk)
    labels = {kind.key: kind.erased_label or kind.label for kind in registry.kinds()}
    return render(
        request,
        "retention/request_detail.html",
        {
            "made": made,
            "counts": sorted(made.outcome.items()),
            "erased": [(labels.get(key, key), count) for key, count in made.outcome.items() if key in labels],
            "cases_kept": made.outcome.get("cases_kept", 0),
            "closed_cases_rule": registry.get("closed_cases").describe(),
        },
    )


@never_cache
@login_required
def request_download(request: StaffRequest, pk: int) -> FileResponse:
    made = get_request_for(request.user, pk)
    if made.kind != RequestKind.ACCESS:
        raise Http404
    # Built on disk, not in memory: the person's files can add up to many megabytes.
    target = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    download_access_request(made, request.user, target)
    target.seek(0)
    return FileResponse(
        target,
        as_attachment=True,
        filename=f"registerutdrag-{made.pk}.zip",
        content_type="application/zip",
    )


def privacy(request: HttpRequest) -> HttpResponse:
    """How the portal handles personal data, with the retention plan's figures read from the
    settings, so the page cannot promise other times than the clearing keeps."""
    return render(request, "retention/privacy.html", {"kinds": registry.kinds()})
