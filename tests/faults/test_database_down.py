"""The database goes away: before a request, and in the middle of a write."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg2
import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from companies.models import Company
from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import Attachment, Case, CaseEvent, ReferenceCounter
from tests.factories import make_user
from tests.faults.smtp import free_port
from tests.faults.submission import request_form

pytestmark = pytest.mark.postgresql

CLEAN_ERROR = "Något gick fel"


@contextmanager
def database_unreachable() -> Iterator[None]:
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = free_port()
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port


def kill_own_connection_before(table: str):  # type: ignore[no-untyped-def]
    """An execute wrapper that terminates this process's database session just before the first
    statement that writes `table`, as when the server restarts mid-request."""
    db = connection.settings_dict

    def wrapper(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        if sql.startswith("INSERT") and f'"{table}"' in sql:
            pid = context["connection"].connection.get_backend_pid()
            killer = psycopg2.connect(
                dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"]
            )
            killer.autocommit = True
            with killer.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            killer.close()
        return execute(sql, params, many, context)

    return wrapper


def test_with_the_database_unreachable_pages_show_a_clean_error_and_health_says_503(transactional_db):
    client = Client(raise_request_exception=False)
    client.force_login(make_user("lina", "Liaison officers"))
    with database_unreachable():
        page = client.get(reverse("outbox"))
        health = client.get(reverse("health"))

    assert page.status_code == 500
    text = page.content.decode()
    assert CLEAN_ERROR in text and "Traceback" not in text and "OperationalError" not in text
    assert health.status_code == 503
    assert health.json()["database"] == "unreachable"

    assert client.get(reverse("health")).status_code == 200, "the portal recovers by itself"
    assert client.get(reverse("outbox")).status_code == 200


def test_a_submission_cut_off_by_a_lost_database_connection_leaves_nothing_half_saved(
    transactional_db, settings
):
    make_user("lina", "Liaison officers")
    client = Client(raise_request_exception=False)
    files_before = set(Path(settings.MEDIA_ROOT).rglob("*"))
    # The case, its first event and its file are written; the session dies as the e-mails are.
    with connection.execute_wrapper(kill_own_connection_before("outbox_outboxmessage")):
        response = client.post(reverse("case-new"), request_form(with_file=True))

    assert response.status_code == 500
    assert CLEAN_ERROR in response.content.decode()
    for model in (Company, Case, CaseEvent, Attachment, OutboxMessage, ReferenceCounter):
        assert not model.objects.exists(), f"{model.__name__} half-saved"
    left_behind = {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()} - files_before
    assert not left_behind, "the uploaded file was left behind"

    # Once the database answers again the same request is stored whole.
    response = client.post(reverse("case-new"), request_form(with_file=True))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.events.count() == 1 and case.attachments.count() == 1
    assert OutboxMessage.objects.count() == 2
