"""The README's backup and restore, done: pg_dump of the test database, pg_restore into a new
database, and a case opened there with its timeline and company."""

import os
import shutil
import subprocess
import uuid

import psycopg2
import pytest
from django.db import connection

from tests.conftest import need
from tests.liaison.factories import make_case, make_company


def _client_environment(settings: dict) -> tuple[list[str], dict[str, str]]:
    arguments = ["--host", settings["HOST"] or "localhost", "--port", str(settings["PORT"] or 5432)]
    if settings["USER"]:
        arguments += ["--username", settings["USER"]]
    environment = {**os.environ}
    if settings["PASSWORD"]:
        environment["PGPASSWORD"] = settings["PASSWORD"]
    return arguments, environment


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_a_dump_of_the_database_restores_into_a_new_one_where_a_case_opens(tmp_path):
    for program in ("pg_dump", "pg_restore", "createdb", "dropdb"):
        need(shutil.which(program) is not None, f"needs {program} (apt-get install postgresql-client)")
    case = make_case(make_company("Hamnbageriet AB"), contact_name="Karin Bagare")
    settings = connection.settings_dict
    arguments, environment = _client_environment(settings)
    dump = tmp_path / "portal.dump"
    subprocess.run(  # noqa: S603 - fixed programs, arguments from the test settings
        ["pg_dump", *arguments, "--format=custom", "--file", str(dump), settings["NAME"]],  # noqa: S607
        check=True,
        env=environment,
    )
    restored = f"{settings['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", *arguments, restored], check=True, env=environment)  # noqa: S603,S607
    try:
        subprocess.run(  # noqa: S603
            ["pg_restore", *arguments, "--no-owner", "--dbname", restored, str(dump)],  # noqa: S607
            check=True,
            env=environment,
        )
        # The test runner allows no second Django database, so the restored one is read directly.
        with (
            psycopg2.connect(
                dbname=restored,
                host=settings["HOST"] or "localhost",
                port=settings["PORT"] or 5432,
                user=settings["USER"] or None,
                password=settings["PASSWORD"] or None,
            ) as there,
            there.cursor() as cursor,
        ):
            cursor.execute(
                "SELECT c.contact_name, co.name, (SELECT count(*) FROM liaison_caseevent e WHERE e.case_id = c.id)"
                " FROM liaison_case c JOIN liaison_company co ON co.id = c.company_id WHERE c.reference = %s",
                [case.reference],
            )
            assert cursor.fetchone() == ("Karin Bagare", "Hamnbageriet AB", case.events.count())
        there.close()
    finally:
        subprocess.run(["dropdb", *arguments, "--if-exists", restored], check=True, env=environment)  # noqa: S603,S607
