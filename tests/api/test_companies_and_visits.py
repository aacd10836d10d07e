"""The register, visits and follow-ups through the API, by the same rules as the pages: business
developers and liaison officers read everything; an official reads only the visits they are
invited to, never their internal notes or follow-ups; companies nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from companies.models import FollowUpStatus
from companies.services.follow_ups import add_follow_up
from companies.services.visits import record_visit
from liaison.models import Case
from meetings.services import invite
from tests.api.factories import api, token_for
from tests.companies.factories import make_business_developer, make_contact, make_register_company, make_visit
from tests.factories import make_user
from tests.statements import statements_sent

pytestmark = pytest.mark.django_db
VISITS = "/api/v1/visits/"
COMPANIES = "/api/v1/companies/"
NOTES = "Hemlig anteckning om ägarbytet"


@pytest.fixture
def developer(db):
    return make_business_developer("nora")


@pytest.fixture
def visits(developer, building_official):
    """Two recorded visits; the building official is invited to the first only."""
    first = make_visit(make_register_company(1, name="Hamnens Bageri AB"), developer)
    second = make_visit(make_register_company(2, name="Verkstaden i Mörrum AB"), developer)
    invite(first.meeting, name="Bo", email=building_official.email, user=building_official)
    for visit in (first, second):
        record_visit(
            visit, recorded_by=developer, plans="Ny hall", internal_notes=NOTES, flags=["flag_expansion"]
        )
    return first, second


def test_an_official_lists_only_the_visits_they_are_invited_to_without_notes(building_official, visits):
    response = api(token_for(building_official, "visits:read")).get(VISITS)
    [row] = response.json()["results"]
    assert row["id"] == visits[0].pk and row["plans"] == "Ny hall" and row["flags"] == ["expansion"]
    assert row["internal_notes"] is None
    assert NOTES not in response.content.decode()


def test_an_official_reads_their_visit_but_not_its_notes_or_follow_ups(building_official, visits, developer):
    add_follow_up(visits[0], text="Skicka info om lokaler", working_days=5, owner_user=developer)
    client = api(token_for(building_official, "visits:read"))

    mine = client.get(reverse("api-visit", args=[visits[0].pk]))
    other = client.get(reverse("api-visit", args=[visits[1].pk]))

    assert mine.status_code == 200 and mine.json()["follow_ups"] is None
    assert NOTES not in mine.content.decode() and "lokaler" not in mine.content.decode()
    assert other.status_code == 403 and other["Content-Type"] == "application/json"
    assert client.get("/api/v1/follow-ups/").status_code == 403


def test_a_business_developer_reads_every_visit_with_notes_and_follow_ups(developer, visits):
    add_follow_up(visits[0], text="Skicka info om lokaler", working_days=5, owner_user=developer)
    client = api(token_for(developer, "visits:read"))

    listed = client.get(VISITS).json()["results"]
    one = client.get(reverse("api-visit", args=[visits[0].pk])).json()

    assert {row["id"] for row in listed} == {visit.pk for visit in visits}
    assert all(row["internal_notes"] == NOTES for row in listed)
    assert [follow_up["text"] for follow_up in one["follow_ups"]] == ["Skicka info om lokaler"]


def test_the_visit_list_filters_by_company_and_status(developer, visits):
    client = api(token_for(developer, "visits:read"))
    by_company = client.get(VISITS, {"company": visits[1].company_id}).json()["results"]
    assert [row["id"] for row in by_company] == [visits[1].pk]
    assert client.get(VISITS, {"status": "planned"}).json()["results"] == []
    assert client.get(VISITS, {"company": "alfa"}).status_code == 400


def test_a_company_users_token_sees_no_visit(visits):
    company_user = make_user("karin")
    client = api(token_for(company_user, "visits:read", "companies:read"))
    assert client.get(VISITS).json()["results"] == []
    assert client.get(reverse("api-visit", args=[visits[0].pk])).status_code == 403
    assert client.get(COMPANIES).status_code == 403


def test_a_token_without_the_scope_gets_403_json(developer, visits):
    client = api(token_for(developer, "cases:read"))
    for url in (
        VISITS,
        COMPANIES,
        reverse("api-company", args=[visits[0].company_id]),
        "/api/v1/follow-ups/",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "visits:read" in response.json()["detail"] or "companies:read" in response.json()["detail"]


def test_the_register_reads_in_keyset_pages_whose_links_name_no_company(developer):
    for serial in range(1, 56):
        make_register_company(serial, name=f"Företag {serial:03} AB")
    client = api(token_for(developer, "companies:read"))

    first = client.get(COMPANIES).json()
    second = client.get(first["next"]).json()
    back = client.get(second["previous"]).json()

    assert len(first["results"]) == 50 and len(second["results"]) == 5
    assert first["previous"] is None and second["next"] is None
    assert [row["id"] for row in back["results"]] == [row["id"] for row in first["results"]]
    assert "Företag" not in first["next"]
    assert second["results"][0]["name"] == "Företag 051 AB"


def test_the_register_filters_as_the_register_page_does(developer):
    make_register_company(1, name="Hamnens Bageri AB", size_class="10-19")
    make_register_company(2, name="Verkstaden i Mörrum AB", size_class="1-4")
    client = api(token_for(developer, "companies:read"))
    assert [row["name"] for row in client.get(COMPANIES, {"q": "bageri"}).json()["results"]] == [
        "Hamnens Bageri AB"
    ]
    assert [row["name"] for row in client.get(COMPANIES, {"size_class": "1-4"}).json()["results"]] == [
        "Verkstaden i Mörrum AB"
    ]
    refused = client.get(COMPANIES, {"not_met_months": "0"})
    assert refused.status_code == 400 and "not_met_months" in refused.json()


def test_one_company_comes_with_its_visits(developer, visits, liaison):
    company_id = visits[0].company_id
    body = api(token_for(liaison, "companies:read")).get(reverse("api-company", args=[company_id])).json()
    assert body["name"] == "Hamnens Bageri AB"
    assert [visit["id"] for visit in body["visits"]] == [visits[0].pk]
    assert (
        api(token_for(developer, "companies:read")).get(reverse("api-company", args=[99999])).status_code
        == 404
    )


def test_a_sole_traders_personnummer_is_masked_for_every_token_as_on_the_register_pages(developer, liaison):
    company = make_register_company(3, name="Karins Frisör", is_sole_trader=True)
    url = reverse("api-company", args=[company.pk])
    for user in (developer, liaison):
        number = api(token_for(user, "companies:read")).get(url).json()["organisation_number"]
        assert number == company.masked_organisation_number != company.organisation_number


def test_a_follow_up_is_marked_done_and_then_refused_again(developer, visits):
    follow_up = add_follow_up(visits[0], text="Ring tillbaka", working_days=3, owner_user=developer)
    client = api(token_for(developer, "visits:write"))
    url = reverse("api-follow-up-status", args=[follow_up.pk])

    done = client.post(url, {"status": "done"}, content_type="application/json")
    again = client.post(url, {"status": "done"}, content_type="application/json")

    assert done.status_code == 200 and done.json()["status"] == FollowUpStatus.DONE
    assert again.status_code == 409


def test_a_follow_up_becomes_a_case_through_the_api(developer, liaison):
    company = make_register_company(4, name="Hamnens Bageri AB")
    visit = make_visit(company, developer, contact=make_contact(company))
    record_visit(visit, recorded_by=developer)
    follow_up = add_follow_up(visit, text="Hjälp med bygglov", working_days=3, owner_user=developer)

    answer = api(token_for(developer, "visits:write")).post(
        reverse("api-follow-up-status", args=[follow_up.pk]),
        {"status": "case"},
        content_type="application/json",
    )

    case = Case.objects.get()
    assert answer.status_code == 200 and answer.json()["case"] == case.reference
    assert case.company_id == company.pk and case.contact_email == "karin@foretag.example"


def test_an_official_cannot_change_a_follow_up(building_official, developer, visits):
    follow_up = add_follow_up(visits[0], text="Ring tillbaka", working_days=3, owner_user=developer)
    answer = api(token_for(building_official, "visits:write")).post(
        reverse("api-follow-up-status", args=[follow_up.pk]),
        {"status": "done"},
        content_type="application/json",
    )
    assert answer.status_code == 403
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.OPEN


def test_the_follow_up_list_filters_by_status(developer, visits):
    open_one = add_follow_up(visits[0], text="Ring tillbaka", working_days=3, owner_user=developer)
    add_follow_up(visits[1], text="Skicka broschyr", working_days=1, owner_user=developer)
    client = api(token_for(developer, "visits:read", "visits:write"))
    client.post(
        reverse("api-follow-up-status", args=[open_one.pk]),
        {"status": "done"},
        content_type="application/json",
    )
    body = client.get("/api/v1/follow-ups/", {"status": "open"}).json()
    assert [row["text"] for row in body["results"]] == ["Skicka broschyr"]


def _statements(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(statements_sent(captured))


def test_the_visit_and_register_lists_cost_the_same_however_long_they_are(developer, visits):
    client = api(token_for(developer, "visits:read", "companies:read"))
    client.get(VISITS)  # the token's first use of the minute also records it
    short = (_statements(client, VISITS), _statements(client, COMPANIES))
    for serial in range(10, 16):
        record_visit(make_visit(make_register_company(serial), developer), recorded_by=developer)
    assert (_statements(client, VISITS), _statements(client, COMPANIES)) == short


def test_an_integration_reads_the_register_as_a_business_developer():
    make_register_company(1, name="Hamnens Bageri AB")
    out = StringIO()
    call_command(
        "create_api_token",
        "CRM",
        "--role",
        "business_developer",
        "--scope",
        "companies:read",
        stdout=out,
        stderr=StringIO(),
    )
    body = api(out.getvalue().strip()).get(COMPANIES).json()
    assert [row["name"] for row in body["results"]] == ["Hamnens Bageri AB"]
