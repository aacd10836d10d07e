"""Company now lives in the companies app (its 0001 took it over); the table stays liaison_company,
so this changes only Django's picture: the case's foreign key points at companies.Company."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("liaison", "0013_link_requests"),
        ("companies", "0001_company_from_liaison"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="case",
                    name="company",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="cases",
                        to="companies.company",
                        verbose_name="company",
                    ),
                ),
                migrations.DeleteModel(name="Company"),
            ],
            database_operations=[],
        ),
    ]
