"""A register import whose worker died: the sweep marks it failed once its progress has not moved
for REGISTER_IMPORT_STALLED_AFTER_SECONDS, and its page asks for the file again, saying why that
is safe. tests/faults/test_import_worker_killed.py kills a real worker."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from companies.models import Company, ImportStatus, RegisterImport
from companies.services import imports
from companies.services.imports import fail_stalled_imports, run_register_import, start_register_import
from companies.services.register_import import import_register
from karlshamn_portal.celery import app
from tests.companies.factories import make_business_developer, register_file, register_row

pytestmark = pytest.mark.django_db

T0 = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def developer(db):
    return make_business_developer("nora")


@pytest.fixture(autouse=True)
def _fifteen_minutes(settings):
    settings.REGISTER_IMPORT_STALLED_AFTER_SECONDS = 15 * 60


def _upload(developer, rows: int = 3) -> RegisterImport:
    content = register_file([register_row(serial) for serial in range(1, rows + 1)])
    upload = SimpleUploadedFile("register.csv", content, content_type="text/csv")
    return start_register_import(upload, uploaded_by=developer, language="sv")


def _worker_dies_after(register_import: RegisterImport, *reports: tuple[int, timedelta]) -> None:
    """Run the import as a worker would, reporting (rows done, at T0 + offset) for each step,
    then stop it dead: no report, no status, as when the process is killed."""

    def dying_import(content: bytes, *, progress) -> None:  # type: ignore[no-untyped-def]
        for done, offset in reports:
            clock.move_to(T0 + offset)
            progress(done, 8_000)
        raise SystemExit  # what a worker's warm shutdown raises; a SIGKILL leaves the same rows

    with (
        freeze_time(T0) as clock,
        mock.patch.object(imports, "import_register", dying_import),
        pytest.raises(SystemExit),
    ):
        run_register_import(register_import.pk)


def _sweep_at(offset: timedelta) -> list[int]:
    with freeze_time(T0 + offset):
        return fail_stalled_imports()


def test_an_import_whose_progress_stopped_is_failed_once_the_time_has_passed(developer):
    register_import = _upload(developer)
    _worker_dies_after(register_import, (2_000, timedelta(0)))
    assert _sweep_at(timedelta(minutes=14)) == []
    assert RegisterImport.objects.get().status == ImportStatus.RUNNING

    assert _sweep_at(timedelta(minutes=15, seconds=1)) == [register_import.pk]
    register_import.refresh_from_db()
    assert register_import.status == ImportStatus.FAILED
    assert register_import.stalled
    assert register_import.finished_at == T0 + timedelta(minutes=15, seconds=1)
    # What it had done stays on the row for the page.
    assert (register_import.rows_done, register_import.rows_total) == (2_000, 8_000)
    assert _sweep_at(timedelta(hours=2)) == []


def test_an_import_whose_progress_keeps_moving_is_left_alone(developer):
    register_import = _upload(developer)
    _worker_dies_after(
        register_import, (0, timedelta(0)), (2_000, timedelta(minutes=10)), (4_000, timedelta(minutes=20))
    )
    # 30 minutes after the start, but only 10 since the last report.
    assert _sweep_at(timedelta(minutes=30)) == []
    assert RegisterImport.objects.get().status == ImportStatus.RUNNING
    assert _sweep_at(timedelta(minutes=35, seconds=1)) == [register_import.pk]


def test_queued_and_finished_imports_are_not_swept(developer):
    with freeze_time(T0):
        queued = _upload(developer)
        done = _upload(developer)
        run_register_import(done.pk)
    assert _sweep_at(timedelta(days=1)) == []
    assert RegisterImport.objects.get(pk=queued.pk).status == ImportStatus.QUEUED
    assert RegisterImport.objects.get(pk=done.pk).status == ImportStatus.DONE


def test_an_import_left_running_without_a_heartbeat_counts_from_its_upload(developer):
    # Imports started before workers reported a heartbeat.
    with freeze_time(T0):
        register_import = _upload(developer)
    RegisterImport.objects.filter(pk=register_import.pk).update(status=ImportStatus.RUNNING, report={})
    assert _sweep_at(timedelta(minutes=10)) == []
    assert _sweep_at(timedelta(minutes=16)) == [register_import.pk]


def test_a_slow_worker_given_up_by_the_sweep_stops_and_the_import_stays_failed(developer, monkeypatch):
    register_import = _upload(developer, rows=3)
    monkeypatch.setattr("companies.services.register_import.BATCH_SIZE", 1)
    batches = []

    def slow_import(content: bytes, *, progress) -> object:  # type: ignore[no-untyped-def]
        def reporting(done: int, total: int) -> None:
            batches.append(done)
            if done == 1:
                # The worker was stalled so long (a database lock, a frozen VM) that the sweep gave up.
                with freeze_time(datetime.now(UTC) + timedelta(hours=1)):
                    assert fail_stalled_imports() == [register_import.pk]
            progress(done, total)

        return import_register(content, progress=reporting)

    with mock.patch.object(imports, "import_register", slow_import):
        assert run_register_import(register_import.pk) is True
    register_import.refresh_from_db()
    assert register_import.stalled
    assert batches == [0, 1]  # it stopped at the first report after the sweep
    assert Company.objects.count() == 1  # the batch done before stays: uploading again is safe


def test_the_page_says_the_import_stopped_and_that_uploading_again_is_safe(client, developer):
    register_import = _upload(developer)
    _worker_dies_after(register_import, (2_000, timedelta(0)))
    _sweep_at(timedelta(minutes=16))
    client.force_login(developer)
    progress = client.get(reverse("companies:import-progress", args=[register_import.pk])).content.decode()
    assert "hx-get" not in progress  # the page stops polling
    assert "<progress" not in progress
    assert "Importen avbröts: den kom inte vidare på 15 minuter" in progress
    assert "2000 av 8000 företag hann importeras innan den avbröts." in progress.replace("\xa0", "")
    assert "Det är säkert att ladda upp filen igen" in progress
    assert f'href="{reverse("companies:import")}"' in progress
    page = client.get(reverse("companies:import-detail", args=[register_import.pk])).content.decode()
    assert "Importen avbröts" in page


def test_uploading_the_same_file_again_after_a_stalled_import_adds_no_company_twice(developer, monkeypatch):
    register_import = _upload(developer, rows=3)
    monkeypatch.setattr("companies.services.register_import.BATCH_SIZE", 2)

    def dies_after_the_first_batch(content: bytes, *, progress) -> object:  # type: ignore[no-untyped-def]
        def reporting(done: int, total: int) -> None:
            progress(done, total)
            if done == 2:
                raise SystemExit

        return import_register(content, progress=reporting)

    with mock.patch.object(imports, "import_register", dies_after_the_first_batch), pytest.raises(SystemExit):
        run_register_import(register_import.pk)
    assert Company.objects.count() == 2
    with freeze_time(datetime.now(UTC) + timedelta(minutes=16)):
        assert fail_stalled_imports() == [register_import.pk]

    again = _upload(developer, rows=3)
    run_register_import(again.pk)
    again.refresh_from_db()
    assert again.report["summary"] == {"new": 1, "updated": 0, "unchanged": 2, "rejected": 0}
    assert Company.objects.count() == 3


def test_the_sweep_is_on_the_beat_schedule_every_minute():
    (entry,) = [e for e in app.conf.beat_schedule.values() if e["task"] == "companies.sweep_register_imports"]
    assert entry["schedule"] == 60.0
    app.loader.import_default_modules()
    assert "companies.sweep_register_imports" in app.tasks


def test_an_upload_whose_hand_off_was_lost_is_started_by_the_sweep(
    monkeypatch, django_capture_on_commit_callbacks
):
    """The broker was down at upload: the import waits, then the sweep hands it over again and a
    worker imports it; one already handed over is not imported twice."""
    from companies import tasks
    from companies.services.imports import WAITING_RETRY, start_waiting_imports

    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    developer = make_business_developer("ulla")
    monkeypatch.setattr(tasks.run_register_import, "delay", broker_down)
    upload = SimpleUploadedFile("register.csv", register_file([register_row(1), register_row(2)]))
    with django_capture_on_commit_callbacks(execute=True):
        register_import = start_register_import(upload, uploaded_by=developer, language="sv")
    register_import.refresh_from_db()
    assert register_import.status == ImportStatus.QUEUED
    assert start_waiting_imports() == []  # not yet: its first hand-off may still be on its way
    monkeypatch.undo()
    RegisterImport.objects.filter(pk=register_import.pk).update(
        created_at=timezone.now() - WAITING_RETRY - timedelta(seconds=1)
    )
    assert tasks.sweep_register_imports() == 1
    register_import.refresh_from_db()
    assert register_import.status == ImportStatus.DONE
    assert register_import.report["summary"]["new"] == 2
    assert start_waiting_imports() == []
