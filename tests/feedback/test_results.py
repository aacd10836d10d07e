"""The staff view: NKI by group and period with the threshold, the trend, comments by access,
and the answers behind a low score."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feedback import results
from feedback.periods import year
from liaison.models import Referral
from tests.factories import make_department, make_liaison, make_official
from tests.feedback.factories import answered, surveyed_case
from tests.liaison.factories import make_topic


@pytest.fixture
def world(db):
    building = make_department("bygglov", "Bygglov", "Building permits")
    health = make_department("miljo", "Miljöförbundet", "Environmental association")
    topic = make_topic()
    for _number in range(7):
        answered(surveyed_case(departments=(building,), topic=topic), 9, 9, 9)
    answered(
        surveyed_case(departments=(building,), topic=topic), 2, 2, 2, comment="Bygglovet tog för lång tid"
    )
    answered(surveyed_case(departments=(health,)), 8, 8, 8, comment="Miljö var snabba")
    return building, health


def test_liaison_sees_every_group_with_the_threshold_and_every_comment(client, world):
    client.force_login(make_liaison("lina"))
    body = client.get(f"/feedback/?period={timezone.localdate().year}").content.decode()
    # Service: 7 × 88.89 + 11.11 + 77.78 = 711.1 / 9 = 79.0 -> 79, high.
    assert "<td>79</td><td>Högt</td>" in body
    # Building permits: (7 × 88.89 + 11.11) / 8 = 79.2 -> 79; environment: one answer, too few.
    assert body.count("för få svar") >= 1
    assert "Bygglovet tog för lång tid" in body and "Miljö var snabba" in body
    assert "Ärenden bakom ett lågt betyg" in body and ">11</td>" in body


def test_an_official_sees_the_comments_of_their_departments_cases_only(client, world):
    building, _health = world
    client.force_login(make_official("bo", building))
    body = client.get("/feedback/").content.decode()
    assert "Bygglovet tog för lång tid" in body
    assert "Miljö var snabba" not in body
    assert "/feedback/export/" not in body  # exports are the liaison officers'


def test_an_unknown_period_shows_this_year(client, world):
    client.force_login(make_liaison("lina"))
    response = client.get("/feedback/?period=2026-13")
    assert response.status_code == 200
    assert f"Resultat för {timezone.localdate().year}" in response.content.decode()


def test_the_staff_view_makes_a_fixed_number_of_queries(client, world):
    client.force_login(make_liaison("lina"))
    client.get("/feedback/")
    with CaptureQueriesContext(connection) as few:
        client.get("/feedback/")
    for _number in range(10):
        answered(surveyed_case(), 5, 5, 5, comment="Mer")
    with CaptureQueriesContext(connection) as more:
        client.get("/feedback/")
    assert len(more.captured_queries) == len(few.captured_queries)


def test_a_case_a_department_had_twice_counts_once_and_a_declined_referral_not_at_all(db):
    building = make_department("bygglov", "Bygglov", "Building permits")
    health = make_department("miljo", "Miljöförbundet", "Environmental association")
    for _number in range(6):
        answered(surveyed_case(departments=(building,)), 10, 10, 10)
    # Done by building permits, then sent to them again and done once more; health declined it.
    twice = surveyed_case(departments=(building, building))
    Referral.objects.create(
        case=twice.case, department=health, due_date=twice.sent_at.date(), status="declined"
    )
    answered(twice, 1, 1, 1)

    (building_result,) = results.department_results(year(timezone.localdate().year))
    # Seven companies: (6 × 100 + 0) / 7 = 85.7 -> 86, answered by all seven surveyed.
    assert building_result.name == "Bygglov"
    assert (building_result.nki.value, building_result.nki.respondents) == (86, 7)
    assert building_result.nki.response_rate == 100
