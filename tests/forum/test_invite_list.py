"""The liaison officer's invite list: add a company contact or any address; removing someone
asks once more first."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from forum.models import SubscriberStatus
from forum.services.invitations import send_due_invitations
from karlshamn_portal.outbox.models import OutboxMessage
from tests.forum.factories import make_subscriber


@pytest.fixture
def signed_in(client, liaison):
    client.force_login(liaison)
    return client


def _add(client, series, **data):
    return client.post(reverse("forum:subscriber-add", args=[series.slug]), data)


def test_the_liaison_officer_adds_a_company_contact_who_is_told_and_invited(signed_in, series):
    response = _add(
        signed_in,
        series,
        email="Erik@Nystromsbageri.example.se",
        name="Erik Nyström",
        company_name="Nyströms Bageri",
    )
    assert response.status_code == 302
    subscriber = series.subscribers.get()
    assert (subscriber.email, subscriber.status) == (
        "erik@nystromsbageri.example.se",
        SubscriberStatus.CONFIRMED,
    )
    (told,) = OutboxMessage.objects.filter(template_name="forum_added_to_invite_list")
    assert told.recipient == "erik@nystromsbageri.example.se"
    assert "/forum/unsubscribe/" in told.body_text
    assert "List-Unsubscribe" in told.headers

    first = series.occurrences.select_related("meeting").first()
    send_due_invitations(first.meeting.invite_at + timedelta(minutes=1))
    assert first.meeting.invitations.filter(email="erik@nystromsbageri.example.se").exists()

    page = signed_in.get(reverse("forum:series-detail", args=[series.slug])).content.decode()
    assert "Nyströms Bageri" in page


def test_any_address_will_do_without_a_name_or_company(signed_in, series):
    _add(signed_in, series, email="info@example.se")
    assert series.subscribers.get().name == "info@example.se"


def test_a_wrong_address_is_explained_at_the_field_and_kept(signed_in, series):
    response = _add(signed_in, series, email="inte-en-adress", name="Erik")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="inte-en-adress"' in page
    assert re.search("giltig (e-post|mejl)adress", page)
    assert not series.subscribers.exists()


def test_an_official_cannot_add_to_the_list(client, series, building_official):
    client.force_login(building_official)
    assert _add(client, series, email="info@example.se").status_code == 403


def test_removing_asks_for_confirmation_before_the_button_that_removes(signed_in, series):
    make_subscriber(series, "Anna Andersson", "anna@foretag.se", status=SubscriberStatus.CONFIRMED)
    page = signed_in.get(reverse("forum:series-detail", args=[series.slug])).content.decode()
    disclosure = page[page.index('<details class="confirm-remove">') : page.index("</details>")]
    assert "<summary" in disclosure and "Ta bort Anna Andersson" in disclosure
    assert "Ja, ta bort Anna Andersson" in disclosure
    signed_in.post(reverse("forum:subscriber-remove", args=[series.slug]), {"email": "anna@foretag.se"})
    assert series.subscribers.get().status == SubscriberStatus.UNSUBSCRIBED
