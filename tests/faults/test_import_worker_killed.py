"""A worker dies (SIGKILL) in the middle of a register import: the sweep marks the import failed,
its page asks for the file again, and the file uploaded again imports the rest."""

import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse

from companies.models import Company, ImportStatus, RegisterImport
from companies.services.imports import fail_stalled_imports, start_register_import
from tests.companies.factories import (
    make_business_developer,
    make_register_company,
    register_file,
    register_row,
)
from tests.faults.worker import wait_for

pytestmark = [pytest.mark.postgresql, pytest.mark.redis]

ROWS = 4_000  # two batches of 2,000


def _upload(user) -> RegisterImport:  # type: ignore[no-untyped-def]
    content = register_file([register_row(serial) for serial in range(1, ROWS + 1)])
    upload = SimpleUploadedFile("foretagsregister.csv", content, content_type="text/csv")
    with transaction.atomic():  # committed, so the worker sees it and the task is sent
        return start_register_import(upload, uploaded_by=user, language="sv")


def _waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_an_import_whose_worker_was_killed_is_failed_by_the_sweep_and_can_be_uploaded_again(
    transactional_db, start_worker, settings, client
):
    user = make_business_developer("nora")
    # A company the file's second batch changes. The test holds its row, so the worker is
    # caught inside that batch, after reporting the first: a kill there is mid-import for sure.
    held = make_register_company(3_000, name="Gammalt namn AB")
    holding, release = threading.Event(), threading.Event()

    def hold_the_row() -> None:
        try:
            with transaction.atomic():
                Company.objects.select_for_update().get(pk=held.pk)
                holding.set()
                release.wait(60)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    try:
        assert holding.wait(10)
        worker = start_worker()
        register_import = _upload(user)
        wait_for(
            lambda: RegisterImport.objects.filter(pk=register_import.pk, rows_done=2_000).exists(),
            60,
            "the first batch",
        )
        wait_for(_waiting_on_a_lock, 30, "the worker to reach the held row")
        worker.kill()
    finally:
        release.set()
        holder.join(timeout=30)

    register_import.refresh_from_db()
    assert register_import.status == ImportStatus.RUNNING
    assert (register_import.rows_done, register_import.rows_total) == (2_000, ROWS)
    # Within the limit the import still belongs to its (dead) worker.
    assert fail_stalled_imports() == []

    settings.REGISTER_IMPORT_STALLED_AFTER_SECONDS = 1
    time.sleep(1.2)
    assert fail_stalled_imports() == [register_import.pk]
    register_import.refresh_from_db()
    assert register_import.status == ImportStatus.FAILED
    client.force_login(user)
    page = client.get(reverse("companies:import-detail", args=[register_import.pk])).content.decode()
    assert "Importen avbröts" in page and "Det är säkert att ladda upp filen igen" in page
    assert "hx-get" not in page

    # The first batch stayed, the second was rolled back with the dead worker's transaction.
    wait_for(lambda: Company.objects.count() == 2_001, 20, "the dead worker's transaction to end")
    start_worker()
    again = _upload(user)
    wait_for(
        lambda: RegisterImport.objects.filter(pk=again.pk, status=ImportStatus.DONE).exists(),
        60,
        "the second upload",
    )
    again.refresh_from_db()
    assert again.report["summary"] == {"new": 1_999, "updated": 1, "unchanged": 2_000, "rejected": 0}
    assert Company.objects.count() == ROWS
    assert fail_stalled_imports() == []
