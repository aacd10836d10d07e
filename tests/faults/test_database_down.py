"""The database goes away: before a request, and in the middle of a write."""

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg2
import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from liaison.models import Department
from tests.factories import make_user
from tests.faults.smtp import free_port

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


def test_a_write_cut_off_by_a_lost_database_connection_leaves_nothing_half_saved(transactional_db):
    # The admin saves the department, then its log entry, in one transaction: the session dies
    # between the two.
    admin = make_user("ada", is_staff=True, is_superuser=True)
    client = Client(raise_request_exception=False)
    client.force_login(admin)
    form = {
        "name_sv": "Hamnen",
        "name_en": "The port",
        "slug": "hamnen",
        "kind": "municipal_company",
        "referral_working_days": "5",
        "is_active": "on",
    }
    with connection.execute_wrapper(kill_own_connection_before("django_admin_log")):
        response = client.post(reverse("admin:liaison_department_add"), form)

    assert response.status_code == 500
    assert CLEAN_ERROR in response.content.decode()
    assert not Department.objects.filter(slug="hamnen").exists()

    # Once the database answers again the same form saves normally.
    response = client.post(reverse("admin:liaison_department_add"), form)
    assert response.status_code == 302
    assert Department.objects.filter(slug="hamnen").count() == 1
