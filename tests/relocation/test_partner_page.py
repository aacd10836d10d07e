"""The partner's own page behind their private link: everything stored, changes, consents,
introductions, and deleting everything; every kind of broken link gets a page, never a 500."""

from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from karlshamn_portal.signing import make_token
from relocation.links import EMPLOYER_PURPOSE, PARTNER_PURPOSE, partner_url
from relocation.models import Partner, PartnerEventKind
from relocation.services.hosting import add_partner_note
from tests.relocation.factories import form_data, make_host, make_partner

pytestmark = pytest.mark.django_db


def path_of(url: str) -> str:
    return url.split("testserver", 1)[-1] if "testserver" in url else "/" + url.split("/", 3)[3]


def page_url(partner: Partner) -> str:
    return path_of(partner_url(partner))


def english(client):  # type: ignore[no-untyped-def]
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


def test_the_page_shows_everything_stored_including_the_hosts_notes(client):
    partner = make_partner(name="Ana Ruiz", profession="Architect", children_ages="5", language="sv")
    add_partner_note(partner, make_host(), "Called the housing company about a flat.")
    page = client.get(page_url(partner)).content.decode()
    for stored in ("Ana Ruiz", "Architect", partner.email, partner.reference, "Called the housing company"):
        assert stored in page
    assert "Din sida i medflyttarservicen" in page


def test_the_page_is_in_english_when_chosen(client):
    partner = make_partner(language="sv")
    page = english(client).get(page_url(partner)).content.decode()
    assert "Your page in the relocation service" in page
    assert "Delete everything" in page


def test_the_page_speaks_the_partners_language_until_the_visitor_chooses_one(client):
    partner = make_partner(language="en")
    page = client.get(page_url(partner)).content.decode()
    assert '<html lang="en">' in page and "Your page in the relocation service" in page
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    assert "Din sida i medflyttarservicen" in client.get(page_url(partner)).content.decode()


def test_an_english_partner_who_deletes_is_told_in_english(client):
    partner = make_partner(language="en")
    token = page_url(partner).split("/")[2]
    response = client.post(reverse("relocation-partner-delete", args=[token]), follow=True)
    assert "Your data is deleted" in response.content.decode()


def test_the_partner_changes_what_is_stored(client):
    partner = make_partner(profession="Teacher")
    url = page_url(partner)
    response = client.post(
        url, form_data(email=partner.email, profession="Head teacher", consent_network="on")
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.profession == "Head teacher"
    assert partner.consent_network and partner.consent_network_at is not None
    kinds = set(partner.events.values_list("kind", flat=True))
    assert {PartnerEventKind.PROFILE_UPDATED, PartnerEventKind.CONSENT_CHANGED} <= kinds


def test_a_change_to_another_profiles_address_is_refused_and_keeps_what_was_typed(client):
    make_partner(email="taken@example.org")
    partner = make_partner(language="sv")
    data = form_data(email="taken@example.org", profession="Chef", language="sv")
    response = client.post(page_url(partner), data)
    page = response.content.decode()
    assert "En annan profil i tjänsten använder den här adressen." in page
    assert "Chef" in page


def test_withdrawing_a_consent_takes_one_click(client):
    partner = make_partner(consent_network=True, consent_activities=True)
    url = reverse("relocation-partner-consent", args=[page_url(partner).split("/")[2]])
    client.post(url, {"consent": "consent_network", "given": "0"})
    partner.refresh_from_db()
    assert not partner.consent_network and partner.consent_activities


def test_an_unknown_consent_is_refused_without_a_change(client):
    partner = make_partner(consent_network=True)
    url = reverse("relocation-partner-consent", args=[page_url(partner).split("/")[2]])
    response = client.post(url, {"consent": "is_superuser", "given": "1"})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.consent_network


def test_deleting_asks_for_confirmation_first(client):
    partner = make_partner(language="sv")
    token = page_url(partner).split("/")[2]
    page = client.get(reverse("relocation-partner-delete", args=[token])).content.decode()
    assert "Ja, radera allt" in page
    assert Partner.objects.filter(pk=partner.pk).exists()
    response = client.post(reverse("relocation-partner-delete", args=[token]))
    assert response["Location"] == reverse("relocation-deleted") + "?language=sv"
    assert not Partner.objects.filter(pk=partner.pk).exists()


@pytest.mark.parametrize(
    "language, text", [("sv", "Uppgifterna finns inte längre"), ("en", "The data is gone")]
)
def test_every_link_of_a_deleted_partner_says_the_data_is_gone(client, language, text):
    partner = make_partner()
    token = page_url(partner).split("/")[2]
    client.post(reverse("relocation-partner-delete", args=[token]))
    if language == "en":
        english(client)
    for url in (
        reverse("relocation-partner", args=[token]),
        reverse("relocation-partner-delete", args=[token]),
    ):
        response = client.get(url)
        assert response.status_code == 410
        assert text in response.content.decode()
    for url in (
        reverse("relocation-partner-consent", args=[token]),
        reverse("relocation-partner-introduction", args=[token, 1]),
        reverse("relocation-partner-delete", args=[token]),
        reverse("relocation-partner", args=[token]),
    ):
        assert client.post(url, {"consent": "consent_network", "given": "1"}).status_code == 410


def test_a_tampered_link_does_not_open_anything(client):
    partner = make_partner()
    token = page_url(partner).split("/")[2]
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = client.get(reverse("relocation-partner", args=[tampered]))
    assert response.status_code == 404
    assert partner.name not in response.content.decode()


def test_a_link_made_for_another_purpose_does_not_open_a_partner(client):
    partner = make_partner()
    token = make_token(EMPLOYER_PURPOSE, {"employer": partner.pk, "issued": int(timezone.now().timestamp())})
    assert client.get(reverse("relocation-partner", args=[token])).status_code == 404


def test_a_link_with_another_partners_key_does_not_open_either(client):
    first, second = make_partner(), make_partner()
    forged = make_token(PARTNER_PURPOSE, {"partner": second.pk, "key": first.link_key, "issued": 0})
    response = client.get(reverse("relocation-partner", args=[forged]))
    assert response.status_code == 410
    assert second.name not in response.content.decode()


def test_a_malformed_payload_is_a_broken_link(client):
    token = make_token(PARTNER_PURPOSE, {"partner": "x"})
    assert client.get(reverse("relocation-partner", args=[token])).status_code == 404
    unsigned = signing.dumps({"partner": 1})
    assert client.get(reverse("relocation-partner", args=[unsigned])).status_code == 404


def test_a_link_unused_for_too_long_expires_and_says_how_to_get_a_new_one(client, settings):
    settings.RELOCATION_LINK_INACTIVITY_DAYS = 30
    partner = make_partner()
    long_ago = timezone.now() - timedelta(days=31)
    Partner.objects.filter(pk=partner.pk).update(active_at=long_ago)
    url = path_of(partner_url(partner, now=long_ago))
    response = client.get(url)
    assert response.status_code == 410
    page = response.content.decode()
    assert "Länken har slutat gälla" in page
    assert "Fyll i formuläret igen med samma e-postadress" in page


def test_a_visit_keeps_the_link_alive(client, settings):
    settings.RELOCATION_LINK_INACTIVITY_DAYS = 30
    partner = make_partner()
    Partner.objects.filter(pk=partner.pk).update(active_at=timezone.now() - timedelta(days=20))
    url = path_of(partner_url(partner, now=timezone.now() - timedelta(days=20)))
    assert client.get(url).status_code == 200
    partner.refresh_from_db()
    assert partner.active_at > timezone.now() - timedelta(minutes=1)
