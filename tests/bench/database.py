"""The benchmark's (and the load test's) own database, beside the one in DATABASE_URL so demo
data is untouched: `<name>_bench` on PostgreSQL, var/bench.sqlite3 otherwise. Recreated on
every run."""

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]


def prepare(suffix: str = "bench") -> str:
    """Create a fresh database `<name>_<suffix>`, point DATABASE_URL at it and return a label.

    Runs before Django is set up."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg2

        parts = urlsplit(url)
        name = f"{parts.path.lstrip('/')}_{suffix}"
        admin = psycopg2.connect(
            dbname="postgres",
            user=parts.username,
            password=parts.password,
            host=parts.hostname,
            port=parts.port or 5432,
        )
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
        return f"PostgreSQL {name}"
    path = ROOT / "var" / f"{suffix}.sqlite3"
    path.parent.mkdir(exist_ok=True)
    for leftover in path.parent.glob(f"{suffix}.sqlite3*"):
        leftover.unlink()
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return f"SQLite {path.relative_to(ROOT)}"
