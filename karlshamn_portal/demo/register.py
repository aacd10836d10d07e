"""Demo data for the company register (J7): the shipped register file, a business developer, a
few contacts, a planned visit and a held one with its follow-ups. Safe to run again."""

from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.utils import timezone

from companies.demo_register import DEMO_FILE
from companies.last_met import refresh_last_met
from companies.models import Company, Contact, Visit
from companies.services.follow_ups import add_follow_up
from companies.services.register_import import import_register
from companies.services.visits import plan_visit, record_visit
from karlshamn_portal.roles import BUSINESS_DEVELOPER_GROUP
from liaison.demo import DEMO_PASSWORD
from meetings.models import Meeting

USERNAME = "utvecklare"


def _developer() -> User:
    user, created = User.objects.get_or_create(
        username=USERNAME,
        defaults={"first_name": "Nora", "last_name": "Näringsliv", "email": f"{USERNAME}@example.se"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(Group.objects.get(name=BUSINESS_DEVELOPER_GROUP))
    return user


def _demo_visits(developer: User) -> None:
    if Visit.objects.exists():
        return
    largest = Company.objects.in_register().filter(size_class="500+").order_by("name")[:2]
    now = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    for number, company in enumerate(largest):
        contact, _ = Contact.objects.get_or_create(
            company=company,
            email=f"vd{number}@demo-foretag.example.se",
            defaults={"name": "Demo Kontaktsson", "role": "VD", "purpose": "Företagets kontakt för besök"},
        )
        visit = plan_visit(
            company,
            planned_by=developer,
            start=now + timedelta(days=7 + number),
            end=now + timedelta(days=7 + number, hours=1),
            place=company.full_address,
            purpose="Lära känna företaget och höra om planerna framåt",
            contact=contact,
            staff=[],
            guests=[],
        )
        if number == 0:
            # Held two weeks ago: invitations go out only for meetings ahead, so it moves back after.
            held = now - timedelta(days=14)
            Meeting.objects.filter(pk=visit.meeting_id).update(start=held, end=held + timedelta(hours=1))
            record_visit(visit, recorded_by=developer, plans="Vill bygga ut lagret", flags=["flag_expansion"])
            add_follow_up(
                visit, text="Ta fram förslag på mark för utbyggnad", working_days=10, owner_user=developer
            )


def load() -> list[str]:
    report = import_register(DEMO_FILE.read_bytes())
    developer = _developer()
    _demo_visits(developer)
    # The demo dates its visits, cases and meetings back with updates, which no receiver hears.
    refresh_last_met()
    return [
        f"  {USERNAME:<10} / {DEMO_PASSWORD}   Business developers",
        f"  Company register: {report.new + report.updated + report.unchanged} demo companies from {DEMO_FILE.name}",
    ]
