"""The diarium number: the number the municipality's case system gave a case."""

import pytest
from django.urls import reverse

from liaison.models import EventKind
from tests.liaison.triage_factories import make_case, make_company

pytestmark = pytest.mark.django_db


def test_a_liaison_officer_sets_the_diarium_number_and_sees_it_on_the_case_page(client, liaison):
    case = make_case(make_company("Hamnens Bageri AB"))
    client.force_login(liaison)

    response = client.post(
        reverse("case-diarium", args=[case.reference]), {"diarium-diarium_number": " KS 2026/0123 "}
    )

    assert response.status_code == 302
    page = client.get(reverse("case-detail", args=[case.reference])).content.decode()
    assert "KS 2026/0123" in page
    event = case.events.get(kind=EventKind.DIARIUM_NUMBER_SET)
    assert event.data == {"from": "", "to": "KS 2026/0123"} and event.actor == liaison
    assert not event.is_public


def test_saving_the_same_number_again_records_nothing(client, liaison):
    case = make_case(make_company("Hamnens Bageri AB"), diarium_number="KS 2026/0123")
    client.force_login(liaison)
    client.post(reverse("case-diarium", args=[case.reference]), {"diarium-diarium_number": "KS 2026/0123"})
    assert not case.events.filter(kind=EventKind.DIARIUM_NUMBER_SET).exists()


def test_an_official_cannot_set_the_diarium_number(client, building_official, building_department, liaison):
    from liaison.services.referrals import route_case

    case = make_case(make_company("Hamnens Bageri AB"))
    route_case(case, [building_department], liaison)
    client.force_login(building_official)
    response = client.post(reverse("case-diarium", args=[case.reference]), {"diarium-diarium_number": "X 1"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.diarium_number == ""


def test_the_dashboard_search_finds_a_case_by_its_diarium_number(client, liaison):
    wanted = make_case(make_company("Hamnens Bageri AB"), diarium_number="KS 2026/0123")
    make_case(make_company("Verkstaden i Mörrum AB"), subject="Ny lackeringshall")
    client.force_login(liaison)
    page = client.get(reverse("dashboard"), {"q": "KS 2026/0123"}).content.decode()
    assert wanted.reference in page
    assert "Ny lackeringshall" not in page
