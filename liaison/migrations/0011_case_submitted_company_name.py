from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_company_names(apps, schema_editor):
    # Cases from before: the name the submitter typed is no longer known; the company's is the best.
    Case = apps.get_model("liaison", "Case")
    Company = apps.get_model("liaison", "Company")
    Case.objects.update(
        submitted_company_name=Subquery(Company.objects.filter(pk=OuterRef("company_id")).values("name")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("liaison", "0010_case_diarium_number")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="submitted_company_name",
            field=models.CharField(
                blank=True, default="", max_length=200, verbose_name="company name as submitted"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(copy_company_names, migrations.RunPython.noop),
    ]
