"""/meetings/: a logged-in official sees and answers their own invitations."""

import pytest
from django.urls import reverse

from meetings.models import Answer
from meetings.services import invite
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db


def test_official_sees_only_their_own_upcoming_invitations(client, building_official, environment_official):
    mine = invite(
        make_meeting(title="Möte om Hamnvägen 3"), name="Bo", email="bo@kommun.se", user=building_official
    )
    invite(
        make_meeting(title="Möte om Sågverket"),
        name="Maja",
        email="maja@kommun.se",
        user=environment_official,
    )
    client.force_login(building_official)

    page = client.get(reverse("meetings:mine"))

    assert "Möte om Hamnvägen 3" in page.text
    assert "Möte om Sågverket" not in page.text
    assert f'action="{reverse("meetings:answer-own", args=[mine.pk])}"' in page.text


def test_official_answers_from_the_list(client, building_official):
    invitation = invite(make_meeting(), name="Bo", email="bo@kommun.se", user=building_official)
    client.force_login(building_official)

    response = client.post(
        reverse("meetings:answer-own", args=[invitation.pk]),
        {
            f"invitation-{invitation.pk}-answer": "TENTATIVE",
            f"invitation-{invitation.pk}-comment": "Om jag hinner",
        },
    )

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.answer, invitation.comment) == (Answer.TENTATIVE, "Om jag hinner")


def test_nobody_answers_someone_elses_invitation(client, building_official, environment_official):
    invitation = invite(make_meeting(), name="Bo", email="bo@kommun.se", user=building_official)
    client.force_login(environment_official)

    response = client.post(
        reverse("meetings:answer-own", args=[invitation.pk]),
        {f"invitation-{invitation.pk}-answer": "DECLINED"},
    )

    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.answer == Answer.NEEDS_ACTION


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("meetings:mine"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_answering_needs_post(client, building_official):
    invitation = invite(make_meeting(), name="Bo", email="bo@kommun.se", user=building_official)
    client.force_login(building_official)
    assert client.get(reverse("meetings:answer-own", args=[invitation.pk])).status_code == 405


def test_list_runs_a_constant_number_of_queries(client, building_official, django_assert_max_num_queries):
    for day in range(1, 6):
        meeting = make_meeting(title=f"Möte {day}")
        invite(meeting, name="Bo", email="bo@kommun.se", user=building_official)
    client.force_login(building_official)

    with django_assert_max_num_queries(8):
        page = client.get(reverse("meetings:mine"))
    assert page.text.count("<section") == 5
