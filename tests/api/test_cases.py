"""Cases through the API: the same access rules and the same timeline as the pages."""

import pytest
from django.urls import reverse

from karlshamn_portal.outbox.models import OutboxMessage
from liaison.models import Case, CaseStatus, EventKind, PersonalDataSeen, PersonalDataSeenKind
from liaison.services.referrals import route_case
from liaison.services.triage import add_internal_note
from tests.api.factories import api, token_for
from tests.liaison.triage_factories import make_case, make_company, make_topic

pytestmark = pytest.mark.django_db
CASES = "/api/v1/cases/"
PHONE_CASE = {
    "channel": "phone",
    "company_name": "Hamnens Bageri AB",
    "organisation_number": "556036-0793",
    "contact_name": "Hanna Hamn",
    "contact_email": "hanna@hamnensbageri.se",
    "subject": "Uteservering",
    "description": "Ringde och frågade om bord på trottoaren.",
}


@pytest.fixture
def two_cases(liaison, building_department):
    referred = make_case(make_company("Hamnens Bageri AB"), subject="Ombyggnad")
    other = make_case(make_company("Verkstaden i Mörrum AB"), subject="Lackeringshall")
    route_case(referred, [building_department], liaison)
    return referred, other


def references(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [row["reference"] for row in response.json()["results"]]


def test_a_liaison_officers_token_lists_every_case(liaison, two_cases):
    response = api(token_for(liaison, "cases:read")).get(CASES)
    assert response.status_code == 200
    assert sorted(references(response)) == sorted(case.reference for case in two_cases)


def test_an_officials_token_sees_only_cases_referred_to_their_department(building_official, two_cases):
    referred, other = two_cases
    client = api(token_for(building_official, "cases:read"))

    assert references(client.get(CASES)) == [referred.reference]
    assert client.get(reverse("api-case", args=[referred.reference])).status_code == 200
    assert client.get(reverse("api-case", args=[other.reference])).status_code == 403
    assert client.get(reverse("api-case", args=["NL-1999-9999"])).status_code == 404


def test_an_outsiders_token_sees_no_case(outsider, two_cases):
    assert api(token_for(outsider, "cases:read")).get(CASES).status_code == 403


def test_one_case_comes_with_its_public_and_internal_events(liaison, two_cases):
    case, _ = two_cases
    add_internal_note(case, "Ring tillbaka på fredag.", liaison)

    body = api(token_for(liaison, "cases:read")).get(reverse("api-case", args=[case.reference])).json()

    kinds = {(event["kind"], event["is_public"]) for event in body["events"]}
    assert (EventKind.SUBMITTED, True) in kinds and (EventKind.NOTE, False) in kinds
    assert body["referrals"][0]["department"] == "bygglov"


def test_a_sole_traders_number_is_masked_for_every_token_and_revealed_only_by_a_recorded_post(
    building_official, liaison, building_department
):
    sole = make_case(make_company("Anna Andersson Måleri", organisation_number="811218-9876"))
    sole.company.is_sole_trader = True
    sole.company.save()
    route_case(sole, [building_department], liaison)
    liaisons_api = api(token_for(liaison, "cases:read"))
    officials_api = api(token_for(building_official, "cases:read"))
    reveal = reverse("api-case-personnummer", args=[sole.reference])

    for reader in (liaisons_api, officials_api):
        listed = reader.get(CASES).json()["results"][0]["company"]["organisation_number"]
        one = reader.get(f"{CASES}{sole.reference}/").json()["company"]["organisation_number"]
        assert listed == one == "811218-****"
    assert not PersonalDataSeen.objects.exists()

    refused = officials_api.post(reveal)
    revealed = liaisons_api.post(reveal)

    assert refused.status_code == 403 and "9876" not in refused.content.decode()
    assert revealed.json() == {"organisation_number": "811218-9876"}
    seen = PersonalDataSeen.objects.get()
    assert (seen.kind, seen.case, seen.user) == (PersonalDataSeenKind.PERSONNUMMER, sole, liaison)
    assert liaisons_api.get(reveal).status_code == 405


def test_the_list_pages_with_a_cursor_and_filters(liaison):
    for number in range(5):
        make_case(make_company(f"Företag {number}"), status=CaseStatus.OPEN if number % 2 else CaseStatus.NEW)
    client = api(token_for(liaison, "cases:read"))

    first = client.get(CASES, {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    assert len(first["results"]) == 2 and len(second["results"]) == 2
    assert not set(references_of(first)) & set(references_of(second))
    assert {row["status"] for row in client.get(CASES, {"status": "open"}).json()["results"]} == {"open"}


def references_of(body: dict) -> list[str]:
    return [row["reference"] for row in body["results"]]


def test_a_case_received_by_phone_is_stored_like_a_submitted_one(liaison):
    make_topic("bygglov", "Bygglov", "Building permit")
    response = api(token_for(liaison, "cases:write")).post(
        CASES, {**PHONE_CASE, "topic": "bygglov"}, content_type="application/json"
    )

    assert response.status_code == 201, response.content
    case = Case.objects.get(reference=response.json()["reference"])
    event = case.events.get()
    assert event.kind == EventKind.SUBMITTED and event.actor == liaison and event.data == {"channel": "phone"}
    assert case.topic is not None and case.topic.slug == "bygglov"
    # The company gets its receipt and private link, as from the form.
    assert OutboxMessage.objects.filter(
        template_name="case_received", recipient=PHONE_CASE["contact_email"]
    ).exists()


def test_a_case_with_a_wrong_organisation_number_is_refused_field_by_field(liaison):
    response = api(token_for(liaison, "cases:write")).post(
        CASES, {**PHONE_CASE, "organisation_number": "556036-0794"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "organisation_number" in response.json()
    assert not Case.objects.exists()


def test_officials_cannot_register_cases(building_official):
    response = api(token_for(building_official, "cases:write")).post(
        CASES, PHONE_CASE, content_type="application/json"
    )
    assert response.status_code == 403


def test_changing_the_status_records_the_same_event_as_the_case_page(liaison, two_cases):
    _, case = two_cases
    client = api(token_for(liaison, "cases:read", "cases:write"))

    response = client.post(
        reverse("api-case-status", args=[case.reference]),
        {"status": "waiting"},
        content_type="application/json",
    )

    assert response.status_code == 200 and response.json()["status"] == "waiting"
    event = case.events.get(kind=EventKind.STATUS_CHANGED)
    assert event.data == {"from": "new", "to": "waiting"} and event.actor == liaison and event.is_public


def test_closing_needs_a_summary_and_tells_the_company(liaison, two_cases):
    case, _ = two_cases
    client = api(token_for(liaison, "cases:write"))
    url = reverse("api-case-status", args=[case.reference])

    assert client.post(url, {"status": "closed"}, content_type="application/json").status_code == 400
    assert (
        client.post(
            url, {"status": "closed", "summary": "Klart."}, content_type="application/json"
        ).status_code
        == 200
    )
    assert OutboxMessage.objects.filter(template_name="case_closed").exists()


def test_a_move_the_status_rules_forbid_is_a_409(liaison, two_cases):
    _, case = two_cases  # new
    client = api(token_for(liaison, "cases:write"))
    response = client.post(
        reverse("api-case-status", args=[case.reference]),
        {"status": "resolved"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["detail"]


def test_officials_cannot_change_a_cases_status(building_official, two_cases):
    case, _ = two_cases
    client = api(token_for(building_official, "cases:write"))
    response = client.post(
        reverse("api-case-status", args=[case.reference]), {"status": "open"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_the_diarium_sets_its_number_and_finds_the_case_by_it(liaison, two_cases):
    case, _ = two_cases
    client = api(token_for(liaison, "cases:read", "cases:write"))

    response = client.put(
        reverse("api-case-diarium-number", args=[case.reference]),
        {"diarium_number": "KS 2026/0456"},
        content_type="application/json",
    )

    assert response.status_code == 200 and response.json()["diarium_number"] == "KS 2026/0456"
    assert case.events.get(kind=EventKind.DIARIUM_NUMBER_SET).actor == liaison
    assert references(client.get(CASES, {"diarium_number": "KS 2026/0456"})) == [case.reference]


def test_a_bad_date_filter_is_a_400_not_a_500(liaison):
    response = api(token_for(liaison, "cases:read")).get(CASES, {"received_after": "yesterday"})
    assert response.status_code == 400


@pytest.mark.parametrize("parameter", ["diarium_number", "department"])
def test_a_nul_character_in_a_filter_is_a_400_not_a_database_error(liaison, parameter):
    # Found by schemathesis on PostgreSQL, which refuses NUL in a string literal.
    response = api(token_for(liaison, "cases:read")).get(CASES, {parameter: "KS\x00"})
    assert response.status_code == 400 and parameter in response.json()
