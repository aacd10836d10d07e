"""Access requests (GDPR art. 15): a liaison officer enters a person and downloads one ZIP with
everything the portal holds about them and nothing of anyone else; each step is recorded."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse

from liaison.models import PersonalDataSeen, PersonalDataSeenKind
from retention.models import PersonalDataRequest, RequestKind
from tests.liaison.factories import make_case, make_company
from tests.retention.people import (
    INTERNAL_NOTE,
    KARIN,
    KARIN_COMMENT,
    KARIN_FILE,
    KARIN_MESSAGE,
    KARIN_NEEDS,
    OLLE,
    OLLE_COMMENT,
    OLLE_FILE,
    OLLE_MESSAGE,
    OLLE_NEEDS,
    REPLY,
    add_surveys_and_relocation_profiles,
    make_people,
)

pytestmark = pytest.mark.django_db
OLLES = [
    *OLLE.values(),
    OLLE_MESSAGE,
    "olles-offert.pdf",
    "Olles Verkstad",
    "Olle vill bygga ut",
    OLLE_COMMENT,
    OLLE_NEEDS,
]


@pytest.fixture
def people(liaison, building_department, building_official):
    return make_people(liaison, building_department, building_official)


def _ask(client, person: str, kind: str = "access"):  # type: ignore[no-untyped-def]
    return client.post(reverse("retention:requests"), {"kind": kind, "person": person})


def _zip_of(client, made: PersonalDataRequest) -> zipfile.ZipFile:  # type: ignore[no-untyped-def]
    response = client.get(reverse("retention:request-download", args=[made.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_zip_holds_the_persons_cases_messages_files_subscription_and_visit_and_nothing_else(
    client, liaison, people
):
    add_surveys_and_relocation_profiles(people, liaison)
    client.force_login(liaison)
    response = _ask(client, KARIN["contact_email"].upper())  # the address as the person wrote it
    made = PersonalDataRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("retention:request", args=[made.pk])
    archive = _zip_of(client, made)
    names = archive.namelist()

    cases = json.loads(archive.read("cases.json"))
    assert [case["reference"] for case in cases] == [people.karin_case.reference]
    assert cases[0]["description"] == KARIN["description"]
    messages = [message["text"] for message in json.loads(archive.read("messages.json"))]
    assert KARIN_MESSAGE in messages and REPLY in messages
    file_name = f"files/{people.karin_case.reference}/{people.karin_file.pk}-karins-ritning.pdf"
    assert archive.read(file_name) == KARIN_FILE
    subscriptions = json.loads(archive.read("forum_subscriptions.json"))
    assert [row["email"] for row in subscriptions] == [KARIN["contact_email"]]
    invitations = json.loads(archive.read("meeting_invitations.json"))
    assert [row["meeting"] for row in invitations] == ["Möte om kaféet"]
    visits = json.loads(archive.read("visits.json"))
    assert [row["plans"] for row in visits] == ["Karin planerar ett bageri till"]
    contacts = json.loads(archive.read("company_contacts.json"))
    assert [row["company"] for row in contacts] == ["Stortorgets Kafé AB"]
    surveys = json.loads(archive.read("satisfaction_surveys.json"))
    assert [(row["case"], row["comment"]) for row in surveys] == [
        (people.karin_case.reference, KARIN_COMMENT)
    ]
    assert len(json.loads(archive.read("survey_opt_out.json"))) == 1
    profiles = json.loads(archive.read("relocation_profiles.json"))
    assert [(row["email"], row["other_needs"]) for row in profiles] == [(KARIN["contact_email"], KARIN_NEEDS)]
    emails = json.loads(archive.read("emails.json"))
    assert emails and all(row["to"] == KARIN["contact_email"] for row in emails)
    assert "/track/" not in json.dumps(emails) or "[token]" in json.dumps(emails)
    summary = archive.read("sammanfattning.txt").decode()
    assert "Personuppgifter" in summary

    everything = " ".join(archive.read(name).decode(errors="replace") for name in names)
    for olles in OLLES:
        assert olles not in everything
    assert OLLE_FILE not in b"".join(archive.read(name) for name in names)
    assert INTERNAL_NOTE not in everything  # internal working notes are not the company's messages


def test_the_request_and_each_download_are_recorded_without_the_address_in_view(client, liaison, people):
    client.force_login(liaison)
    _ask(client, KARIN["contact_email"])
    made = PersonalDataRequest.objects.get()
    assert (made.kind, made.email, made.made_by) == (RequestKind.ACCESS, KARIN["contact_email"], liaison)
    assert made.outcome["cases"] == 1 and made.outcome["files"] == 1
    page = client.get(reverse("retention:request", args=[made.pk])).content.decode()
    assert KARIN["contact_email"] not in page
    assert "k…@bageri.example" in page
    _zip_of(client, made)
    _zip_of(client, made)
    seen = PersonalDataSeen.objects.filter(kind=PersonalDataSeenKind.ACCESS_REQUEST_DOWNLOAD)
    assert seen.count() == 2
    assert {row.user for row in seen} == {liaison}
    assert KARIN["contact_email"] not in seen.first().what


def test_a_sole_traders_personnummer_finds_the_cases_of_their_firm(client, liaison, db):
    case = make_case(make_company("Karins Hårsalong", "811218-9876"), contact_email="karin@salong.example")
    make_case(make_company("Annan Firma AB"), contact_email="annan@example.se")
    client.force_login(liaison)
    _ask(client, "19811218-9876")
    made = PersonalDataRequest.objects.get()
    assert made.personnummer == "811218-9876"
    cases = json.loads(_zip_of(client, made).read("cases.json"))
    assert [row["reference"] for row in cases] == [case.reference]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("karin@", "Enter a valid email address."),
        ("556036-0793", "This is a company's organisationsnummer, not a person's personnummer."),
        ("811218-9875", "The last digit (the check digit) does not match."),
    ],
)
def test_a_wrong_person_is_refused_next_to_the_field_and_kept(client, liaison, typed, message):
    client.force_login(liaison)
    with pytest.MonkeyPatch.context():
        response = client.post(
            reverse("retention:requests"), {"kind": "access", "person": typed}, HTTP_ACCEPT_LANGUAGE="en"
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert message.replace("'", "&#x27;") in page
    assert f'value="{typed}"' in page
    assert not PersonalDataRequest.objects.exists()


def test_the_command_writes_the_same_zip_and_records_the_export(tmp_path, people):
    output = tmp_path / "karin.zip"
    call_command("export_personal_data", KARIN["contact_email"], "--output", str(output))
    with zipfile.ZipFile(output) as archive:
        cases = json.loads(archive.read("cases.json"))
        assert json.loads(archive.read("survey_opt_out.json")) == []  # Karin never opted out here
    assert [case["reference"] for case in cases] == [people.karin_case.reference]
    made = PersonalDataRequest.objects.get()
    assert made.made_by is None and made.made_by_name == "manage.py"
    seen = PersonalDataSeen.objects.get()
    assert (seen.kind, seen.user_name) == (PersonalDataSeenKind.EXPORT, "manage.py")


def test_the_command_refuses_a_wrong_address(tmp_path, db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("export_personal_data", "karin@", "--output", str(tmp_path / "x.zip"))
    assert not (tmp_path / "x.zip").exists()
