from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_reminders_lead_time_and_recurrence"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["end"], name="meeting_by_end"),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["start"], name="meeting_by_start"),
        ),
    ]
