"""One small world with two of everything, so each role has something of its own and something
that belongs to someone else."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import Attachment, Case, Company, Department, Referral
from liaison.services.tracking import make_sign_in_token, make_track_token
from tests.factories import make_department, make_liaison, make_official, make_user


@dataclass
class World:
    department_x: Department
    department_y: Department
    official_x: AbstractBaseUser
    official_y: AbstractBaseUser
    liaison: AbstractBaseUser
    administrator: AbstractBaseUser
    company_a: Company
    company_b: Company
    case_a: Case
    case_b: Case
    referral_a_x: Referral  # company A's case, referred to department X only
    outbox_message: OutboxMessage
    attachment_b: Attachment  # a file on company B's case, visible to company B

    def case_of(self, role: str) -> Case:
        """The case whose private link this role holds (company B its own, everyone else A's)."""
        return self.case_b if role == "company_b" else self.case_a

    def track_token(self, role: str) -> str:
        return make_track_token(self.case_of(role))

    def sign_in_token(self, role: str) -> str:
        return make_sign_in_token(self.case_of(role).contact_email)


def make_case(company: Company, reference: str, email: str) -> Case:
    now = timezone.now()
    return Case.objects.create(
        reference=reference,
        company=company,
        contact_name=f"Contact at {company.name}",
        contact_email=email,
        subject=f"Question from {company.name}",
        description="Where do we apply?",
        created_at=now,
        first_response_due=timezone.localdate() + timedelta(days=2),
        company_active_at=now,
    )


def make_world() -> World:
    department_x = make_department("bygglov", "Bygglov", "Building permits")
    department_y = make_department("miljo", "Miljöförbundet", "Environmental association")
    company_a = Company.objects.create(name="Alfa Bygg AB", organisation_number="556016-0680")
    company_b = Company.objects.create(name="Beta Fisk AB", organisation_number="556036-0793")
    case_a = make_case(company_a, "NL-2026-0001", "anna@alfa.example")
    case_b = make_case(company_b, "NL-2026-0002", "bertil@beta.example")
    referral = Referral.objects.create(case=case_a, department=department_x, due_date=timezone.localdate())
    attachment = Attachment.objects.create(
        case=case_b,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="offert.pdf"),
        original_name="offert.pdf",
        content_type="application/pdf",
        size=14,
    )
    message = OutboxMessage.objects.create(
        template_name="probe", recipient="anna@alfa.example", subject="Ärende NL-2026-0001", body_text="Hej"
    )
    return World(
        department_x=department_x,
        department_y=department_y,
        official_x=make_official("xavier", department_x),
        official_y=make_official("yvonne", department_y),
        liaison=make_liaison("lina"),
        administrator=make_user("ada", is_staff=True, is_superuser=True),
        company_a=company_a,
        company_b=company_b,
        case_a=case_a,
        case_b=case_b,
        referral_a_x=referral,
        outbox_message=message,
        attachment_b=attachment,
    )


ROLES = ("anonymous", "company_a", "company_b", "official_x", "official_y", "liaison", "administrator")


def sign_in_company(client: Client, case: Case) -> None:
    """How a company contact proves who they are beyond the link itself. Today: nothing (the
    private link in the URL is the credential); change here if a session sign-in arrives."""


def client_for(role: str, world: World, **options: object) -> Client:
    client = Client(**options)
    if role == "company_a":
        sign_in_company(client, world.case_a)
    elif role == "company_b":
        sign_in_company(client, world.case_b)
    elif role != "anonymous":
        client.force_login(getattr(world, role))
    return client
