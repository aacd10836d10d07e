"""The public subscribe form cannot be used to mail-bomb an address or to put a link in our
confirmation e-mail; an agenda proposal link cannot flood the agenda."""

import html
from datetime import timedelta

from forum.links import PROPOSE, forum_link
from forum.models import AgendaItem, Subscriber
from karlshamn_portal.outbox.models import OutboxMessage
from tests.forum.factories import make_series, make_subscriber

SITE = "http://127.0.0.1:8000"


def _subscribe(client, series, email="cecilia@foretag.se", **fields):
    data = {
        "series": series.slug,
        "name": "Cecilia Carlsson",
        "email": email,
        "company_name": "Carlssons Fisk AB",
    }
    return client.post("/forum/subscribe/", {**data, **fields}, HTTP_ACCEPT_LANGUAGE="en")


def _confirmations(email="cecilia@foretag.se"):
    return OutboxMessage.objects.filter(template_name="forum_subscription_confirm", recipient=email).count()


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def test_a_robot_filling_in_the_hidden_field_is_refused_and_nothing_is_stored(client, series):
    response = _subscribe(client, series, website="https://spam.example")
    assert response.status_code == 400
    assert "could not be sent" in page_of(response)
    assert not Subscriber.objects.exists()
    assert _confirmations() == 0


def test_the_hidden_field_is_hidden_from_people_and_screen_readers(client, series):
    page = client.get("/forum/").content.decode()
    assert 'name="website"' in page
    hidden = page[page.index('aria-hidden="true"') - 80 : page.index('name="website"')]
    assert "d-none" in hidden


def test_subscribing_again_while_the_confirmation_is_fresh_sends_no_new_mail(client, series, clock):
    for _ in range(3):
        assert _subscribe(client, series).status_code == 302
    assert _confirmations() == 1
    clock.tick(timedelta(minutes=61))
    assert _subscribe(client, series).status_code == 302
    assert _confirmations() == 2


def test_one_address_gets_at_most_three_confirmations_a_day_whoever_asks(client, series, liaison, clock):
    others = [make_series(liaison, name=f"Forum {n}", slug=f"forum-{n}") for n in range(4)]
    answers = [
        _subscribe(client, other, REMOTE_ADDR=f"10.0.0.{n}").status_code for n, other in enumerate(others)
    ]
    assert answers == [302, 302, 302, 429]
    assert _confirmations() == 3
    refused = _subscribe(client, others[3], REMOTE_ADDR="10.0.0.9")
    assert refused.status_code == 429
    assert "try again tomorrow" in page_of(refused)
    assert not Subscriber.objects.filter(series=others[3]).exists()  # nothing half stored
    clock.tick(timedelta(days=1))  # the next day: a new window
    assert _subscribe(client, others[3]).status_code == 302
    assert _confirmations() == 4


def test_one_client_can_subscribe_only_so_many_addresses_an_hour(client, series, settings):
    settings.SUBMISSIONS_PER_HOUR = 2
    answers = [_subscribe(client, series, email=f"person{n}@example.se").status_code for n in range(3)]
    assert answers == [302, 302, 429]
    assert OutboxMessage.objects.filter(template_name="forum_subscription_confirm").count() == 2


def test_a_link_typed_as_a_name_does_not_ride_in_the_confirmation_email(client, series):
    name = "Dear customer, claim your refund at http://evil.example/refund\r\nKarlshamn kommun"
    assert _subscribe(client, series, name=name).status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.name == "Dear customer, claim your refund at Karlshamn kommun"
    message = OutboxMessage.objects.get(template_name="forum_subscription_confirm")
    for part in (message.body_text, message.body_html):
        assert "evil.example" not in part


def test_a_subscriber_proposes_only_a_few_topics_a_day(client, series, settings):
    settings.AGENDA_PROPOSALS_PER_SUBSCRIBER_PER_DAY = 2
    subscriber = make_subscriber(series)
    first = series.occurrences.first()
    path = forum_link(PROPOSE, occurrence=first.pk, subscriber=subscriber.pk).removeprefix(SITE)
    answers = [
        client.post(path, {"title": f"Ämne {n}"}, REMOTE_ADDR=f"10.1.0.{n}", HTTP_ACCEPT_LANGUAGE="en")
        for n in range(3)
    ]
    assert [answer.status_code for answer in answers] == [302, 302, 429]
    assert "try again tomorrow" in page_of(answers[2])
    assert "Ämne 2" in page_of(answers[2])  # what they wrote is kept
    assert AgendaItem.objects.count() == 2
