"""Staff exports: the dashboard's filtered list and the survey answers, as CSV or Excel. Up to
ROW_LIMIT rows come at once; more are made by a worker and wait on the exports page."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from feedback.access import get_export_for
from feedback.models import Export, ExportFormat, ExportKind, ExportStatus
from feedback.services.exports import (
    CONTENT_TYPES,
    ROW_LIMIT,
    file_name,
    record_export_seen,
    request_export,
    table_for,
)
from feedback.services.exports import render as render_table
from karlshamn_portal.staff_request import StaffRequest
from liaison.views.staff.common import liaison_required


def _format(value: str) -> str:
    if value not in ExportFormat.values:
        raise Http404
    return value


@liaison_required
def export(request: StaffRequest, kind: str, file_format: str) -> HttpResponse:
    """The export itself, or, for more than ROW_LIMIT rows, a task and the page that offers it."""
    if kind not in ExportKind.values:
        raise Http404
    file_format = _format(file_format)
    query = request.GET.urlencode()
    table = table_for(kind, query, request.user)
    if table.count > ROW_LIMIT:
        request_export(request.user, kind, file_format, query)
        return redirect("feedback:exports")
    content = render_table(table, file_format)
    record_export_seen(request.user, kind, table.count)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    name = file_name(kind, file_format, timezone.localtime())
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@liaison_required
def export_list(request: StaffRequest) -> HttpResponse:
    exports = Export.objects.filter(requested_by=request.user)[:20]
    return render(request, "feedback/exports.html", {"exports": exports, "row_limit": ROW_LIMIT})


@liaison_required
def export_download(request: StaffRequest, export_id: int) -> HttpResponse:
    export = get_export_for(request.user, export_id)
    if export.status != ExportStatus.DONE or not export.file:
        raise Http404
    record_export_seen(request.user, export.kind, export.rows)
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=file_name(export.kind, export.file_format, timezone.localtime(export.created_at)),
        content_type=CONTENT_TYPES[ExportFormat(export.file_format)],
    )
