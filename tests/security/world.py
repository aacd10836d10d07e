"""One small world with two of everything, so each role has something of its own and something
that belongs to someone else."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from companies.models import Company, Contact, FollowUp, RegisterImport, Visit
from companies.services.follow_ups import add_follow_up
from companies.services.visits import plan_visit
from feedback.links import survey_token
from feedback.models import Export, Survey
from feedback.services.exports import make_export
from feedback.services.surveys import offer_survey
from forum.links import CONFIRM, UNSUBSCRIBE
from forum.models import ForumSeries, Occurrence, Subscriber
from karlshamn_portal.outbox.models import OutboxMessage
from karlshamn_portal.signing import make_token
from liaison.models import Attachment, Case, CaseMeeting, Department, Referral
from liaison.services.tracking import make_sign_in_token, make_track_token
from meetings.models import Invitation
from meetings.services.invitations import invite
from tests.factories import (
    make_department,
    make_liaison,
    make_official,
    make_user,
    sign_in_past_second_factor,
)
from tests.forum.factories import make_series, make_subscriber
from tests.meetings.factories import make_meeting
from tests.relocation.world import RelocationWorld, make_relocation_world


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
    attachment_a: Attachment  # a file company A sent with its case
    attachment_b: Attachment  # a file on company B's case, visible to company B
    series: ForumSeries
    occurrence: Occurrence  # the next forum meeting, with minutes published
    subscriber_a: Subscriber  # company A's contact, a confirmed subscriber
    subscriber_c: Subscriber  # whose unsubscribe link the matrix opens (it acts on GET)
    invitation_x: Invitation  # official X invited to a coordinated meeting
    survey_b: Survey  # the satisfaction survey of company B's case, closed
    export: Export  # a ready export the liaison officer asked for

    def survey_token(self, role: str) -> str:
        """The survey link in company B's inbox (whoever holds it may answer)."""
        return survey_token(self.survey_b)

    visit_a: Visit  # a visit to company A; official X is invited to it, official Y is not
    follow_up_a: FollowUp
    register_import: RegisterImport
    relocation: RelocationWorld  # a partner referred to department X, a network employer, an activity

    def forum_token(self, purpose: str) -> str:
        subscriber = self.subscriber_c if purpose == UNSUBSCRIBE else self.subscriber_a
        payload = {
            CONFIRM: {"subscriber": subscriber.pk, "email": subscriber.email},
            UNSUBSCRIBE: {"series": self.series.pk, "email": subscriber.email},
        }.get(purpose, {"occurrence": self.occurrence.pk, "subscriber": subscriber.pk})
        return make_token(purpose, payload)

    def case_of(self, role: str) -> Case:
        """The case whose private link this role holds (company B its own, everyone else A's)."""
        return self.case_b if role == "company_b" else self.case_a

    def track_token(self, role: str) -> str:
        return make_track_token(self.case_of(role))

    def sign_in_token(self, role: str) -> str:
        return make_sign_in_token(self.case_of(role).contact_email)


def make_case(company: Company, reference: str, email: str) -> Case:
    # References from an earlier year, so the request form's own numbering never meets them.
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


def _pdf(case: Case, name: str) -> Attachment:
    return Attachment.objects.create(
        case=case,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=name),
        original_name=name,
        content_type="application/pdf",
        size=14,
    )


def make_world() -> World:
    department_x = make_department("bygglov", "Bygglov", "Building permits")
    department_y = make_department("miljo", "Miljöförbundet", "Environmental association")
    company_a = Company.objects.create(name="Alfa Bygg AB", organisation_number="556016-0680")
    company_b = Company.objects.create(name="Beta Fisk AB", organisation_number="556036-0793")
    case_a = make_case(company_a, "NL-2020-0001", "anna@alfa.example")
    case_b = make_case(company_b, "NL-2020-0002", "bertil@beta.example")
    referral = Referral.objects.create(case=case_a, department=department_x, due_date=timezone.localdate())
    attachment_a = _pdf(case_a, "ritning.pdf")
    attachment = _pdf(case_b, "offert.pdf")
    message = OutboxMessage.objects.create(
        template_name="probe",
        recipient="anna@alfa.example",
        subject="Ärende NL-2020-0001",
        body_text="Hej",
        body_html="<p>Hej</p>",
        attachments=[
            {"filename": "invitation.ics", "content_type": "text/calendar", "content": "BEGIN:VCALENDAR"}
        ],
    )
    series = make_series(None, officials=[])
    occurrence = series.occurrences.select_related("meeting").order_by("meeting__start").first()
    assert occurrence is not None
    Occurrence.objects.filter(pk=occurrence.pk).update(
        minutes="Protokoll", minutes_published_at=timezone.now()
    )
    official_x = make_official("xavier", department_x)
    meeting = make_meeting(title="Samordnat möte för Alfa Bygg")
    invitation = invite(meeting, name="Xavier", email=official_x.email, user=official_x)
    CaseMeeting.objects.create(case=case_a, meeting=meeting)
    Case.objects.filter(pk=case_b.pk).update(status="closed", closed_at=timezone.now())
    survey_b = offer_survey(case_b.pk)
    assert survey_b is not None
    liaison = make_liaison("lina")
    export = Export.objects.create(requested_by=liaison, kind="survey", file_format="csv")
    make_export(export.pk)
    visit = plan_visit(
        company_a,
        planned_by=liaison,
        start=meeting.start,
        end=meeting.end,
        place="Alfavägen 1",
        purpose="Besök hos Alfa Bygg",
        contact=Contact.objects.create(
            company=company_a, name="Anna", email="anna@alfa.example", purpose="Besök"
        ),
        staff=[official_x],
        guests=[],
    )
    return World(
        department_x=department_x,
        department_y=department_y,
        official_x=official_x,
        official_y=make_official("yvonne", department_y),
        liaison=liaison,
        administrator=make_user("ada", is_staff=True, is_superuser=True),
        company_a=company_a,
        company_b=company_b,
        case_a=case_a,
        case_b=case_b,
        referral_a_x=referral,
        outbox_message=message,
        attachment_a=attachment_a,
        attachment_b=attachment,
        series=series,
        occurrence=occurrence,
        subscriber_a=make_subscriber(series, "Anna", case_a.contact_email),
        subscriber_c=make_subscriber(series, "Cecilia", "cecilia@gamma.example"),
        invitation_x=invitation,
        survey_b=survey_b,
        export=export,
        visit_a=visit,
        follow_up_a=add_follow_up(visit, text="Återkoppla om bygglov", working_days=5, owner_user=liaison),
        register_import=RegisterImport.objects.create(
            file="register-imports/probe.csv", file_name="probe.csv"
        ),
        relocation=make_relocation_world(department_x, company_b),
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
    elif role == "administrator":
        sign_in_past_second_factor(client, world.administrator)
    elif role != "anonymous":
        client.force_login(getattr(world, role))
    return client
