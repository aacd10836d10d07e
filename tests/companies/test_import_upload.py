"""The register import from the staff page: upload, a worker imports it, the progress and the report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from companies.models import Company, ImportStatus, RegisterImport
from companies.services.imports import run_register_import, start_register_import
from tests.companies.factories import HEADER, make_business_developer, register_file, register_row
from tests.factories import make_official

pytestmark = pytest.mark.django_db


def csv_upload(content: bytes, name: str = "register.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_a_business_developer_uploads_the_register_and_reads_the_report(
    client, django_capture_on_commit_callbacks
):
    client.force_login(make_business_developer())
    content = register_file([register_row(1), register_row(2, number="556016-0681")])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("companies:import"), {"file": csv_upload(content)})
    register_import = RegisterImport.objects.get()
    assert response.url == reverse("companies:import-detail", args=[register_import.pk])
    assert register_import.status == ImportStatus.DONE
    assert register_import.report["summary"] == {"new": 1, "updated": 0, "unchanged": 0, "rejected": 1}
    page = client.get(response.url).content.decode()
    assert "hx-get" not in page  # done: the page stops polling
    assert "<td>3</td>" in page  # the rejected row's line
    assert Company.objects.count() == 1


def test_the_progress_endpoint_shows_how_far_the_import_got(client):
    user = make_business_developer()
    client.force_login(user)
    register_import = start_register_import(
        csv_upload(register_file([register_row(3)])), uploaded_by=user, language="sv"
    )
    url = reverse("companies:import-progress", args=[register_import.pk])
    waiting = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in waiting
    assert "<progress" in waiting
    RegisterImport.objects.filter(pk=register_import.pk).update(
        status=ImportStatus.RUNNING, rows_done=2_000, rows_total=8_000
    )
    running = client.get(url).content.decode()
    assert 'value="25"' in running
    assert "2000" in running.replace("\xa0", "").replace(" ", "")


def test_a_second_worker_never_imports_the_same_file_again(db):
    user = make_business_developer()
    register_import = start_register_import(
        csv_upload(register_file([register_row(4)])), uploaded_by=user, language="sv"
    )
    assert run_register_import(register_import.pk) is True
    assert run_register_import(register_import.pk) is False
    assert Company.objects.count() == 1


def test_a_file_missing_columns_fails_with_the_names_and_imports_nothing(client):
    user = make_business_developer()
    client.force_login(user)
    header = [column for column in HEADER if column != "Postort"]
    row = register_row(5)
    del row[7]
    register_import = start_register_import(
        csv_upload(register_file([row], header=header)), uploaded_by=user, language="en"
    )
    run_register_import(register_import.pk)
    register_import.refresh_from_db()
    assert register_import.status == ImportStatus.FAILED
    assert "Postort" in register_import.report["error"]
    assert not Company.objects.exists()


def test_an_empty_upload_is_refused_next_to_the_field(client):
    client.force_login(make_business_developer())
    response = client.post(reverse("companies:import"), {"file": csv_upload(b"")})
    assert response.status_code == 400
    assert not RegisterImport.objects.exists()


def test_a_60_mb_upload_is_refused(client):
    client.force_login(make_business_developer())
    big = csv_upload(b"x" * (60 * 1024 * 1024))
    response = client.post(reverse("companies:import"), {"file": big})
    assert response.status_code in (400, 413)
    assert not RegisterImport.objects.exists()


def test_officials_may_not_import(client, building_department):
    client.force_login(make_official("bo", building_department))
    assert client.get(reverse("companies:import")).status_code == 403
