"""Demo departments, staff and (as they exist) topics and cases for `make run`.

Idempotent: every row is found by a natural key before it is created.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from karlshamn_portal.roles import LIAISON_GROUP, OFFICIAL_GROUP
from liaison.models import Department, DepartmentKind

User = get_user_model()

DEMO_PASSWORD = "karlshamn-demo"

DEPARTMENTS = [
    # slug, Swedish name, English name, kind
    (
        "bygglov",
        "Samhällsbyggnadsförvaltningen, bygglov",
        "Urban development, building permits",
        DepartmentKind.MUNICIPAL,
    ),
    ("plan", "Samhällsbyggnadsförvaltningen, plan", "Urban development, planning", DepartmentKind.MUNICIPAL),
    (
        "mark",
        "Samhällsbyggnadsförvaltningen, mark och exploatering",
        "Urban development, land and development",
        DepartmentKind.MUNICIPAL,
    ),
    (
        "miljo",
        "Miljöförbundet Blekinge Väst",
        "Blekinge West environmental association",
        DepartmentKind.JOINT_ASSOCIATION,
    ),
    (
        "raddning",
        "Räddningstjänsten Västra Blekinge",
        "West Blekinge rescue service",
        DepartmentKind.JOINT_ASSOCIATION,
    ),
    (
        "energi",
        "Karlshamn Energi",
        "Karlshamn Energi (water, waste, energy)",
        DepartmentKind.MUNICIPAL_COMPANY,
    ),
    ("hamn", "Karlshamns Hamn AB", "Port of Karlshamn", DepartmentKind.MUNICIPAL_COMPANY),
    ("alkohol", "Alkoholhandläggare", "Alcohol licensing officer", DepartmentKind.MUNICIPAL),
    ("upphandling", "Upphandlingsenheten", "Procurement unit", DepartmentKind.MUNICIPAL),
    ("gata", "Gata och trafik", "Streets and traffic", DepartmentKind.MUNICIPAL),
    (
        "arbetsmarknad",
        "Näringslivsenheten med arbetsmarknadsenheten",
        "Business unit with the labour-market unit",
        DepartmentKind.MUNICIPAL,
    ),
    ("naringsliv", "Näringslivsenheten", "Business unit", DepartmentKind.MUNICIPAL),
]

STAFF = [
    # username, first name, last name, group, department slugs
    ("lotsen", "Lina", "Lotsson", LIAISON_GROUP, []),
    ("bygglov", "Bo", "Byggare", OFFICIAL_GROUP, ["bygglov"]),
    ("miljo", "Maja", "Miljösson", OFFICIAL_GROUP, ["miljo"]),
    ("plan", "Per", "Planare", OFFICIAL_GROUP, ["plan"]),
    ("raddning", "Rut", "Räddare", OFFICIAL_GROUP, ["raddning"]),
]


def load_departments() -> dict[str, Department]:
    departments = {}
    for slug, name_sv, name_en, kind in DEPARTMENTS:
        departments[slug], _ = Department.objects.get_or_create(
            slug=slug,
            defaults={
                "name_sv": name_sv,
                "name_en": name_en,
                "kind": kind,
                "contact_email": f"{slug}@example.se",
            },
        )
    return departments


def load_staff(departments: dict[str, Department]) -> list[tuple[str, str]]:
    logins = []
    for username, first, last, group_name, slugs in STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.se",
                "is_staff": group_name == LIAISON_GROUP,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=group_name))
        for slug in slugs:
            departments[slug].officials.add(user)
        logins.append((username, ", ".join(departments[s].name_sv for s in slugs) or group_name))
    return logins


def load() -> list[str]:
    """Load the demo rows and return lines describing how to log in."""
    departments = load_departments()
    lines = [f"  {username:<10} / {DEMO_PASSWORD}   {role}" for username, role in load_staff(departments)]
    return lines
