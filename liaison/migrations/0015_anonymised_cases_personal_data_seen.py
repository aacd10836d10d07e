import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """The retention plan's anonymised cases, and the personnummer reveal log widened into the
    record of who saw personal data (its rows become personnummer entries)."""

    dependencies = [
        ("liaison", "0014_company_moves_to_companies"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="anonymised_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="anonymised"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("anonymised_at__isnull", True), ("status", "closed")),
                fields=["closed_at"],
                name="case_closed_not_anonymised",
            ),
        ),
        migrations.RenameModel(old_name="PersonnummerReveal", new_name="PersonalDataSeen"),
        migrations.RenameField(model_name="personaldataseen", old_name="revealed_at", new_name="seen_at"),
        migrations.AlterModelOptions(
            name="personaldataseen",
            options={
                "ordering": ["-seen_at", "-id"],
                "verbose_name": "personal data seen",
                "verbose_name_plural": "personal data seen",
            },
        ),
        migrations.AddField(
            model_name="personaldataseen",
            name="kind",
            field=models.CharField(
                choices=[
                    ("personnummer", "Personnummer shown in full"),
                    ("attachment", "Attachment opened"),
                    ("export", "Personal data exported"),
                    ("access_request_download", "Access request downloaded"),
                ],
                default="personnummer",
                max_length=30,
                verbose_name="what happened",
            ),
        ),
        migrations.AddField(
            model_name="personaldataseen",
            name="what",
            field=models.CharField(blank=True, max_length=200, verbose_name="what was seen"),
        ),
        migrations.AlterField(
            model_name="personaldataseen",
            name="case",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="liaison.case",
                verbose_name="case",
            ),
        ),
        migrations.AlterField(
            model_name="personaldataseen",
            name="user_name",
            field=models.CharField(max_length=150, verbose_name="seen by"),
        ),
        migrations.AlterField(
            model_name="personaldataseen",
            name="seen_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="seen at"),
        ),
        migrations.AddIndex(
            model_name="personaldataseen",
            index=models.Index(fields=["seen_at"], name="personal_data_seen_at"),
        ),
    ]
