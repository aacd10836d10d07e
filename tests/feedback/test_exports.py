"""Staff exports: the dashboard's filtered list and the survey answers as CSV and Excel, with
personnummer masked and formula-looking cells neutralised; a large export becomes a task."""

import csv
import io

import pytest
from openpyxl import load_workbook

from feedback.models import Export, ExportStatus
from feedback.services import exports as export_services
from liaison.models import Case, CaseStatus
from tests.factories import make_liaison, make_official
from tests.feedback.factories import answered, surveyed_case
from tests.liaison.factories import make_case, make_company

SOLE_TRADER = "19811218-9876"  # a made-up personnummer with a valid check digit


@pytest.fixture
def lina_client(client, db):
    client.force_login(make_liaison("lina"))
    return client


def csv_rows(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list[object]]:  # type: ignore[no-untyped-def]
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def cases(db):
    sole = make_company('=HYPERLINK("http://evil.example")', "811218-9876", is_sole_trader=True)
    make_case(sole, subject="Lokal", contact_name="@Kalle")
    make_case(make_company("Hamnbageriet AB"), contact_name="+46 Anna")
    closed = make_case(make_company("Stängt AB"))
    Case.objects.filter(pk=closed.pk).update(status=CaseStatus.CLOSED)


def test_the_dashboard_list_as_csv_masks_the_personnummer_and_neutralises_formulas(lina_client, cases):
    response = lina_client.get("/feedback/export/cases.csv")
    assert response["Content-Disposition"].startswith('attachment; filename="cases-')
    rows = csv_rows(response)
    assert rows[0][:3] == ["Ärendenummer", "Mottaget", "Status"]
    assert len(rows) == 3  # the open cases, as the dashboard lists them by default
    body = response.content.decode("utf-8-sig")
    assert "811218-****" in body and "9876" not in body
    assert "'=HYPERLINK" in body and "'@Kalle" in body and "'+46 Anna" in body
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_the_dashboard_filters_carry_over_to_the_export(lina_client, cases):
    rows = csv_rows(lina_client.get("/feedback/export/cases.csv?status=all&q=Stängt"))
    assert [row[3] for row in rows[1:]] == ["Stängt AB"]


def test_the_dashboard_list_as_excel_has_no_formula_cells(lina_client, cases):
    rows = xlsx_rows(lina_client.get("/feedback/export/cases.xlsx"))
    cells = [cell for row in rows for cell in row if isinstance(cell, str)]
    assert "811218-****" in cells
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)


def test_survey_answers_export_with_the_comment_neutralised(lina_client, db):
    answered(surveyed_case(), 9, 8, 7, comment="-1+1 tyckte vi", treatment=10)
    rows = csv_rows(lina_client.get("/feedback/export/survey.csv"))
    assert rows[0][-1] == "Kommentar"
    assert rows[1][-1] == "'-1+1 tyckte vi"
    assert rows[1][7:10] == ["9", "8", "7"]
    assert rows[1][-2] == "78"  # 100 × (8 − 1) / 9 = 77.8
    xlsx = xlsx_rows(lina_client.get("/feedback/export/survey.xlsx"))
    assert xlsx[1][7:10] == [9, 8, 7]


def test_an_export_over_the_limit_is_made_by_a_task_and_offered_when_ready(
    lina_client, cases, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("feedback.views.exports.ROW_LIMIT", 2)
    with django_capture_on_commit_callbacks(execute=True):
        response = lina_client.get("/feedback/export/cases.xlsx?status=all")
    assert response.status_code == 302 and response["Location"] == "/feedback/exports/"
    export = Export.objects.get()
    assert export.status == ExportStatus.DONE and export.rows == 3
    page = lina_client.get("/feedback/exports/").content.decode()
    assert f"/feedback/exports/{export.pk}/download/" in page
    download = lina_client.get(f"/feedback/exports/{export.pk}/download/")
    rows = xlsx_rows(type("R", (), {"content": b"".join(download.streaming_content)}))
    assert len(rows) == 4


def test_a_task_run_twice_makes_the_export_once(cases, db):
    lina = make_liaison("lina")
    export = Export.objects.create(requested_by=lina, kind="cases", file_format="csv")
    assert export_services.make_export(export.pk) is True
    assert export_services.make_export(export.pk) is False


def test_nobody_but_the_requester_downloads_an_export(client, cases, db):
    lina = make_liaison("lina")
    export = Export.objects.create(requested_by=lina, kind="cases", file_format="csv")
    export_services.make_export(export.pk)
    client.force_login(make_liaison("lars"))
    assert client.get(f"/feedback/exports/{export.pk}/download/").status_code == 403
    client.force_login(make_official("olle"))
    assert client.get(f"/feedback/exports/{export.pk}/download/").status_code == 403
