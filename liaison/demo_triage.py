"""Demo cases in every stage of triage and referral, for trying J3 and J4 after `make run`.

Call load_triage_demo() after the departments and staff of liaison.demo exist. Idempotent: a
second run finds the demo companies and adds nothing. The cases go through the real services,
so their timelines look like the real thing (and their e-mails land in the outbox).
"""

from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from companies.models import Company
from liaison.models import (
    Case,
    CaseStatus,
    Department,
    EventKind,
    ReferenceCounter,
    Topic,
)
from liaison.services import referrals, triage
from liaison.services.case_events import record_event
from liaison.working_days import due_date

# name, organisationsnummer (valid check digits), subject, description, days since received, stage
DEMO_CASES = [
    (
        "Hamnens Bageri AB",
        "556677-8899",
        "Uteservering vid Stortorget",
        "Vi vill ställa ut sex bord på trottoaren utanför bageriet från maj till september.",
        6,
        "new",
    ),
    (
        "Mörrums Lackering AB",
        "559123-4561",
        "Ny lackeringshall i Mörrum",
        "Vi planerar en hall för lackering av båtdelar och undrar vilka tillstånd som behövs.",
        4,
        "referred",
    ),
    (
        "Karlshamns Kafferosteri AB",
        "556812-3458",
        "Rosteri i gamla magasinet",
        "Vi vill flytta rosteriet till magasinet vid hamnen. Går det med bygglov och brandskydd?",
        12,
        "all_done",
    ),
    (
        "Östra Hamnens Logistik AB",
        "556900-1232",
        "Mark för nytt lager",
        "Vi söker cirka 8 000 kvm mark nära hamnen för ett lager med järnvägsspår.",
        9,
        "waiting",
    ),
]


def _allocate_reference(year: int) -> str:
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"NL-{year}-{counter.last_number:04d}"


def _make_case(name: str, number: str, subject: str, description: str, days_ago: int) -> Case:
    received = timezone.now() - timedelta(days=days_ago)
    company = Company.objects.create(name=name, organisation_number=number)
    case = Case.objects.create(
        reference=_allocate_reference(received.year),
        company=company,
        submitted_company_name=name,
        contact_name="Karin Kontakt",
        contact_email=f"kontakt@{number.replace('-', '')}.example.se",
        subject=subject,
        description=description,
        topic=Topic.objects.filter(is_active=True).first(),
        created_at=received,
        first_response_due=due_date(received, 2),
        company_active_at=received,
    )
    record_event(case, EventKind.SUBMITTED, None, public=True, actor_name=case.contact_name, at=received)
    return case


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


@transaction.atomic
def load_triage_demo() -> list[str]:
    """Create the demo cases once; returns a line per case created."""
    liaison, building, rescue = _user("lotsen"), _user("bygglov"), _user("raddning")
    departments = {
        d.slug: d for d in Department.objects.filter(slug__in=["bygglov", "raddning", "miljo", "mark"])
    }
    if not liaison or not building or not rescue or len(departments) < 4:
        return ["  (triage demo skipped: load the demo departments and staff first)"]
    lines = []
    for name, number, subject, description, days_ago, stage in DEMO_CASES:
        if Company.objects.filter(organisation_number=number).exists():
            continue
        case = _make_case(name, number, subject, description, days_ago)
        if stage == "referred":
            triage.assign_case(case, liaison, liaison)
            made = referrals.route_case(
                case,
                [departments["bygglov"], departments["miljo"]],
                liaison,
                message="Behövs bygglov och anmälan?",
            )
            referrals.accept_referral(made[0], building)
            referrals.add_referral_note(made[0], building, "Detaljplanen tillåter industri; bygglov krävs.")
        elif stage == "all_done":
            triage.assign_case(case, liaison, liaison)
            triage.reply_to_company(
                case, "Tack! Vi har skickat frågan till bygglov och räddningstjänsten.", liaison
            )
            made = referrals.route_case(case, [departments["bygglov"], departments["raddning"]], liaison)
            for referral, official in zip(made, [building, rescue], strict=True):
                referrals.accept_referral(referral, official)
                referrals.complete_referral(referral, official, "Klart från vår sida.")
        elif stage == "waiting":
            triage.assign_case(case, liaison, liaison)
            triage.reply_to_company(case, "Hur mycket trafik räknar ni med per dygn?", liaison)
            triage.change_status(case, CaseStatus.WAITING, liaison)
            triage.add_internal_note(case, "Mark och exploatering har två tomter som kan passa.", liaison)
        lines.append(f"  {case.reference}  {subject} ({stage})")
    return lines
