from django.db import migrations

# The dashboard search's partial references (liaison.queries.search_case_ids): a reference that
# ends with the typed digits ("0006") is found as reverse(reference) LIKE '6000%', which this
# index serves; one that starts with them uses the reference's own LIKE index. PostgreSQL only:
# SQLite searches with LIKE over the table.
ADD_INDEX = (
    "CREATE INDEX IF NOT EXISTS case_reference_suffix ON liaison_case "
    "(reverse(reference) varchar_pattern_ops)"
)


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD_INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS case_reference_suffix")


class Migration(migrations.Migration):
    dependencies = [("liaison", "0006_case_search_document")]

    operations = [migrations.RunPython(add_index, drop_index)]
