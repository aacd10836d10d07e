import pytest
from django.urls import reverse

from liaison.models import EventKind, ReferralStatus
from liaison.services.referrals import route_case
from tests.api.factories import api, token_for
from tests.liaison.triage_factories import make_case, make_company

pytestmark = pytest.mark.django_db
REFERRALS = "/api/v1/referrals/"


@pytest.fixture
def referrals(liaison, building_department, environment_department):
    case = make_case(make_company("Hamnens Bageri AB"))
    return {
        r.department.slug: r for r in route_case(case, [building_department, environment_department], liaison)
    }


def test_an_official_lists_their_departments_referrals(building_official, referrals):
    body = api(token_for(building_official, "referrals:read")).get(REFERRALS).json()
    assert [row["id"] for row in body["results"]] == [referrals["bygglov"].pk]


def test_a_liaison_officer_lists_them_all(liaison, referrals):
    body = api(token_for(liaison, "referrals:read")).get(REFERRALS, {"status": "pending"}).json()
    assert len(body["results"]) == 2


def test_an_official_accepts_and_finishes_their_part(building_official, referrals):
    client = api(token_for(building_official, "referrals:write"))
    url = reverse("api-referral-answer", args=[referrals["bygglov"].pk])

    accepted = client.post(url, {"status": "accepted"}, content_type="application/json")
    done = client.post(url, {"status": "done", "text": "Bygglov beviljat."}, content_type="application/json")

    assert accepted.json()["status"] == ReferralStatus.ACCEPTED
    assert done.json()["status"] == ReferralStatus.DONE
    kinds = list(referrals["bygglov"].events.values_list("kind", flat=True))
    assert EventKind.REFERRAL_ACCEPTED in kinds and EventKind.REFERRAL_DONE in kinds


def test_declining_needs_a_reason(building_official, referrals):
    client = api(token_for(building_official, "referrals:write"))
    url = reverse("api-referral-answer", args=[referrals["bygglov"].pk])
    assert client.post(url, {"status": "declined"}, content_type="application/json").status_code == 400
    assert (
        client.post(
            url, {"status": "declined", "text": "Inte vårt."}, content_type="application/json"
        ).status_code
        == 200
    )


def test_an_official_cannot_answer_another_departments_referral(building_official, referrals):
    client = api(token_for(building_official, "referrals:write"))
    response = client.post(
        reverse("api-referral-answer", args=[referrals["miljo"].pk]),
        {"status": "accepted"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_answering_twice_is_a_409(building_official, referrals):
    client = api(token_for(building_official, "referrals:write"))
    url = reverse("api-referral-answer", args=[referrals["bygglov"].pk])
    client.post(url, {"status": "accepted"}, content_type="application/json")
    assert client.post(url, {"status": "accepted"}, content_type="application/json").status_code == 409


def test_forum_meetings_are_for_liaison_officers(liaison, building_official):
    from tests.forum.factories import make_series

    make_series(liaison)
    assert api(token_for(liaison, "forum:read")).get("/api/v1/forum/meetings/").json()["results"]
    assert api(token_for(building_official, "forum:read")).get("/api/v1/forum/meetings/").status_code == 403
