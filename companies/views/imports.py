"""The register import from a staff page: upload, then a progress bar that updates in place."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from companies.access import get_import_for, register_required
from companies.forms.imports import RegisterUploadForm
from companies.models import RegisterImport
from companies.services.imports import start_register_import
from karlshamn_portal.staff_request import StaffRequest

RECENT_IMPORTS = 10


@register_required
def import_register(request: StaffRequest) -> HttpResponse:
    form = RegisterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        register_import = start_register_import(
            form.cleaned_data["file"], uploaded_by=request.user, language=get_language() or "sv"
        )
        return redirect("companies:import-detail", register_import.pk)
    recent = RegisterImport.objects.select_related("uploaded_by")[:RECENT_IMPORTS]
    status = 400 if form.is_bound else 200
    return render(request, "companies/import.html", {"form": form, "recent": recent}, status=status)


@register_required
def import_detail(request: StaffRequest, pk: int) -> HttpResponse:
    return render(
        request, "companies/import_detail.html", {"register_import": get_import_for(request.user, pk)}
    )


@register_required
def import_progress(request: StaffRequest, pk: int) -> HttpResponse:
    """How far the import has got: polled by the import page (htmx) until it is done."""
    register_import = get_import_for(request.user, pk)
    return render(request, "companies/includes/import_progress.html", {"register_import": register_import})
