"""Schemathesis against the schema the portal serves (/api/v1/schema/, fetched from the running
application through WSGI): every operation, with tokens of every scope and role; no 500, and
every answer as the schema says. The register, visits and follow-ups are walked too, by a
business developer's token and an integration acting as one."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi import checks

from api.tokens import create_api_token
from companies.services.follow_ups import add_follow_up
from companies.services.visits import record_visit
from liaison.services.referrals import route_case
from meetings.services import invite
from tests.api.factories import ALL_SCOPES
from tests.companies.factories import make_business_developer, make_contact, make_register_company, make_visit
from tests.factories import make_department, make_liaison, make_official
from tests.liaison.triage_factories import make_case, make_company

READ_SCOPES = [scope for scope in ALL_SCOPES if scope.endswith(":read")]


@pytest.fixture(autouse=True)
def one_connection_for_the_test():
    # Django's test client does the same: the application would otherwise close the test's
    # database connection after a request once it is older than CONN_MAX_AGE.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_tokens(db, settings) -> list[str]:  # type: ignore[no-untyped-def]
    settings.API_REQUESTS_PER_MINUTE = 100_000
    liaison = make_liaison("lina")
    building = make_department("bygglov")
    official = make_official("bo", building)
    case = make_case(make_company("Hamnens Bageri AB"))
    route_case(case, [building], liaison)
    make_case(make_company("Verkstaden i Mörrum AB"))
    developer = make_business_developer("nora")
    register_company = make_register_company(7, name="Karins Frisör", is_sole_trader=True)
    visit = make_visit(register_company, developer, contact=make_contact(register_company))
    invite(visit.meeting, name="Bo", email=official.email, user=official)
    record_visit(visit, recorded_by=developer, internal_notes="Internt")
    add_follow_up(visit, text="Ring tillbaka", working_days=3, owner_user=developer)
    make_visit(make_register_company(8), developer)
    return [
        create_api_token("liaison, every scope", ALL_SCOPES, user=liaison).secret,
        create_api_token("official, every scope", ALL_SCOPES, user=official).secret,
        create_api_token("business developer, every scope", ALL_SCOPES, user=developer).secret,
        create_api_token("diarium, reading", READ_SCOPES, role="liaison").secret,
        create_api_token(
            "crm, the register", ["companies:read", "visits:read"], role="business_developer"
        ).secret,
    ]


# Left out: a valid-looking organisationsnummer can still fail its check digit, which a schema
# cannot say, and unknown query parameters are ignored rather than refused, as is usual.
NOT_OURS = [checks.positive_data_acceptance, checks.negative_data_rejection]
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_its_schema_says(case, api_tokens):  # type: ignore[no-untyped-def]
    for token in api_tokens:
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=NOT_OURS)
