"""Seeds what an administrator keeps afterwards: the focus areas of the unit's agreement with local
business, a coverage goal per size class, and the "Business developers" staff group. Sizes in the
old classes (1–9, 10–49, …) do not map onto SCB's and are cleared until the register import fills
them in."""

from django.db import migrations

FOCUS_AREAS = [
    ("Kompetensförsörjning", "Skills supply"),
    ("Bostäder", "Housing"),
    ("Etablering och mark", "Establishment and land"),
    ("Infrastruktur", "Infrastructure"),
    ("Myndighetsservice", "Authority service"),
    ("Hållbarhet", "Sustainability"),
]

# Months between visits: 50+ employees every year, 10–49 every two years, everyone every five.
GOALS = {
    "0": 60,
    "1-4": 60,
    "5-9": 60,
    "10-19": 24,
    "20-49": 24,
    "50-99": 12,
    "100-199": 12,
    "200-499": 12,
    "500+": 12,
}

GROUP = "Business developers"
OLD_SIZE_CLASSES = ["1-9", "10-49", "50-249", "250+"]


def seed(apps, schema_editor):
    FocusArea = apps.get_model("companies", "FocusArea")
    for position, (name_sv, name_en) in enumerate(FOCUS_AREAS, start=1):
        FocusArea.objects.get_or_create(name_sv=name_sv, defaults={"name_en": name_en, "position": position})
    CoverageGoal = apps.get_model("companies", "CoverageGoal")
    for size_class, months in GOALS.items():
        CoverageGoal.objects.get_or_create(size_class=size_class, defaults={"interval_months": months})
    apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)
    apps.get_model("companies", "Company").objects.filter(size_class__in=OLD_SIZE_CLASSES).update(
        size_class=""
    )


def unseed(apps, schema_editor):
    apps.get_model("companies", "FocusArea").objects.filter(
        name_sv__in=[sv for sv, _ in FOCUS_AREAS]
    ).delete()
    apps.get_model("companies", "CoverageGoal").objects.filter(size_class__in=list(GOALS)).delete()
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0002_register_contacts_visits_follow_ups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
