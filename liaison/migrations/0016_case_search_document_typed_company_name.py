from django.db import migrations

# The stored search document of 0006 takes in the company name the submitter typed, which the
# case keeps beside the company record's (the dashboard's search finds a case by either: the
# record's through the company index, the typed one through this). A generated column's
# expression cannot be altered, so the column and its index are made again.
DOCUMENT = "to_tsvector('swedish'::regconfig, {})"
WITH_TYPED_NAME = DOCUMENT.format("subject || ' ' || description || ' ' || submitted_company_name")
WITHOUT = DOCUMENT.format("subject || ' ' || description")


def _search_document(schema_editor, expression: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS case_search_document")
    schema_editor.execute("ALTER TABLE liaison_case DROP COLUMN IF EXISTS search_document")
    schema_editor.execute(
        f"ALTER TABLE liaison_case ADD COLUMN search_document tsvector GENERATED ALWAYS AS ({expression}) STORED"
    )
    # fastupdate off, as in 0006: a new case goes straight into the index.
    schema_editor.execute(
        "CREATE INDEX case_search_document ON liaison_case USING GIN (search_document) WITH (fastupdate = off)"
    )


def add_typed_name(apps, schema_editor):
    _search_document(schema_editor, WITH_TYPED_NAME)


def remove_typed_name(apps, schema_editor):
    _search_document(schema_editor, WITHOUT)


class Migration(migrations.Migration):
    dependencies = [("liaison", "0015_anonymised_cases_personal_data_seen")]

    operations = [migrations.RunPython(add_typed_name, remove_typed_name)]
