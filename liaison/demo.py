"""Demo departments, staff and (as they exist) topics and cases for `make run`.

Idempotent: every row is found by a natural key before it is created.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from companies.orgnr import parse_organisation_number
from karlshamn_portal.roles import LIAISON_GROUP, OFFICIAL_GROUP
from liaison.models import Case, Department, DepartmentKind, Topic
from liaison.services.intake import Submission, submit_case
from liaison.services.tracking import track_url

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

TOPICS = [
    # slug, Swedish name, English name, default department slugs
    ("building-permit", "Bygglov och anmälan", "Building permit and notification", ["bygglov"]),
    (
        "environmental-permit",
        "Miljötillstånd och anmälan",
        "Environmental permit and notification",
        ["miljo"],
    ),
    ("food-premises", "Livsmedelslokal", "Food premises", ["miljo"]),
    ("serving-licence", "Serveringstillstånd", "Serving licence (alcohol)", ["alkohol", "miljo"]),
    (
        "establishment",
        "Mark och lokaler för etablering",
        "Land and premises for establishment",
        ["mark", "naringsliv"],
    ),
    ("planning", "Detaljplan och planbesked", "Detailed plan and planning notice", ["plan"]),
    ("water-sewage", "Vatten och avlopp", "Water and sewage", ["energi"]),
    ("fire-safety", "Brandskydd och brandfarlig vara", "Fire safety and flammable goods", ["raddning"]),
    ("port-logistics", "Hamn och logistik", "Port and logistics", ["hamn"]),
    ("public-ground", "Gator, trafik och offentlig plats", "Streets, traffic and public ground", ["gata"]),
    ("procurement", "Upphandling", "Procurement", ["upphandling"]),
    (
        "recruitment",
        "Rekrytering och kompetensförsörjning",
        "Recruitment and skills supply",
        ["arbetsmarknad"],
    ),
    (
        "relocation",
        "Flytta hit med personal och medflyttare (medflyttarservice)",
        "Relocating staff and partners (medflyttarservice)",
        ["arbetsmarknad"],
    ),
    ("other", "Annat", "Other", ["naringsliv"]),
]

DEMO_COMPANY_NUMBER = "559247-1238"
DEMO_CONTACT_EMAIL = "karin@hamnbageriet.example.se"

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
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get_or_create(name=group_name)[0])
        for slug in slugs:
            departments[slug].officials.add(user)
        logins.append((username, ", ".join(departments[s].name_sv for s in slugs) or group_name))
    return logins


def load_administrator() -> tuple[str, str]:
    """The one demo account that may open the admin. It must set up a second factor at its first
    sign-in, as every administrator must; the liaison officer and the officials need none."""
    username = "admin"
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": "Ada",
            "last_name": "Administratör",
            "email": f"{username}@example.se",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return username, "Administrator (/admin/; sets up a second factor at first sign-in)"


def load_topics(departments: dict[str, Department]) -> dict[str, Topic]:
    topics = {}
    for position, (slug, name_sv, name_en, department_slugs) in enumerate(TOPICS, start=1):
        topic, created = Topic.objects.get_or_create(
            slug=slug, defaults={"name_sv": name_sv, "name_en": name_en, "position": position * 10}
        )
        if created:
            topic.departments.set([departments[s] for s in department_slugs])
        topics[slug] = topic
    return topics


def load_demo_case(topics: dict[str, Topic]) -> Case:
    """One company request, submitted the way the public form does it."""
    existing = Case.objects.filter(company__organisation_number=DEMO_COMPANY_NUMBER).first()
    if existing:
        return existing
    return submit_case(
        Submission(
            company_name="Hamnbageriet i Karlshamn AB",
            organisation_number=parse_organisation_number(DEMO_COMPANY_NUMBER),
            contact_name="Karin Bagare",
            contact_email=DEMO_CONTACT_EMAIL,
            contact_phone="0454-12 34 56",
            topic=topics["food-premises"],
            subject="Kafé med uteservering vid Stortorget",
            description=(
                "Vi vill öppna ett kafé med 30 platser inomhus och en uteservering på torget till "
                "sommaren. Vilka tillstånd behöver vi, och kan vi träffa alla berörda på en gång?"
            ),
        )
    )


def load() -> list[str]:
    """Load the demo rows and return lines describing how to log in."""
    departments = load_departments()
    logins = [*load_staff(departments), load_administrator()]
    lines = [f"  {username:<10} / {DEMO_PASSWORD}   {role}" for username, role in logins]
    case = load_demo_case(load_topics(departments))
    lines.append(f"  Demo company contact ({case.contact_email}), private link to {case.reference}:")
    lines.append(f"    {track_url(case)}")
    return lines
