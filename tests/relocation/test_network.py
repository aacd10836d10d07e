"""The network: an employer's private page, what it shows under the consent rules, invitations
and introductions."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from karlshamn_portal.outbox.models import OutboxMessage
from karlshamn_portal.signing import make_token
from relocation.links import PARTNER_PURPOSE, employer_token, partner_url
from relocation.models import IntroductionStatus, Partner
from relocation.services.network import answer_introduction, introduce_partner, remove_network_employer
from relocation.services.partners import set_consent
from tests.relocation.factories import form_data, make_host, make_network_employer, make_partner

pytestmark = pytest.mark.django_db


def employer_page(employer) -> str:  # type: ignore[no-untyped-def]
    return reverse("relocation-employer", args=[employer_token(employer.pk)])


def invitation(**fields: str) -> dict[str, str]:
    return {
        "name": "Lena Partner",
        "email": "lena@example.org",
        "language": "en",
        "recruit_role": "Process engineer",
        "recruit_start": "2026-09-01",
        **fields,
    }


def test_an_employer_invites_a_partner_who_gets_the_invitation_in_their_language(client):
    employer = make_network_employer("Södra Cell Mörrum")
    response = client.post(employer_page(employer), invitation())
    assert response.status_code == 302
    partner = Partner.objects.get()
    assert partner.invited_by == employer and partner.recruit_role == "Process engineer"
    assert partner.recruit_start == date(2026, 9, 1) and partner.profile_completed_at is None
    mail = OutboxMessage.objects.get(template_name="relocation_invitation")
    assert mail.recipient == "lena@example.org"
    assert mail.subject == "Södra Cell Mörrum invites you to the relocation service in Karlshamn"
    page = client.get(employer_page(employer)).content.decode()
    assert "Lena Partner" in page and "Ny" in page  # the partner they invited, with the status


def test_an_invitation_in_swedish_is_written_in_swedish(client):
    employer = make_network_employer("Södra Cell Mörrum")
    client.post(employer_page(employer), invitation(language="sv"))
    mail = OutboxMessage.objects.get(template_name="relocation_invitation")
    assert mail.subject == "Södra Cell Mörrum bjuder in dig till medflyttarservicen i Karlshamn"


def test_an_invitation_to_an_address_already_in_the_service_makes_no_second_profile(client):
    existing = make_partner(email="lena@example.org")
    employer = make_network_employer()
    client.post(employer_page(employer), invitation(email="LENA@example.org"))
    assert Partner.objects.count() == 1
    existing.refresh_from_db()
    assert existing.invited_by is None
    assert OutboxMessage.objects.filter(
        template_name="relocation_partner_link", recipient=existing.email
    ).exists()
    assert not OutboxMessage.objects.filter(template_name="relocation_invitation").exists()


def test_an_invitation_form_error_keeps_what_was_typed(client):
    employer = make_network_employer()
    response = client.post(employer_page(employer), invitation(recruit_start="soon", recruit_role="Welder"))
    page = response.content.decode()
    assert "Welder" in page and "Lena Partner" in page
    assert not Partner.objects.exists()


def test_a_profile_without_consent_a_is_never_shown_to_an_employer(client):
    employer = make_network_employer()
    make_partner(name="Private Person", consent_network=False)
    make_partner(name="Open Person", consent_network=True, phone="0701234567")
    page = client.get(employer_page(employer)).content.decode()
    assert "Open Person" in page
    assert "Private Person" not in page
    assert "0701234567" not in page  # no contact details without an accepted introduction


def test_withdrawing_consent_a_hides_the_profile_on_the_next_request(client):
    employer = make_network_employer()
    partner = make_partner(name="Open Person", consent_network=True)
    url = employer_page(employer)
    assert "Open Person" in client.get(url).content.decode()
    set_consent(partner, "consent_network", False)
    assert "Open Person" not in client.get(url).content.decode()


def test_an_introduction_shares_contact_details_only_after_acceptance(client):
    host = make_host()
    employer = make_network_employer("Karlshamns Hamn AB")
    partner = make_partner(
        name="Omar Newcomer", email="omar@example.org", phone="0709876543", consent_network=False
    )
    introduction = introduce_partner(partner, employer, host, "They look for logistics work.")
    page = client.get(employer_page(employer)).content.decode()
    assert "Omar Newcomer" not in page and "omar@example.org" not in page
    mail = OutboxMessage.objects.get(template_name="relocation_introduction")
    assert mail.recipient == "omar@example.org" and "Karlshamns Hamn AB" in mail.subject

    answer_introduction(introduction, accepted=True)
    page = client.get(employer_page(employer)).content.decode()
    assert "omar@example.org" in page and "0709876543" in page
    assert OutboxMessage.objects.filter(
        template_name="relocation_introduction_accepted", recipient=employer.contact_email
    ).exists()
    # Another employer still sees nothing of them.
    other = make_network_employer("Annan AB")
    assert "Omar Newcomer" not in client.get(employer_page(other)).content.decode()


def test_withdrawing_consent_a_also_hides_the_profile_from_an_employer_whose_introduction_was_accepted(
    client,
):
    employer = make_network_employer("Karlshamns Hamn AB")
    partner = make_partner(name="Omar Newcomer", email="omar@example.org", consent_network=True)
    introduction = introduce_partner(partner, employer, make_host(), "")
    answer_introduction(introduction, accepted=True)
    assert "omar@example.org" in client.get(employer_page(employer)).content.decode()

    set_consent(partner, "consent_network", False)

    page = client.get(employer_page(employer)).content.decode()
    assert "Omar Newcomer" not in page and "omar@example.org" not in page
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ENDED


def test_unticking_consent_a_on_the_profile_form_ends_accepted_contacts_too(client):
    employer = make_network_employer()
    partner = make_partner(name="Omar Newcomer", email="omar@example.org", consent_network=True)
    answer_introduction(introduce_partner(partner, employer, make_host(), ""), accepted=True)
    token = partner_url(partner).rsplit("/", 2)[-2]
    data = form_data(name="Omar Newcomer", email="omar@example.org", consent_network=False)
    client.post(reverse("relocation-partner", args=[token]), data)
    assert "omar@example.org" not in client.get(employer_page(employer)).content.decode()


def test_the_partner_ends_one_accepted_contact_on_their_page(client):
    employer, other = make_network_employer("Karlshamns Hamn AB"), make_network_employer("Annan AB")
    partner = make_partner(name="Omar Newcomer", email="omar@example.org", consent_network=False)
    host = make_host()
    ended = introduce_partner(partner, employer, host, "")
    kept = introduce_partner(partner, other, host, "")
    answer_introduction(ended, accepted=True)
    answer_introduction(kept, accepted=True)
    token = partner_url(partner).rsplit("/", 2)[-2]
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    own_page = client.get(reverse("relocation-partner", args=[token])).content.decode()
    assert "End the contact with Karlshamns Hamn AB" in own_page

    response = client.post(
        reverse("relocation-partner-introduction", args=[token, ended.pk]), {"answer": "end"}, follow=True
    )

    assert "The contact is ended" in response.content.decode()
    assert "omar@example.org" not in client.get(employer_page(employer)).content.decode()
    assert "omar@example.org" in client.get(employer_page(other)).content.decode()
    ended.refresh_from_db()
    assert ended.status == IntroductionStatus.ENDED
    assert partner.events.filter(kind="contact_ended").count() == 1


def test_only_an_accepted_contact_can_be_ended(client):
    partner = make_partner()
    introduction = introduce_partner(partner, make_network_employer(), make_host(), "")
    token = partner_url(partner).rsplit("/", 2)[-2]
    client.post(reverse("relocation-partner-introduction", args=[token, introduction.pk]), {"answer": "end"})
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PROPOSED


def test_a_declined_introduction_shares_nothing_and_cannot_be_answered_twice(client):
    employer = make_network_employer()
    partner = make_partner(email="decliner@example.org")
    introduction = introduce_partner(partner, employer, make_host(), "")
    assert answer_introduction(introduction, accepted=False)
    assert not answer_introduction(introduction, accepted=True)
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.DECLINED
    assert "decliner@example.org" not in client.get(employer_page(employer)).content.decode()


def test_the_partner_answers_an_introduction_on_their_page_and_not_anothers(client):
    employer = make_network_employer()
    partner, other = make_partner(), make_partner()
    introduction = introduce_partner(other, employer, make_host(), "")
    token = partner_url(partner).rsplit("/", 2)[-2]
    response = client.post(
        reverse("relocation-partner-introduction", args=[token, introduction.pk]), {"answer": "accept"}
    )
    assert response.status_code == 404
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PROPOSED
    own = partner_url(other).rsplit("/", 2)[-2]
    client.post(reverse("relocation-partner-introduction", args=[own, introduction.pk]), {"answer": "accept"})
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.ACCEPTED


def test_a_tampered_or_foreign_employer_link_opens_nothing(client):
    employer = make_network_employer()
    make_partner(name="Open Person", consent_network=True)
    token = employer_token(employer.pk)
    for bad in (token[:-2] + "xx", make_token(PARTNER_PURPOSE, {"employer": employer.pk, "issued": 0})):
        response = client.get(reverse("relocation-employer", args=[bad]))
        assert response.status_code == 404
        assert "Open Person" not in response.content.decode()


def test_an_employer_link_expires(client, settings):
    settings.RELOCATION_EMPLOYER_LINK_DAYS = 30
    employer = make_network_employer()
    old = employer_token(employer.pk, now=timezone.now() - timedelta(days=31))
    response = client.get(reverse("relocation-employer", args=[old]))
    assert response.status_code == 410
    assert "Be medflyttarvärden om en ny länk." in response.content.decode()


def test_an_employer_that_left_the_network_is_refused(client):
    employer = make_network_employer()
    url = employer_page(employer)
    remove_network_employer(employer)
    response = client.get(url)
    assert response.status_code == 410
    assert "inte längre med i medflyttarnätverket" in response.content.decode()


def test_the_employer_page_is_in_english_when_chosen(client):
    employer = make_network_employer()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(employer_page(employer)).content.decode()
    assert "Invite a recruit's partner" in page
    assert "Profiles shared with the network" in page


def test_the_employer_page_speaks_the_contacts_language_until_the_visitor_chooses_one(client):
    employer = make_network_employer("Karlshamns Hamn AB", language="en")
    assert (
        "Karlshamns Hamn AB in the relocation network" in client.get(employer_page(employer)).content.decode()
    )
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    page = client.get(employer_page(employer)).content.decode()
    assert "Karlshamns Hamn AB i medflyttarnätverket" in page
