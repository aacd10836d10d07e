"""Subscribing on /forum/ with double opt-in, and the one-click unsubscribe."""

import re
from datetime import timedelta

from freezegun import freeze_time

from forum.models import Subscriber, SubscriberStatus
from forum.services.invitations import send_due_invitations
from karlshamn_portal.outbox.models import OutboxMessage
from tests.forum.factories import make_subscriber


def _link(message, path):
    return (
        re.search(rf"http://[^\s\"]+{path}[^\s\"]+", message.body_text)
        .group(0)
        .removeprefix("http://127.0.0.1:8000")
    )


def _subscribe(client, series, email="cecilia@foretag.se"):
    return client.post(
        "/forum/subscribe/",
        {
            "series": series.slug,
            "name": "Cecilia Carlsson",
            "email": email,
            "company_name": "Carlssons Fisk AB",
        },
    )


def test_subscribing_sends_a_confirmation_link_and_invites_nobody_yet(client, series):
    response = _subscribe(client, series)
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(email="cecilia@foretag.se")
    assert subscriber.status == SubscriberStatus.PENDING
    message = OutboxMessage.objects.get(template_name="forum_subscription_confirm")
    assert message.recipient == "cecilia@foretag.se"
    assert "/forum/unsubscribe/" in message.body_text


def test_the_confirmation_link_asks_first_and_confirms_on_post(client, series):
    _subscribe(client, series)
    link = _link(OutboxMessage.objects.get(template_name="forum_subscription_confirm"), "/forum/confirm/")

    page = client.get(link)
    assert page.status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING  # a mail scanner's GET changes nothing

    response = client.post(link)
    assert response.status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED
    assert OutboxMessage.objects.filter(template_name="forum_subscription_welcome").count() == 1


def test_a_tampered_or_expired_confirmation_link_does_not_work(client, series, clock):
    _subscribe(client, series)
    link = _link(OutboxMessage.objects.get(template_name="forum_subscription_confirm"), "/forum/confirm/")
    assert client.post(link[:-3] + "abc/").status_code == 410
    clock.tick(timedelta(days=8))
    assert client.post(link).status_code == 410
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_the_public_form_cannot_change_a_confirmed_subscription(client, series):
    make_subscriber(series, email="cecilia@foretag.se")
    _subscribe(client, series)
    assert Subscriber.objects.get().company_name == "Andersson Bygg AB"
    assert not OutboxMessage.objects.filter(template_name="forum_subscription_confirm").exists()


def test_invalid_input_is_shown_at_the_field_and_kept(client, series):
    response = client.post(
        "/forum/subscribe/",
        {"series": series.slug, "name": "Cecilia", "email": "inte-en-adress", "company_name": ""},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'value="inte-en-adress"' in content
    assert "is-invalid" in content
    assert not Subscriber.objects.exists()


def test_one_click_unsubscribe_without_login_withdraws_future_invitations(client, series):
    make_subscriber(series)
    first = series.occurrences.select_related("meeting").first()
    send_due_invitations(first.meeting.invite_at + timedelta(minutes=1))
    with freeze_time(first.meeting.invite_at + timedelta(minutes=2)):
        invitation = OutboxMessage.objects.get(
            template_name="meeting_invitation", recipient="anna@foretag.se"
        )
        link = _link(invitation, "/forum/unsubscribe/")
        # Opening the link (as a mail scanner does too) only asks.
        question = client.get(link)
        assert question.status_code == 200
        assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED
        assert "<form" in question.content.decode() and "anna@foretag.se" in question.content.decode()
        response = client.post(link)

    assert response.status_code == 200
    assert "avregistrerad" in response.content.decode().lower()
    assert Subscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED
    assert not first.meeting.invitations.filter(email="anna@foretag.se").exists()
    # The calendar entry is removed with a cancellation; later scans invite them no more.
    assert OutboxMessage.objects.filter(template_name="meeting_removed", recipient="anna@foretag.se").exists()
    send_due_invitations(first.meeting.invite_at + timedelta(minutes=3))
    assert not first.meeting.invitations.filter(email="anna@foretag.se").exists()


def test_an_official_can_leave_the_invite_list_with_the_same_link(client, series, building_official):
    from forum.links import unsubscribe_link

    link = unsubscribe_link(series.pk, building_official.email).removeprefix("http://127.0.0.1:8000")
    client.get(link)
    assert series.invited_officials.exists()
    client.post(link)
    assert not series.invited_officials.exists()


def test_a_mail_client_unsubscribes_with_a_post_and_no_csrf_token(series):
    from django.test import Client

    from forum.links import unsubscribe_link

    make_subscriber(series)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        unsubscribe_link(series.pk, "anna@foretag.se").removeprefix("http://127.0.0.1:8000")
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED


def test_forum_mail_carries_a_one_click_list_unsubscribe_header(series, django_capture_on_commit_callbacks):
    from django.core import mail
    from django.test import Client

    make_subscriber(series)
    first = series.occurrences.select_related("meeting").first()
    with django_capture_on_commit_callbacks(execute=True):
        send_due_invitations(first.meeting.invite_at + timedelta(minutes=1))
    (sent,) = [m for m in mail.outbox if m.to == ["anna@foretag.se"]]
    header = sent.message()["List-Unsubscribe"]
    assert sent.message()["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # What a mail program does with the button: a POST to the URL in the header.
    url = header.strip("<>").removeprefix("http://127.0.0.1:8000")
    assert Client(enforce_csrf_checks=True).post(url).status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED
