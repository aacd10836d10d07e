from django.db import migrations

# A stored, GIN-indexed tsvector of each case's subject and description (PostgreSQL only; SQLite
# searches with LIKE). Kept by PostgreSQL itself on every insert and update, so no code path can
# forget it, and a search reads the stored words instead of parsing the text of each row it
# checks. It replaces the expression index case_fulltext from 0004.
ADD_COLUMN = (
    "ALTER TABLE liaison_case ADD COLUMN IF NOT EXISTS search_document tsvector "
    "GENERATED ALWAYS AS (to_tsvector('swedish'::regconfig, subject || ' ' || description)) STORED"
)
# fastupdate off: new cases go straight into the index instead of a pending list that every
# search reads linearly until autovacuum merges it (2.5 ms of a rare-word search after 100,000
# inserts in the benchmark). One case at a time is inserted, so the slower insert is not felt.
ADD_INDEX = (
    "CREATE INDEX IF NOT EXISTS case_search_document ON liaison_case USING GIN (search_document) "
    "WITH (fastupdate = off)"
)
OLD_INDEX = (
    "CREATE INDEX IF NOT EXISTS case_fulltext ON liaison_case USING GIN "
    "(to_tsvector('swedish'::regconfig, subject || ' ' || description))"
)


def add_search_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD_COLUMN)
        schema_editor.execute(ADD_INDEX)
        schema_editor.execute("DROP INDEX IF EXISTS case_fulltext")


def drop_search_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OLD_INDEX)
        schema_editor.execute("ALTER TABLE liaison_case DROP COLUMN IF EXISTS search_document")


class Migration(migrations.Migration):
    dependencies = [("liaison", "0005_case_meetings")]

    operations = [migrations.RunPython(add_search_document, drop_search_document)]
