"""The company model moves from liaison to this app; the table (liaison_company) stays as it is.

Only Django's picture of the models changes: liaison's 0014 drops its Company from the state
after this one adds it here, so no row is copied and no foreign key is rebuilt.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("liaison", "0013_link_requests")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Company",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="company name")),
                        (
                            "organisation_number",
                            models.CharField(max_length=11, unique=True, verbose_name="organisationsnummer"),
                        ),
                        ("is_sole_trader", models.BooleanField(default=False, verbose_name="sole trader")),
                        ("address", models.CharField(blank=True, max_length=300, verbose_name="address")),
                        ("industry", models.CharField(blank=True, max_length=150, verbose_name="industry")),
                        (
                            "size_class",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("0", "No employees"),
                                    ("1-9", "1–9 employees"),
                                    ("10-49", "10–49 employees"),
                                    ("50-249", "50–249 employees"),
                                    ("250+", "250 or more employees"),
                                ],
                                max_length=10,
                                verbose_name="size",
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                    ],
                    options={
                        "verbose_name": "company",
                        "verbose_name_plural": "companies",
                        "ordering": ["name"],
                        "db_table": "liaison_company",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
