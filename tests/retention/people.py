"""Two company contacts with everything the portal can hold about a person: Karin, whose data a
test looks for, and Olle, whose data must never turn up in Karin's answers."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from forum.models import Subscriber
from liaison.models import Attachment, Case, CaseEvent, EventKind
from liaison.services.meetings import contact_invitee, official_invitee, schedule_meeting
from liaison.services.referrals import route_case
from liaison.services.triage import add_internal_note, close_case, reply_to_company
from tests.forum.factories import make_series, make_subscriber
from tests.liaison.factories import make_case, make_company
from tests.retention.rows import make_contact, make_visit

KARIN = {
    "contact_name": "Karin Bagare",
    "contact_email": "karin@bageri.example",
    "contact_phone": "0454-11 22 33",
    "subject": "Kafé vid Stortorget",
    "description": "Jag vill öppna ett kafé med uteservering vid Stortorget.",
}
OLLE = {
    "contact_name": "Olle Olsson",
    "contact_email": "olle@verkstad.example",
    "contact_phone": "0454-99 88 77",
    "subject": "Utbyggnad av verkstaden",
    "description": "Olles hemliga planer för verkstaden.",
}
KARIN_MESSAGE = "Här är ritningen, hälsningar Karin"
KARIN_FILE = b"%PDF-1.4\n% Karins ritning\n%%EOF\n"
OLLE_MESSAGE = "Olles svar om verkstaden"
OLLE_FILE = b"%PDF-1.4\n% Olles offert\n%%EOF\n"
INTERNAL_NOTE = "Karin ringde och var orolig för bygglovet"
REPLY = "Tack för ritningen!"


@dataclass
class People:
    karin_case: Case
    olle_case: Case
    karin_file: Attachment
    olle_file: Attachment
    karin_subscription: Subscriber
    olle_subscription: Subscriber


def _file(case: Case, event: CaseEvent, name: str, content: bytes) -> Attachment:
    return Attachment.objects.create(
        case=case,
        event=event,
        file=ContentFile(content, name=name),
        original_name=name,
        content_type="application/pdf",
        size=len(content),
    )


def _message(case: Case, text: str) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, kind=EventKind.COMPANY_MESSAGE, is_public=True, text=text, actor_name=case.contact_name
    )


def make_people(liaison, department, official) -> People:  # type: ignore[no-untyped-def]
    karin_case = make_case(make_company("Stortorgets Kafé AB"), **KARIN)
    olle_case = make_case(make_company("Olles Verkstad AB"), **OLLE)
    karin_file = _file(karin_case, _message(karin_case, KARIN_MESSAGE), "karins-ritning.pdf", KARIN_FILE)
    olle_file = _file(olle_case, _message(olle_case, OLLE_MESSAGE), "olles-offert.pdf", OLLE_FILE)
    reply_to_company(karin_case, REPLY, liaison)
    add_internal_note(karin_case, INTERNAL_NOTE, liaison)
    route_case(karin_case, [department], liaison, message="Karin behöver svar om uteserveringen")
    start = timezone.now() + timedelta(days=7)
    schedule_meeting(
        karin_case,
        organizer=liaison,
        title="Möte om kaféet",
        start=start,
        end=start + timedelta(hours=1),
        invitees=[contact_invitee(karin_case), official_invitee(official)],
    )
    series = make_series()
    karin_subscription = make_subscriber(
        series, "Karin Bagare", KARIN["contact_email"], company_name="Stortorgets Kafé AB"
    )
    olle_subscription = make_subscriber(
        series, "Olle Olsson", OLLE["contact_email"], company_name="Olles Verkstad AB"
    )
    karin_contact = make_contact(karin_case.company, "Karin Bagare", KARIN["contact_email"])
    make_visit(karin_contact, start, plans="Karin planerar ett bageri till")
    olle_contact = make_contact(olle_case.company, "Olle Olsson", OLLE["contact_email"])
    make_visit(olle_contact, start, plans="Olle vill bygga ut")
    return People(karin_case, olle_case, karin_file, olle_file, karin_subscription, olle_subscription)


def close_case_of(case: Case, liaison) -> Case:  # type: ignore[no-untyped-def]
    close_case(case, "Klart, Karin fick sitt bygglov", liaison)
    case.refresh_from_db()
    return case


KARIN_PERSONAL = [
    KARIN["contact_name"],
    KARIN["contact_email"],
    KARIN["contact_phone"],
    KARIN["description"],
    KARIN_MESSAGE,
    INTERNAL_NOTE,
    "karins-ritning.pdf",
    "Karin behöver svar",
    "Karin fick sitt bygglov",
]


KARIN_COMMENT = "Karin tyckte att bygglovet tog tid"
OLLE_COMMENT = "Olle var nöjd med räddningstjänsten"
KARIN_NEEDS = "Karins man söker förskoleplats åt deras dotter"
OLLE_NEEDS = "Olles fru söker en lägenhet nära hamnen"


def add_surveys_and_relocation_profiles(people: People, liaison) -> None:  # type: ignore[no-untyped-def]
    """Karin and Olle each close their case and answer its survey with a comment, Karin asks for
    no more surveys, and each has a profile in the relocation service under their address."""
    from feedback.models import SurveyOptOut
    from feedback.services.surveys import offer_survey, record_answer
    from tests.relocation.factories import make_partner

    for case, comment in ((people.karin_case, KARIN_COMMENT), (people.olle_case, OLLE_COMMENT)):
        close_case_of(case, liaison)
        survey = offer_survey(case.pk)
        assert survey is not None
        record_answer(survey, {"overall": 9, "expectations": 8, "ideal": 8, "comment": comment})
    SurveyOptOut.objects.create(email=KARIN["contact_email"])
    make_partner(name="Karin Bagare", email=KARIN["contact_email"], other_needs=KARIN_NEEDS)
    make_partner(name="Olle Olsson", email=OLLE["contact_email"], other_needs=OLLE_NEEDS)
