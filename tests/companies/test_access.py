"""Business developers, the role the access matrix does not walk: every register URL answers
them as it answers liaison officers, and the liaison's own work stays closed to them."""

import pytest
from django.test import Client

from tests.companies.factories import make_business_developer
from tests.security.access_table import ACCESS, verdict
from tests.security.urls import all_routes, build
from tests.security.world import make_world


@pytest.mark.django_db
def test_business_developers_get_what_liaison_officers_get_on_every_register_url():
    world = make_world()
    client = Client()
    client.force_login(make_business_developer())
    routes = [route for route in all_routes() if route.name and route.name.startswith("companies:")]
    assert len(routes) >= 19
    wrong = []
    for route in routes:
        expect = ACCESS[route.name]
        response = client.get(build(route, expect.kwargs(world, "liaison")))
        if not verdict(response, expect.liaison):
            wrong.append(f"{route.name}: expected {expect.liaison}, got {response.status_code}")
    assert not wrong


@pytest.mark.django_db
def test_business_developers_do_not_triage_cases_or_run_the_forum():
    world = make_world()
    client = Client()
    client.force_login(make_business_developer())
    assert client.get("/dashboard/").status_code == 403
    assert client.get(f"/cases/{world.case_a.reference}/").status_code == 403
    assert client.get("/forum/manage/").status_code == 403
