from django.db import migrations, models

# The register search and the dashboard's company half match `name__icontains`, which PostgreSQL
# reads as UPPER(name) LIKE '%…%': a trigram index on that expression answers it without reading
# every company. SQLite has no such index and reads them all.
NAME_TRIGRAM_INDEX = (
    "CREATE INDEX IF NOT EXISTS company_name_trigram ON liaison_company USING GIN "
    "((UPPER(name::text)) gin_trgm_ops)"
)


# Each size class's register companies unmet the longest first (never met first, then by name):
# the goal gaps, the start page's suggestions and the "never met" list read a few entries of it
# per class (companies.coverage.longest_unmet_per_class). SQLite allows no NULLS FIRST in an
# index, and its small development register needs none.
LONGEST_UNMET_INDEX = (
    "CREATE INDEX IF NOT EXISTS company_class_longest_unmet ON liaison_company "
    "(size_class, last_met_at ASC NULLS FIRST, name, id) WHERE in_latest_register"
)


def create_postgresql_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(NAME_TRIGRAM_INDEX)
        schema_editor.execute(LONGEST_UNMET_INDEX)


def drop_postgresql_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS company_name_trigram")
        schema_editor.execute("DROP INDEX IF EXISTS company_class_longest_unmet")


def fill_last_met(apps, schema_editor):
    # The rule of what counts as meeting a company lives in one place, companies.last_met; it
    # reads and writes only the columns this migration adds, so it runs here as it is.
    from companies.last_met import refresh_last_met

    refresh_last_met()


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0004_register_imports_and_leaving_the_register"),
        # fill_last_met reads cases, case meetings, invitations and forum meetings.
        ("liaison", "0015_anonymised_cases_personal_data_seen"),
        ("meetings", "0002_reminders_lead_time_and_recurrence"),
        ("forum", "0003_minutes_mailing_file_type_confirmation_sent"),
    ]

    operations = [
        migrations.AddField(
            model_name="company",
            name="last_case_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="last case"),
        ),
        migrations.AddField(
            model_name="company",
            name="last_forum_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="last forum attendance"
            ),
        ),
        migrations.AddField(
            model_name="company",
            name="last_meeting_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="last coordinated meeting"
            ),
        ),
        migrations.AddField(
            model_name="company",
            name="last_met_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="last met"),
        ),
        migrations.AddField(
            model_name="company",
            name="last_visit_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="last visit held"),
        ),
        migrations.AddIndex(
            model_name="company",
            index=models.Index(fields=["last_met_at"], name="company_last_met"),
        ),
        migrations.RemoveIndex(model_name="visit", name="visit_not_followed_up"),
        migrations.AddIndex(
            model_name="visit",
            index=models.Index(
                condition=models.Q(("followed_up_at__isnull", True), ("status", "held")),
                fields=["recorded_at", "id"],
                name="visit_not_followed_up",
            ),
        ),
        migrations.AddIndex(
            model_name="visit",
            index=models.Index(
                condition=models.Q(("status", "planned")), fields=["meeting"], name="visit_planned"
            ),
        ),
        migrations.RunPython(fill_last_met, migrations.RunPython.noop),
        migrations.RunPython(create_postgresql_indexes, drop_postgresql_indexes),
    ]
