"""The register import from the staff page: the upload is stored, a worker imports it, the page
shows its progress and then the report."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation

from companies.models import ImportStatus, RegisterImport
from companies.models.imports import STALLED
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
    except Exception:  # noqa: BLE001 - any broker failure: the import stays queued; the sweep hands it over again
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


class ImportAbandoned(Exception):
    """The sweep failed this import while its worker was still at it: the worker stops."""


def _running_report(language: str) -> dict[str, object]:
    # Every progress report renews the heartbeat the sweep reads (RegisterImport.progress_at).
    return {"language": language, "progress_at": timezone.now().isoformat()}


def run_register_import(import_id: int) -> bool:
    """Claim a queued import and run it; False when another worker has it or it is done."""
    register_import = RegisterImport.objects.filter(pk=import_id, status=ImportStatus.QUEUED).first()
    if register_import is None:
        return False
    language = str(register_import.report.get("language") or "sv")
    claimed = RegisterImport.objects.filter(pk=import_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, report=_running_report(language)
    )
    if not claimed:
        return False

    def progress(done: int, total: int) -> None:
        moved = RegisterImport.objects.running().filter(pk=import_id)
        if not moved.update(rows_done=done, rows_total=total, report=_running_report(language)):
            raise ImportAbandoned

    with translation.override(language):
        try:
            with register_import.file.open("rb") as handle:
                content = handle.read()
            report = import_register(content, progress=progress)
        except ImportAbandoned:
            # What it imported stays (each batch is its own transaction): uploading again is safe.
            logger.warning("Register import %s was given up by the sweep; its worker stops", import_id)
            return True
        except RegisterFileError as error:
            _finish(import_id, ImportStatus.FAILED, {"error": str(error.message)})
            return True
        except Exception:
            _finish(import_id, ImportStatus.FAILED, {"error": "unexpected"})
            raise
        _finish(import_id, ImportStatus.DONE, report_data(report))
    return True


def _finish(import_id: int, status: str, report: dict[str, object]) -> None:
    # Only a running import finishes: one the sweep failed stays failed, as the page said.
    RegisterImport.objects.running().filter(pk=import_id).update(
        status=status, report=report, finished_at=timezone.now()
    )


def fail_stalled_imports() -> list[int]:
    """Fail the running imports whose progress has not moved for
    REGISTER_IMPORT_STALLED_AFTER_SECONDS: their worker died (killed, restarted, out of memory)
    and nothing else will finish them. The page then asks for the file again, which is safe, as
    the import upserts by organisationsnummer. Returns the ids of the imports failed."""
    now = timezone.now()
    stalled_after = timedelta(seconds=settings.REGISTER_IMPORT_STALLED_AFTER_SECONDS)
    failed = []
    # Running imports are a handful (one per upload in progress): each is looked at here.
    for register_import in RegisterImport.objects.running():
        if now - register_import.progress_at < stalled_after:
            continue
        # Only with the report as read: a worker that reported progress meanwhile keeps its import.
        gave_up = RegisterImport.objects.running().filter(
            pk=register_import.pk, report=register_import.report
        )
        report = {"error": STALLED, "stalled_minutes": max(1, round(stalled_after.total_seconds() / 60))}
        if gave_up.update(status=ImportStatus.FAILED, report=report, finished_at=now):
            logger.warning(
                "Register import %s made no progress for %s; marked failed", register_import.pk, stalled_after
            )
            failed.append(register_import.pk)
    return failed


# A queued import is handed to the broker again after this long: its first hand-off was lost
# (the broker was down at upload) or its worker never took it. The task claims its row, so a
# second hand-off of an import already under way does nothing.
WAITING_RETRY = timedelta(minutes=5)


def start_waiting_imports() -> list[int]:
    """Hand the imports still waiting to start after WAITING_RETRY to the broker again."""
    waiting = RegisterImport.objects.filter(
        status=ImportStatus.QUEUED, created_at__lt=timezone.now() - WAITING_RETRY
    ).values_list("pk", flat=True)
    handed = list(waiting)
    for import_id in handed:
        _enqueue(import_id)
    return handed
