"""The public form /medflyttare/: in Swedish and English, every error kept with what was typed,
one profile per address, and the same rate limit as the request form."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from karlshamn_portal.outbox.models import OutboxMessage
from relocation.models import Partner, PartnerOutcome
from tests.relocation.factories import form_data, make_host, make_partner

pytestmark = pytest.mark.django_db
FORM = "/medflyttare/"


def english(client):  # type: ignore[no-untyped-def]
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


def test_the_form_is_in_swedish_by_default_and_in_english_when_chosen(client):
    swedish = client.get(FORM).content.decode()
    assert "Flytta till Karlshamn med din partner" in swedish
    assert "Vi frågar aldrig efter personnummer" in swedish
    english(client)
    page = client.get(FORM).content.decode()
    assert "Moving to Karlshamn with your partner" in page
    assert "personnummer" in page  # the English text names it too
    assert "Invite me to activities for newcomers" in page


def test_a_partner_registers_in_english_and_gets_an_english_welcome_with_their_link(client):
    host = make_host()
    english(client)
    response = client.post(FORM, form_data(email="Sam@Example.org", name="Sam Newcomer"))
    assert response.status_code == 302
    assert response["Location"] == reverse("relocation-form-sent")
    partner = Partner.objects.get()
    assert partner.email == "Sam@Example.org" and partner.language == "en"
    welcome = OutboxMessage.objects.get(template_name="relocation_welcome")
    assert welcome.recipient == "Sam@Example.org"
    assert welcome.subject == "Welcome to the relocation service in Karlshamn"
    assert "/medflyttare/" in welcome.body_text
    notice = OutboxMessage.objects.get(template_name="relocation_new_partner")
    assert notice.recipient == host.email
    # Staff notices name the partner by reference only.
    assert partner.reference in notice.body_text and "Sam" not in notice.body_text
    assert PartnerOutcome.objects.filter(partner=partner).exists()


def test_a_swedish_registration_gets_a_swedish_welcome(client):
    client.post(FORM, form_data(language="sv"))
    welcome = OutboxMessage.objects.get(template_name="relocation_welcome")
    assert welcome.subject == "Välkommen till medflyttarservicen i Karlshamn"


def test_a_form_error_keeps_everything_typed(client):
    data = form_data(
        email="not-an-address", profession="Nurse", children_ages="2", other_needs="Dog friendly flat"
    )
    response = client.post(FORM, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ange en giltig mejladress." in page
    for typed in ("not-an-address", "Nurse", "Dog friendly flat", "Pune, India"):
        assert typed in page
    assert re.search(r'<input type="checkbox" name="needs_housing"[^>]* checked', page)
    assert not Partner.objects.exists()


def test_a_bad_arrival_date_and_phone_are_refused_next_to_their_fields(client):
    response = client.post(FORM, form_data(arrival="3000-01-01", phone="call me"))
    page = response.content.decode()
    assert "Ange ett datum mellan 2000 och 2100." in page
    assert "Ange ett telefonnummer med siffror" in page
    assert not Partner.objects.exists()


def test_an_address_already_in_the_service_gets_a_link_to_its_profile_not_a_second_one(client):
    partner = make_partner(email="known@example.org", profession="Teacher")
    response = client.post(FORM, form_data(email="KNOWN@example.org", profession="Pilot"))
    assert response.status_code == 302
    assert Partner.objects.count() == 1
    partner.refresh_from_db()
    assert partner.profession == "Teacher"  # the stranger's form changed nothing
    link = OutboxMessage.objects.get(template_name="relocation_partner_link")
    assert link.recipient == "known@example.org"


def missed_once(find_partner):  # type: ignore[no-untyped-def]
    """find_partner as it answers when a second form with the same address is sent while the first
    is still being stored: the first look finds nothing, the insert then meets the stored row."""
    looks = iter(["missed"])

    def find(email: str):  # type: ignore[no-untyped-def]
        return None if next(looks, None) else find_partner(email)

    return find


def test_a_second_form_racing_the_first_with_the_same_address_gets_the_link_not_an_error(client, monkeypatch):
    from relocation.services import partners

    make_partner(email="race@example.org")
    monkeypatch.setattr(partners, "find_partner", missed_once(partners.find_partner))
    response = client.post(FORM, form_data(email="race@example.org"))
    assert response.status_code == 302
    assert Partner.objects.count() == 1
    assert OutboxMessage.objects.get(template_name="relocation_partner_link").recipient == "race@example.org"


def test_an_invitation_racing_a_registration_with_the_same_address_makes_no_second_profile(monkeypatch):
    from relocation.services import network
    from tests.relocation.factories import make_network_employer

    first = make_partner(email="race@example.org")
    monkeypatch.setattr(network, "find_partner", missed_once(network.find_partner))
    details = {
        "name": "Race Partner",
        "email": "race@example.org",
        "language": "en",
        "recruit_role": "Engineer",
        "recruit_start": None,
    }
    assert network.invite_partner(make_network_employer(), details) == first
    assert Partner.objects.count() == 1
    assert OutboxMessage.objects.filter(template_name="relocation_partner_link").count() == 1


def test_the_honeypot_stores_nothing(client):
    response = client.post(FORM, {**form_data(), "website": "http://spam.example"})
    assert response.status_code == 400
    assert not Partner.objects.exists()


@override_settings(SUBMISSIONS_PER_HOUR=2)
def test_the_form_is_rate_limited_like_the_request_form(client):
    for number in range(2):
        assert client.post(FORM, form_data(email=f"p{number}@example.org")).status_code == 302
    response = client.post(FORM, form_data(email="third@example.org", profession="Baker"))
    assert response.status_code == 429
    assert response["Retry-After"]
    assert Partner.objects.count() == 2
