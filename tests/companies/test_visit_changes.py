"""Moving or cancelling a planned visit from its page: as for a case meeting (J5), a new time is a
new proposal that every invitee gets, those who declined included, and a cancellation reaches
everyone; a visit that is held, cancelled or over stays as it is."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from companies.forms.visits import MoveVisitForm
from companies.models import Visit, VisitStatus
from companies.services.visits import VisitError, move_visit, plan_visit, record_visit
from karlshamn_portal.outbox.models import OutboxMessage
from meetings.models import Answer, Meeting
from meetings.services import record_answer
from tests.companies.factories import in_days, make_business_developer, make_contact, make_register_company
from tests.meetings.factories import event_of

pytestmark = pytest.mark.django_db

CONTACT = "karin@foretag.example"


@pytest.fixture
def developer(db):
    return make_business_developer("nora")


@pytest.fixture
def company(db):
    return make_register_company(1, address="Ronnebygatan 1", postcode="374 35", town="KARLSHAMN")


def _plan(company, developer, *staff, days: int = 7, minutes: int = 60) -> Visit:
    start = in_days(days)
    return plan_visit(
        company,
        planned_by=developer,
        start=start,
        end=start + timedelta(minutes=minutes),
        place="Ronnebygatan 1, 374 35 KARLSHAMN",
        purpose="Lära känna företaget",
        contact=make_contact(company, email=CONTACT),
        staff=list(staff),
        guests=[],
    )


@pytest.fixture
def visit(company, developer, building_official):
    return _plan(company, developer, building_official)


def _move(client, visit, *, day=None, time="13:00", duration=90, place="Vid hamnen, Karlshamn"):
    return client.post(
        reverse("companies:visit-move", args=[visit.pk]),
        {
            "date": (day or in_days(14)).date().isoformat(),
            "time": time,
            "duration": duration,
            "place": place,
        },
    )


def test_a_moved_visit_reaches_everyone_invited_the_decliner_too_and_everyone_answers_again(
    client, developer, visit, building_official
):
    record_answer(visit.meeting.invitations.get(email=CONTACT), Answer.DECLINED, "Gärna veckan efter")
    record_answer(visit.meeting.invitations.get(email=building_official.email), Answer.ACCEPTED)
    client.force_login(developer)
    new_day = in_days(14)
    response = _move(client, visit, day=new_day)

    assert response.status_code == 302
    updates = OutboxMessage.objects.filter(template_name="meeting_update")
    assert sorted(updates.values_list("recipient", flat=True)) == sorted(
        [CONTACT, building_official.email, developer.email]
    )
    visit.meeting.refresh_from_db()
    assert visit.meeting.sequence == 1
    event = event_of(updates.get(recipient=CONTACT))
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == new_day.replace(hour=13)
    assert event.decoded("DTEND") == new_day.replace(hour=14, minute=30)
    assert str(event["LOCATION"]) == "Vid hamnen, Karlshamn"
    assert event["ATTENDEE"].params["PARTSTAT"] == "NEEDS-ACTION"
    assert set(visit.meeting.invitations.values_list("answer", flat=True)) == {Answer.NEEDS_ACTION}
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PLANNED


def test_the_page_says_who_was_told_of_the_move(client, developer, visit):
    client.force_login(developer)
    response = _move(client, visit)
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == "Besöket är flyttat. Ändringen skickades till: Bo, Karin Ek, Nora."
    page = client.get(reverse("companies:visit", args=[visit.pk])).content.decode()
    assert "Karin Ek: Inte svarat" in page


def test_the_same_time_and_place_again_sends_nothing(client, developer, visit):
    client.force_login(developer)
    start = timezone.localtime(visit.meeting.start)
    response = _move(client, visit, day=start, time="10:00", duration=60, place=visit.meeting.place)
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == "Inget ändrades."
    assert not OutboxMessage.objects.filter(template_name="meeting_update").exists()


def test_a_move_to_the_past_is_refused_next_to_the_field_and_keeps_what_was_typed(client, developer, visit):
    client.force_login(developer)
    response = _move(client, visit, day=in_days(-3), place="Kontoret på Drottninggatan")
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Fel:" in page
    assert "Mötet måste ligga i framtiden." in page
    assert 'value="Kontoret på Drottninggatan"' in page
    visit.meeting.refresh_from_db()
    assert visit.meeting.sequence == 0
    assert not OutboxMessage.objects.filter(template_name="meeting_update").exists()


def test_a_move_without_a_place_asks_for_one(client, developer, visit):
    client.force_login(developer)
    response = _move(client, visit, place="")
    assert response.status_code == 400
    assert "Ange var besöket ska vara." in response.content.decode()


@pytest.mark.parametrize(
    ("finish", "message"),
    [
        (
            "held",
            "Besöket är redan dokumenterat som genomfört: det kan inte längre flyttas eller ställas in.",
        ),
        ("cancelled", "Besöket är redan inställt."),
    ],
)
def test_a_held_or_cancelled_visit_cannot_be_moved_and_the_page_says_why(
    client, developer, visit, finish, message
):
    client.force_login(developer)
    if finish == "held":
        record_visit(visit, recorded_by=developer)
    else:
        client.post(reverse("companies:visit-cancel", args=[visit.pk]), {"reason": ""})
    sequence = Visit.objects.get(pk=visit.pk).meeting.sequence
    response = _move(client, visit)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == message
    assert Visit.objects.get(pk=visit.pk).meeting.sequence == sequence
    assert not OutboxMessage.objects.filter(template_name="meeting_update").exists()
    page = client.get(reverse("companies:visit", args=[visit.pk])).content.decode()
    assert "Spara och skicka ändringen" not in page


def test_a_visit_whose_time_has_passed_is_recorded_not_moved(client, visit, developer):
    Meeting.objects.filter(pk=visit.meeting_id).update(start=in_days(-2), end=in_days(-2, hour=11))
    client.force_login(developer)
    page = client.get(reverse("companies:visit", args=[visit.pk])).content.decode()
    assert "Ställ in besöket" not in page
    response = _move(client, visit)
    message = [str(m) for m in get_messages(response.wsgi_request)][-1]
    assert message == "Besökets tid har passerat: dokumentera i stället om det blev av."
    with pytest.raises(VisitError):
        move_visit(visit, start=in_days(3), end=in_days(3, hour=11), place="Här")


def test_cancelling_tells_everyone_with_the_message_and_marks_the_visit_cancelled_not_held(
    client, developer, visit, building_official
):
    record_answer(visit.meeting.invitations.get(email=CONTACT), Answer.DECLINED)
    client.force_login(developer)
    response = client.post(
        reverse("companies:visit-cancel", args=[visit.pk]), {"reason": "Vi ses hellre efter sommaren."}
    )
    assert response.status_code == 302
    cancellations = OutboxMessage.objects.filter(template_name="meeting_cancelled")
    assert sorted(cancellations.values_list("recipient", flat=True)) == sorted(
        [CONTACT, building_official.email, developer.email]
    )
    mail = cancellations.get(recipient=CONTACT)
    assert "Vi ses hellre efter sommaren." in mail.body_text
    assert event_of(mail)["STATUS"] == "CANCELLED"
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CANCELLED
    assert visit.recorded_by == developer
    assert not Visit.objects.held().exists()
    page = client.get(reverse("companies:visit", args=[visit.pk])).content.decode()
    assert "Besöket ställdes in. Vi ses hellre efter sommaren." in page
    assert "Dokumentera besöket" not in page


def test_an_invited_official_reads_the_visit_but_can_neither_move_nor_cancel_it(
    client, visit, building_official
):
    client.force_login(building_official)
    page = client.get(reverse("companies:visit", args=[visit.pk])).content.decode()
    assert "Flytta besöket" not in page and "Ställ in besöket" not in page
    assert _move(client, visit).status_code == 403
    assert client.post(reverse("companies:visit-cancel", args=[visit.pk]), {}).status_code == 403
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PLANNED and visit.meeting.sequence == 0


def test_a_liaison_officer_moves_a_visit_too(client, liaison, visit):
    client.force_login(liaison)
    assert _move(client, visit).status_code == 302
    visit.meeting.refresh_from_db()
    assert visit.meeting.sequence == 1


def test_a_visit_of_a_length_the_list_lacks_keeps_its_length_when_only_the_place_changes(
    client, company, developer
):
    visit = _plan(company, developer, minutes=50)
    form = MoveVisitForm(meeting=visit.meeting)
    assert form["duration"].initial == 50
    assert (50, "50 minuter") in [(value, str(label)) for value, label in form.fields["duration"].choices]
    client.force_login(developer)
    start = timezone.localtime(visit.meeting.start)
    _move(client, visit, day=start, time="10:00", duration=50, place="Nya kontoret")
    visit.meeting.refresh_from_db()
    assert visit.meeting.end - visit.meeting.start == timedelta(minutes=50)
    assert visit.meeting.place == "Nya kontoret"
