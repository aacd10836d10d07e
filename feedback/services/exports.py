"""Staff exports as CSV or Excel: small ones answered at once, large ones (over ROW_LIMIT rows)
made by a worker and offered for download when ready.

A spreadsheet runs a cell that starts with =, +, - or @ as a formula; every text cell that
does is written with a leading apostrophe, so a company's typed text can never run as one.
"""

import csv
import io
import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from openpyxl import Workbook

from feedback.models import Export, ExportFormat, ExportKind, ExportStatus
from feedback.tables import Cell, case_export, survey_export
from feedback.tables import Export as Table
from liaison.models import PersonalDataSeenKind
from liaison.services.personal_data import record_personal_data_seen

logger = logging.getLogger(__name__)

ROW_LIMIT = 10_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def neutralised(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def as_csv(headings: list[str], rows: Iterable[list[Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralised(heading) for heading in headings])
    for row in rows:
        writer.writerow(["" if cell is None else neutralised(cell) for cell in row])
    # The byte-order mark makes Excel read the file as UTF-8 (å, ä, ö).
    return "\ufeff".encode() + buffer.getvalue().encode()


def as_xlsx(headings: list[str], rows: Iterable[list[Cell]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([neutralised(heading) for heading in headings])
    for row in rows:
        sheet.append([neutralised(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render(table: Table, file_format: str) -> bytes:
    writer = as_xlsx if file_format == ExportFormat.XLSX else as_csv
    return writer(table.headings, table.rows)


def table_for(kind: str, query: str, user: object) -> Table:
    return survey_export() if kind == ExportKind.SURVEY else case_export(query, user)


def record_export_seen(user: Any, kind: str, rows: int) -> None:
    """Both exports hold personal fields (the cases' contact names, the answers' comments), so
    each file handed to a member of staff is recorded in the record of who saw personal data."""
    record_personal_data_seen(user, PersonalDataSeenKind.EXPORT, what=f"{ExportKind(kind).label}: {rows}")


def file_name(kind: str, file_format: str, now: datetime) -> str:
    return f"{kind}-{now:%Y%m%d-%H%M}.{file_format}"


@transaction.atomic
def request_export(user: object, kind: str, file_format: str, query: str) -> Export:
    """A large export, made by a worker once this commits."""
    from feedback.tasks import make_export

    export = Export.objects.create(requested_by=user, kind=kind, file_format=file_format, query=query[:1000])
    transaction.on_commit(lambda: _enqueue(make_export, export.pk))
    return export


def _enqueue(task: Any, export_id: int) -> None:
    try:
        task.delay(export_id)
    except Exception:  # noqa: BLE001 - any broker failure; the sweep makes it later
        logger.warning("Broker unreachable; export %s waits for the sweep", export_id, exc_info=True)


# An export no worker took this long after it was asked for was lost with the broker.
SWEEP_AFTER = timedelta(minutes=2)


def make_unclaimed_exports(now: datetime | None = None) -> int:
    """The periodic sweep: make the exports whose task never ran."""
    now = now or timezone.now()
    waiting = Export.objects.filter(status=ExportStatus.QUEUED, started_at__isnull=True)
    ids = list(waiting.filter(created_at__lt=now - SWEEP_AFTER).values_list("pk", flat=True)[:20])
    return sum(make_export(export_id) for export_id in ids)


def make_export(export_id: int) -> bool:
    """The worker's part: claim the export, build the file and mark it ready (or failed). A
    task run twice, or the sweep beside it, makes it once."""
    claimed = Export.objects.filter(pk=export_id, status=ExportStatus.QUEUED, started_at__isnull=True).update(
        started_at=timezone.now()
    )
    if not claimed:
        return False
    export = Export.objects.select_related("requested_by").get(pk=export_id)
    try:
        with translation.override("sv"):
            table = table_for(export.kind, export.query, export.requested_by)
            content = render(table, export.file_format)
    except Exception:
        logger.exception("Export %s failed", export_id)
        Export.objects.filter(pk=export_id).update(status=ExportStatus.FAILED, finished_at=timezone.now())
        return False
    export.file.save(
        file_name(export.kind, export.file_format, export.created_at), ContentFile(content), save=False
    )
    export.rows = table.count
    export.status = ExportStatus.DONE
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "rows", "status", "finished_at"])
    return True
