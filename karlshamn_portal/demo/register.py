"""Demo data for the company register (J7): the shipped register file, a business developer, a
few contacts, a planned visit and a held one with its follow-ups, and three years of earlier
visits. Safe to run again."""

import random
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.utils import timezone

from companies.demo_register import DEMO_FILE
from companies.last_met import refresh_last_met
from companies.models import Company, Contact, Visit, VisitStatus
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
    user.groups.add(Group.objects.get_or_create(name=BUSINESS_DEVELOPER_GROUP)[0])
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


# The share of each size class visited in the last three years before the portal, so coverage
# and the goals have a past to show: the unit has met most large companies and few small ones.
HISTORY_SHARE = {
    "500+": 0.8, "200-499": 0.75, "100-199": 0.6, "50-99": 0.5, "20-49": 0.35,
    "10-19": 0.25, "5-9": 0.1, "1-4": 0.05, "0": 0.01,
}  # fmt: skip


def _visit_history(developer: User) -> int:
    """Visits held before the portal, as a move from the unit's earlier records would bring them:
    written as history (no invitations are sent for meetings long past)."""
    if Visit.objects.filter(status=VisitStatus.HELD).count() > 1:
        return 0
    rng = random.Random(1082)  # noqa: S311 - reproducible demo data
    now = timezone.now()
    chosen = [
        company
        for size, share in HISTORY_SHARE.items()
        for company in Company.objects.in_register().filter(size_class=size).order_by("name")
        if rng.random() < share
    ]
    for company in chosen:
        start = now - timedelta(days=rng.randint(20, 3 * 365), hours=rng.randint(0, 6))
        meeting = Meeting.objects.create(
            title=f"Företagsbesök: {company.name}",
            start=start,
            end=start + timedelta(hours=1),
            place=company.full_address,
            organizer=developer,
        )
        Visit.objects.create(
            company=company,
            meeting=meeting,
            purpose="Företagsbesök",
            status=VisitStatus.HELD,
            planned_by=developer,
            recorded_by=developer,
            recorded_at=start + timedelta(days=1),
            followed_up_at=start + timedelta(days=2),
        )
    return len(chosen)


def load() -> list[str]:
    report = import_register(DEMO_FILE.read_bytes())
    developer = _developer()
    _demo_visits(developer)
    _visit_history(developer)
    # The demo dates its visits, cases and meetings back with updates, which no receiver hears.
    refresh_last_met()
    return [
        f"  {USERNAME:<10} / {DEMO_PASSWORD}   Business developers",
        f"  Company register: {report.new + report.updated + report.unchanged} demo companies from {DEMO_FILE.name}",
    ]
