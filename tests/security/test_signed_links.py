"""Every e-mailed link is a signed token: tampering, another purpose, another object or age
make it worthless. (Per-view checks, such as one-time use, are tested with each view.)"""

from datetime import timedelta

import pytest
from freezegun import freeze_time

from karlshamn_portal.signing import InvalidLink, make_token, read_token

WEEK = timedelta(days=7)


def test_a_fresh_token_reads_back_its_payload():
    assert read_token("track", make_token("track", {"case": 41}), WEEK) == {"case": 41}


@pytest.mark.parametrize("position", [0, 5, -1, -10])
def test_a_token_changed_in_any_character_is_refused(position):
    token = make_token("track", {"case": 41})
    changed = token[position]
    replacement = "A" if changed != "A" else "B"
    tampered = token[:position] + replacement + (token[position + 1 :] if position != -1 else "")
    with pytest.raises(InvalidLink):
        read_token("track", tampered, WEEK)


def test_a_token_made_for_one_purpose_opens_no_other():
    token = make_token("rsvp", {"invitation": 7})
    with pytest.raises(InvalidLink):
        read_token("track", token, WEEK)


def test_a_token_cannot_be_pointed_at_another_object():
    # Splice the payload of company B's token onto the signature of company A's.
    token_a = make_token("track", {"case": 1})
    token_b = make_token("track", {"case": 2})
    payload_b = token_b.rsplit(":", 2)[0]
    timestamp_a, signature_a = token_a.rsplit(":", 2)[1:]
    with pytest.raises(InvalidLink):
        read_token("track", f"{payload_b}:{timestamp_a}:{signature_a}", WEEK)


def test_a_token_expires_after_its_maximum_age():
    with freeze_time("2026-03-01 08:00:00"):
        token = make_token("track", {"case": 41})
    with freeze_time("2026-03-08 07:59:00"):
        assert read_token("track", token, WEEK) == {"case": 41}
    with freeze_time("2026-03-08 08:00:01"), pytest.raises(InvalidLink):
        read_token("track", token, WEEK)


@pytest.mark.parametrize("garbage", ["", ":", "a:b:c", "x" * 5000, "../../etc/passwd", "\x00", "é:ö:å"])
def test_garbage_is_refused_as_an_invalid_link(garbage):
    with pytest.raises(InvalidLink):
        read_token("track", garbage, WEEK)


def test_a_token_signed_with_another_secret_is_refused(settings):
    token = make_token("track", {"case": 41})
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    with pytest.raises(InvalidLink):
        read_token("track", token, WEEK)


# Links as the views use them.


@pytest.fixture
def world(db):
    from tests.security.world import make_world

    return make_world()


def test_a_replayed_confirmation_link_confirms_once_and_sends_one_welcome(client, world):
    from django.urls import reverse

    from forum.links import CONFIRM
    from forum.models import Subscriber, SubscriberStatus
    from karlshamn_portal.outbox.models import OutboxMessage

    pending = Subscriber.objects.create(
        series=world.series, name="Petra", email="petra@example.se", company_name="Petra AB"
    )
    url = reverse(
        "forum:confirm", args=[make_token(CONFIRM, {"subscriber": pending.pk, "email": pending.email})]
    )
    assert client.post(url).status_code == 200
    assert client.post(url).status_code == 200
    pending.refresh_from_db()
    assert pending.status == SubscriberStatus.CONFIRMED
    assert (
        OutboxMessage.objects.filter(
            template_name="forum_subscription_welcome", recipient=pending.email
        ).count()
        == 1
    )


def test_a_confirmation_link_replayed_after_unsubscribing_does_not_subscribe_again(client, world):
    from django.urls import reverse

    from forum.links import CONFIRM, UNSUBSCRIBE
    from forum.models import SubscriberStatus

    subscriber = world.subscriber_a
    unsubscribe = make_token(UNSUBSCRIBE, {"series": world.series.pk, "email": subscriber.email})
    assert client.post(reverse("forum:unsubscribe", args=[unsubscribe])).status_code == 200
    confirm = make_token(CONFIRM, {"subscriber": subscriber.pk, "email": subscriber.email})
    assert client.post(reverse("forum:confirm", args=[confirm])).status_code == 410
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_an_answer_link_opens_only_its_own_invitation(client, world):
    from django.urls import reverse

    from meetings.links import answer_token
    from meetings.services.invitations import invite

    other = invite(world.invitation_x.meeting, name="Yvonne", email=world.official_y.email)
    token_x = answer_token(world.invitation_x)
    assert client.get(reverse("meetings:answer", args=[world.invitation_x.pk, token_x])).status_code == 200
    assert client.get(reverse("meetings:answer", args=[other.pk, token_x])).status_code == 404
    assert (
        client.post(reverse("meetings:answer", args=[other.pk, token_x]), {"answer": "DECLINED"}).status_code
        == 404
    )
    other.refresh_from_db()
    assert other.answer == "NEEDS-ACTION"
