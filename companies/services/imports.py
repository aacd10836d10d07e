"""The register import from the staff page: the upload is stored, a worker imports it, the page
shows its progress and then the report."""

import logging

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation

from companies.models import ImportStatus, RegisterImport
from companies.register_file import RegisterFileError
from companies.services.register_import import ImportReport, import_register

logger = logging.getLogger(__name__)
# The rejected rows a report keeps for the page; the counts always cover all of them.
REPORTED_REJECTIONS = 1_000


@transaction.atomic
def start_register_import(upload: UploadedFile, *, uploaded_by: User, language: str) -> RegisterImport:
    """Store the file and queue its import once this transaction commits."""
    register_import = RegisterImport.objects.create(
        file=upload,
        file_name=(upload.name or "")[:255],
        uploaded_by=uploaded_by,
        report={"language": language},
    )
    transaction.on_commit(lambda: _enqueue(register_import.pk))
    return register_import


def _enqueue(import_id: int) -> None:
    from companies.tasks import run_register_import

    try:
        run_register_import.delay(import_id)
    except Exception:  # noqa: BLE001 - any broker failure: the import stays queued and is started again
        logger.warning("Broker unreachable; register import %s stays queued", import_id, exc_info=True)


def report_data(report: ImportReport) -> dict[str, object]:
    """The report as the page shows it (text rendered in the uploader's language)."""
    return {
        "summary": report.summary(),
        "rejections": [
            [rejection.line, str(rejection.reason)] for rejection in report.rejections[:REPORTED_REJECTIONS]
        ],
        "duplicates": report.duplicates[:REPORTED_REJECTIONS],
        "duplicate_count": len(report.duplicates),
        "marked_missing": report.marked_missing,
    }


def run_register_import(import_id: int) -> bool:
    """Claim a queued import and run it; False when another worker has it or it is done."""
    claimed = RegisterImport.objects.filter(pk=import_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING
    )
    if not claimed:
        return False
    register_import = RegisterImport.objects.get(pk=import_id)
    language = str(register_import.report.get("language") or "sv")

    def progress(done: int, total: int) -> None:
        RegisterImport.objects.filter(pk=import_id).update(rows_done=done, rows_total=total)

    with translation.override(language):
        try:
            with register_import.file.open("rb") as handle:
                content = handle.read()
            report = import_register(content, progress=progress)
        except RegisterFileError as error:
            _finish(import_id, ImportStatus.FAILED, {"error": str(error.message)})
            return True
        except Exception:
            _finish(import_id, ImportStatus.FAILED, {"error": "unexpected"})
            raise
        _finish(import_id, ImportStatus.DONE, report_data(report))
    return True


def _finish(import_id: int, status: str, report: dict[str, object]) -> None:
    RegisterImport.objects.filter(pk=import_id).update(
        status=status, report=report, finished_at=timezone.now()
    )
